// Small helpers the 5 Whys editor's parts share for calling server actions and wording results.
import type { ActionResult } from "@/lib/action-result";

/** A server action that could not be reached (offline, deploy in progress) becomes an ordinary failure. */
export async function call<T>(promise: Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await promise;
  } catch {
    return {
      ok: false,
      message:
        "Could not reach the server. Check your connection and try again: nothing was saved.",
    };
  }
}

/** The message for one field if the server named it, else the overall message. */
export function firstError(result: Extract<ActionResult<unknown>, { ok: false }>, field?: string) {
  return (field && result.fieldErrors?.[field]?.[0]) ?? result.message;
}

/** A statement in curly quotes, shortened for announcements and labels. */
export const quote = (s: string, n = 120) => `“${s.length > n ? `${s.slice(0, n - 1)}…` : s}”`;
