// A form field's maxLength read from the zod schema that checks it on the server, so the two
// cannot drift apart (issue 9, "limits read from the zod schemas, not repeated as literals").
// Pure; safe in client components.
import type { z } from "zod";

interface Def {
  type?: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  checks?: { _zod: { def: { check?: string; maximum?: number } } }[];
}

/**
 * The largest length a string schema accepts: through `.optional()`, `.default()`, `.catch()`,
 * `.nullable()` and `z.preprocess()`/`.pipe()` wrappers. Throws when the schema has no maximum,
 * so a form cannot quietly lose its limit.
 */
export function maxLengthOf(schema: z.ZodType): number {
  const max = find(schema, 0);
  if (max === null) throw new Error("This schema sets no maximum length.");
  return max;
}

function find(schema: z.ZodType | undefined, depth: number): number | null {
  if (!schema || depth > 10) return null;
  const own = (schema as { maxLength?: number | null }).maxLength;
  if (typeof own === "number") return own;
  const def: Def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const fromChecks = def.checks
    ?.map((c) => c._zod.def)
    .find((d) => d.check === "max_length" && typeof d.maximum === "number")?.maximum;
  if (typeof fromChecks === "number") return fromChecks;
  // A wrapper checks its inner type; a pipe checks its output (preprocess) or its input
  // (a string with a max, then a transform).
  if (def.innerType) return find(def.innerType, depth + 1);
  if (def.type === "pipe") return find(def.out, depth + 1) ?? find(def.in, depth + 1);
  return null;
}
