"use client";
import { useActionState } from "react";
import { initialResult, type ActionResult } from "@/lib/action-result";
import { SubmitButton } from "@/components/ui/submit-button";

/** A one-field form posting a record id to a defineAction action, with its outcome announced. */
export function IdActionButton({
  action,
  name,
  value,
  label,
  context,
  pendingText,
  variant = "danger",
}: {
  action: (prev: ActionResult<unknown>, formData: FormData) => Promise<ActionResult<unknown>>;
  name: string;
  value: string;
  label: string;
  context: string;
  pendingText: string;
  variant?: "secondary" | "danger";
}) {
  const [result, formAction] = useActionState(action, initialResult);
  return (
    <form action={formAction} className="inline-flex flex-col items-start gap-1">
      <input type="hidden" name={name} value={value} />
      <SubmitButton variant={variant} pendingText={pendingText} className="px-2 py-1 text-xs">
        {label}
        <span className="sr-only"> {context}</span>
      </SubmitButton>
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
