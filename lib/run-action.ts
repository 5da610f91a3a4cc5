import "server-only";
import { z } from "zod";
import { failure, invalid, type ActionResult } from "@/lib/action-result";
import { AuthorizationError } from "@/lib/auth/session";
import { ConflictError, InputError, NotFoundError, RuleError } from "@/lib/errors";

/**
 * Turns the domain's errors into the one action result type, so every action reads as
 * authenticate → authorize → parse → mutate → audit → revalidate without try/catch noise.
 */
export async function runAction<T>(fn: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof z.ZodError) return invalid(error);
    if (error instanceof InputError) return failure(error.message, error.fieldErrors);
    if (error instanceof AuthorizationError) return failure(error.message);
    if (error instanceof NotFoundError) return failure(error.message);
    if (error instanceof RuleError)
      return failure(error.message, error.field ? { [error.field]: [error.message] } : undefined);
    if (error instanceof ConflictError) {
      return {
        ok: false,
        message: error.message,
        conflict: { current: error.current, changed: error.changed },
      };
    }
    throw error;
  }
}
