"use client";
import { useActionState } from "react";
import { initialResult, type ActionResult } from "@/lib/action-result";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * A small form around one bound server action: hidden values, optional fields, a submit
 * button with a pending state and the result announced in a live region.
 */
export function ActionForm({
  action,
  hidden = {},
  submitLabel,
  pendingText,
  variant = "primary",
  children,
  className = "space-y-3",
  label,
}: {
  action: (prev: ActionResult, formData: FormData) => Promise<ActionResult<unknown>>;
  hidden?: Record<string, string | number>;
  submitLabel: string;
  pendingText?: string;
  variant?: "primary" | "secondary" | "danger";
  children?: React.ReactNode;
  className?: string;
  label?: string;
}) {
  const [result, formAction] = useActionState(action as (prev: ActionResult<unknown>, formData: FormData) => Promise<ActionResult<unknown>>, initialResult);
  return (
    <form action={formAction} className={className} aria-label={label} noValidate>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={String(v)} />
      ))}
      {children}
      <FormMessage result={result} />
      {!result.ok && result.fieldErrors && (
        <ul className="list-disc pl-5 text-sm text-red-700" aria-live="polite">
          {[...new Set(Object.values(result.fieldErrors).flat())].map((m) => m && m !== result.message && <li key={m}>{m}</li>)}
        </ul>
      )}
      <SubmitButton variant={variant} pendingText={pendingText}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
