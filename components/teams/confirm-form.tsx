"use client";
import { useActionState, useEffect, useRef, useState } from "react";
import { initialResult, type ActionResult } from "@/lib/action-result";
import { Button, buttonClass } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { announce } from "./page-status";

/**
 * A destructive action in two steps: the first button asks, the second confirms. Focus moves
 * to the confirmation so keyboard users land on the choice; Escape or Cancel backs out.
 */
export function ConfirmForm({
  action,
  hidden,
  label,
  accessibleLabel,
  question,
  confirmLabel,
  pendingText,
}: {
  action: (prev: ActionResult, formData: FormData) => Promise<ActionResult>;
  hidden: Record<string, string>;
  label: string;
  accessibleLabel?: string;
  question: string;
  confirmLabel: string;
  pendingText: string;
}) {
  const [result, formAction] = useActionState(async (prev: ActionResult, formData: FormData) => {
    const next = await action(prev, formData);
    if (next.ok && next.message) announce(next.message);
    return next;
  }, initialResult);
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking)
      confirmRef.current?.querySelector<HTMLButtonElement>("button[type=submit]")?.focus();
    else if (wasAsking.current) askRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  return (
    <div className="space-y-1">
      {asking ? (
        <form action={formAction} onKeyDown={(e) => e.key === "Escape" && setAsking(false)}>
          {Object.entries(hidden).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <div
            ref={confirmRef}
            role="group"
            aria-label={question}
            className="flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50 px-2 py-1.5"
          >
            <span className="text-sm text-red-900">{question}</span>
            <SubmitButton variant="danger" pendingText={pendingText} className="py-1">
              {confirmLabel}
            </SubmitButton>
            <Button type="button" variant="ghost" className="py-1" onClick={() => setAsking(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <button
          ref={askRef}
          type="button"
          className={buttonClass("secondary", "py-1")}
          aria-label={accessibleLabel}
          onClick={() => setAsking(true)}
        >
          {label}
        </button>
      )}
      <div role="status" aria-live="polite" className="text-sm">
        {!result.ok && <p className="text-red-700">{result.message}</p>}
      </div>
    </div>
  );
}
