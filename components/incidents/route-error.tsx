"use client";
import { Button } from "@/components/ui/button";

/** Shown when loading a page failed unexpectedly; the user can retry without losing the URL. */
export function RouteError({ reset, what }: { reset: () => void; what: string }) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-red-200 bg-red-50 p-6 text-sm text-red-900"
    >
      <p className="font-medium">Could not load {what}.</p>
      <p className="mt-1">
        This is probably temporary. Try again; if it keeps happening, tell your administrator.
      </p>
      <Button type="button" variant="secondary" className="mt-3" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
