"use client";
import { useActionState, useState } from "react";
import { initialResult, type ActionResult } from "@/lib/action-result";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { narrativeErrorField } from "@/lib/reports/readiness";
import { FieldLink } from "./empty-sections";
import { useUnsavedEdits } from "./unsaved-edits";

const NARRATIVE_PREFIX = narrativeErrorField("");

/** Each distinct field message once, with the field it belongs to (not the form's own message). */
function fieldMessages(errors: Record<string, string[] | undefined>, formMessage: string) {
  const seen = new Set<string>([formMessage]);
  const out: { key: string; message: string }[] = [];
  for (const [key, messages] of Object.entries(errors))
    for (const message of messages ?? [])
      if (message && !seen.has(message)) {
        seen.add(message);
        out.push({ key, message });
      }
  return out;
}

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
  // The editor's own saves are not "someone else's change": take its newer version if the
  // page has not caught up yet (see unsaved-edits.tsx).
  const latest = (name: string, value: string | number) =>
    refuseWhileUnsaved && name === "baseVersion" && edits?.version != null
      ? Math.max(Number(value), edits.version)
      : value;
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
        <input key={k} type="hidden" name={k} value={String(latest(k, v))} />
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
          {fieldMessages(result.fieldErrors, result.message).map(({ key, message }) => (
            <li key={message}>
              {key.startsWith(NARRATIVE_PREFIX) ? (
                // An empty required section: the message links to its field in the editor.
                <FieldLink fieldKey={key.slice(NARRATIVE_PREFIX.length)}>{message}</FieldLink>
              ) : (
                message
              )}
            </li>
          ))}
        </ul>
      )}
      <SubmitButton variant={variant} pendingText={pendingText}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
