"use client";
import { RouteError } from "@/components/ui/route-error";

export default function PageError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <RouteError reset={reset} what="this page" digest={error.digest} />
    </main>
  );
}
