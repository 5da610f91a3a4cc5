"use client";
import { useActionState } from "react";
import { initialResult, type ActionResult } from "@/lib/action-result";
import { SubmitButton } from "@/components/ui/submit-button";

/** One button bound to one server action, with its pending state and an announced result. */
export function RowAction({
  action,
  label,
  context,
  pendingText,
  variant = "secondary",
  hidden = false,
}: {
  action: (prev: ActionResult) => Promise<ActionResult>;
  label: string;
  /** Read by screen readers after the label, e.g. "link for jane@example.com". */
  context: string;
  pendingText: string;
  variant?: "secondary" | "danger";
  /** Hides the button but stays mounted, so the outcome of the last click stays announced. */
  hidden?: boolean;
}) {
  const [result, formAction] = useActionState(action, initialResult);
  return (
    <form action={formAction} className="inline-flex flex-col items-start gap-1">
      {!hidden && (
        <SubmitButton variant={variant} pendingText={pendingText} className="px-2 py-1 text-xs">
          {label}
          <span className="sr-only"> {context}</span>
        </SubmitButton>
      )}
      <span
        role="status"
        aria-live="polite"
        className={`text-xs ${result.ok ? "text-green-800" : "text-red-700"}`}
      >
        {result.message}
      </span>
    </form>
  );
}
