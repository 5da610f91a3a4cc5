import type { ActionResult } from "@/lib/action-result";

/** The form-level outcome of an action, announced to screen readers. */
export function FormMessage({ result }: { result: ActionResult<unknown> | undefined }) {
  return (
    <div aria-live="polite" role="status">
      {result && !result.ok && (
        <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {result.message}
        </p>
      )}
      {result?.ok && result.message && (
        <p className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          {result.message}
        </p>
      )}
    </div>
  );
}
