"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A secret shown once, with a copy button; focus lands on it so keyboard users find it. */
export function SecretReveal({
  label,
  secret,
  children,
}: {
  label: string;
  secret: string;
  children?: React.ReactNode;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <div
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3"
      role="region"
      aria-label={label}
    >
      <p className="text-sm font-medium text-amber-900">
        {label}: copy it now, it will not be shown again.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <input
          readOnly
          value={secret}
          aria-label={label}
          data-testid="revealed-secret"
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
        />
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            void navigator.clipboard?.writeText(secret).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          Copy
        </Button>
        <span role="status" aria-live="polite" className="text-xs text-green-800">
          {copied ? "Copied." : ""}
        </span>
      </div>
      {children}
    </div>
  );
}
