"use client";
import { Button } from "@/components/ui/button";

/**
 * Shown when loading a page failed unexpectedly; the user can retry without losing the URL.
 * No stack trace or message reaches the user: only the digest Next gives the error, which the
 * server's log line carries too, so an administrator can find it.
 */
export function RouteError({
  reset,
  what,
  digest,
}: {
  reset: () => void;
  what: string;
  digest?: string;
}) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-red-200 bg-red-50 p-6 text-sm text-red-900"
    >
      <p className="font-medium">Could not load {what}.</p>
      <p className="mt-1">
        This is probably temporary. Try again; if it keeps happening, tell your administrator.
      </p>
      {digest && <p className="mt-1 text-xs text-red-800">Reference: {digest}</p>}
      <Button type="button" variant="secondary" className="mt-3" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
