// One result type for every server action, rendered by components/ui/form.tsx.
import type { z } from "zod";

export type FieldErrors = Record<string, string[] | undefined>;

export type ActionResult<T = unknown> =
  | { ok: true; message?: string; data?: T }
  | {
      ok: false;
      message: string;
      fieldErrors?: FieldErrors;
      /** Set when the record changed since the form was loaded (optimistic locking). */
      conflict?: { current: Record<string, unknown>; changed: string[] };
    };

export const initialResult = { ok: true } as ActionResult<never>;

/**
 * Adds a message under a field name. The name comes from the request (a JSON key, a form field),
 * so "__proto__" is a possible one: it is made an own property instead of reaching
 * Object.prototype (which `errors[key] ??= []` would, then fail with a TypeError: a 500).
 */
export function addFieldError(
  errors: Record<string, string[] | undefined>,
  key: string,
  message: string,
) {
  if (!Object.hasOwn(errors, key))
    Object.defineProperty(errors, key, {
      value: [],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  errors[key]!.push(message);
}

export function invalid(
  error: z.ZodError,
  message = "Please correct the highlighted fields.",
): ActionResult<never> {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues)
    addFieldError(fieldErrors, issue.path.join(".") || "_form", issue.message);
  return { ok: false, message, fieldErrors };
}

export function failure(message: string, fieldErrors?: FieldErrors): ActionResult<never> {
  return { ok: false, message, fieldErrors };
}
