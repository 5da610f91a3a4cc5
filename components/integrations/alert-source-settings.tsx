"use client";
import { useActionState } from "react";
import { initialResult } from "@/lib/action-result";
import { updateAlertSourceAction } from "@/lib/alerts/actions";
import { SelectField, TextArea } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { SEVERITY_OPTIONS } from "./alert-source-form";

export function AlertSourceSettings({
  sourceId,
  rules,
  defaultSeverity,
  mitigate,
}: {
  sourceId: string;
  rules: string;
  defaultSeverity: string;
  mitigate: boolean;
}) {
  const [result, action] = useActionState(updateAlertSourceAction, initialResult);
  const errors = result.ok ? undefined : result.fieldErrors;
  return (
    <form action={action} noValidate className="space-y-3">
      <input type="hidden" name="sourceId" value={sourceId} />
      <TextArea
        name="rules"
        id={`rules-${sourceId}`}
        label="Severity rules"
        rows={4}
        defaultValue={rules}
        errors={errors?.rules}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm aria-[invalid=true]:border-red-600"
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          name="defaultSeverity"
          id={`default-${sourceId}`}
          label="Severity when no rule matches"
          defaultValue={defaultSeverity}
          options={SEVERITY_OPTIONS}
          errors={errors?.defaultSeverity}
        />
        <label className="flex items-start gap-2 self-end text-sm">
          <input
            type="checkbox"
            name="mitigateWhenResolved"
            defaultChecked={mitigate}
            className="mt-1"
          />
          <span>Mark mitigated when all alerts resolved</span>
        </label>
      </div>
      <FormMessage result={result} />
      <SubmitButton variant="secondary" pendingText="Saving…">
        Save rules
      </SubmitButton>
    </form>
  );
}
