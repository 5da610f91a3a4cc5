// PostgreSQL text cannot hold NUL (0x00): refuse it per field before anything is parsed or
// written, instead of a 500 from the database driver.
import { addFieldError } from "@/lib/action-result";

const NUL = "\u0000";

/** Field → message for every string (at any depth) that holds a NUL byte; null when clean. */
export function nulFieldErrors(value: unknown, path = ""): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {};
  walk(value, path, errors, 0);
  return Object.keys(errors).length ? errors : null;
}

function walk(value: unknown, path: string, errors: Record<string, string[]>, depth: number) {
  if (depth > 20) return;
  if (typeof value === "string") {
    if (value.includes(NUL))
      addFieldError(errors, path || "_form", "Contains a character that is not allowed (NUL).");
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, path ? `${path}.${i}` : String(i), errors, depth + 1));
  } else if (value && typeof value === "object" && !(value instanceof Blob)) {
    for (const [k, v] of Object.entries(value))
      walk(v, path ? `${path}.${k}` : k, errors, depth + 1);
  }
}

export function hasNul(value: string): boolean {
  return value.includes(NUL);
}
