"use client";
import { RouteError } from "@/components/ui/route-error";

export default function PortalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="mx-auto max-w-xl py-16">
      <RouteError reset={reset} what="the shared reports" digest={error.digest} />
    </div>
  );
}
