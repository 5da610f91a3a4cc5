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

export function invalid(
  error: z.ZodError,
  message = "Please correct the highlighted fields.",
): ActionResult<never> {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, message, fieldErrors };
}

export function failure(message: string, fieldErrors?: FieldErrors): ActionResult<never> {
  return { ok: false, message, fieldErrors };
}
