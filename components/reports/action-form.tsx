"use client";
import { useActionState, useState } from "react";
import { initialResult, type ActionResult } from "@/lib/action-result";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useUnsavedEdits } from "./unsaved-edits";

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
  refuseWhileUnsaved = false,
}: {
  action: (prev: ActionResult, formData: FormData) => Promise<ActionResult<unknown>>;
  hidden?: Record<string, string | number>;
  submitLabel: string;
  pendingText?: string;
  variant?: "primary" | "secondary" | "danger";
  children?: React.ReactNode;
  className?: string;
  label?: string;
  /** Refuse to submit while the report editor on the page still holds unsaved text. */
  refuseWhileUnsaved?: boolean;
}) {
  const [result, formAction] = useActionState(
    action as (prev: ActionResult<unknown>, formData: FormData) => Promise<ActionResult<unknown>>,
    initialResult,
  );
  const edits = useUnsavedEdits();
  const [refused, setRefused] = useState(false);
  const blocked = refuseWhileUnsaved && !!edits?.unsaved;
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    if (!blocked) return setRefused(false);
    // React skips the form action when the submit event was cancelled.
    e.preventDefault();
    setRefused(true);
    edits?.flush();
  }
  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      className={className}
      aria-label={label}
      noValidate
    >
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={String(v)} />
      ))}
      {children}
      <FormMessage result={result} />
      {refused && blocked && (
        <p
          role="alert"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
        >
          Some of your text is not saved yet. Wait for “All changes saved”, then try again.
        </p>
      )}
      {!result.ok && result.fieldErrors && (
        <ul className="list-disc pl-5 text-sm text-red-700" aria-live="polite">
          {[...new Set(Object.values(result.fieldErrors).flat())].map(
            (m) => m && m !== result.message && <li key={m}>{m}</li>,
          )}
        </ul>
      )}
      <SubmitButton variant={variant} pendingText={pendingText}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
