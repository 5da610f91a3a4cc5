"use client";
import { useActionState, useState } from "react";
import { initialResult, type ActionResult } from "@/lib/action-result";
import {
  ACTION_ITEM_LIMITS,
  ACTION_ITEM_TYPE_LABELS,
  ACTION_ITEM_TYPES,
  ACTION_STATUS_LABELS,
  ACTION_STATUSES,
  PRIORITIES,
  PRIORITY_LABELS,
} from "@/lib/action-items/constants";
import { SelectField, TextArea, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { MarkdownTextArea } from "@/components/markdown/markdown-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionItemFormValues } from "@/lib/action-items/form-values";

const FIELD_LABELS: Record<string, string> = {
  title: "Title",
  description: "Description",
  ownerId: "Owner",
  dueDate: "Due date",
  priority: "Priority",
  type: "Type",
  status: "Status",
  wontDoReason: "Reason",
  trackerUrl: "Tracker link",
  whyNodeId: "Addresses",
};

/** Create and edit form. Controlled, so the user's input survives errors and conflicts. */
export function ActionItemForm({
  action,
  initial,
  owners,
  causes,
  fixedCause,
  version,
  submitLabel,
  returnTo,
}: {
  action: (prev: ActionResult, formData: FormData) => Promise<ActionResult<unknown>>;
  initial: ActionItemFormValues;
  owners: { id: string; name: string | null; email: string }[];
  causes: { id: string; statement: string; isRootCause: boolean }[];
  fixedCause?: { id: string; statement: string };
  version?: number;
  submitLabel: string;
  returnTo?: string;
}) {
  const [result, formAction] = useActionState(
    action as (prev: ActionResult<unknown>, formData: FormData) => Promise<ActionResult<unknown>>,
    initialResult,
  );
  const [v, setV] = useState(initial);
  const set =
    (k: keyof ActionItemFormValues) =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setV((prev) => ({ ...prev, [k]: e.target.value }));
  const errors = (k: string) => (result.ok ? undefined : result.fieldErrors?.[k]);
  const conflict = !result.ok ? result.conflict : undefined;

  return (
    <form action={formAction} className="max-w-2xl space-y-4" noValidate>
      {version != null && (
        <input
          type="hidden"
          name="version"
          value={conflict ? String(conflict.current.version ?? version) : version}
        />
      )}
      {returnTo && <input type="hidden" name="returnTo" value={returnTo} />}
      {conflict && (
        <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium">
            Someone else saved this action item while you were editing. Your changes are still in
            the form.
          </p>
          {conflict.changed.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {conflict.changed.map((k) => (
                <li key={k}>
                  {FIELD_LABELS[k] ?? k} is now:{" "}
                  <strong>{String(conflict.current[k] ?? "empty") || "empty"}</strong>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-1">Save again to replace their values with yours.</p>
        </div>
      )}
      <TextField
        name="title"
        label="Title"
        required
        maxLength={ACTION_ITEM_LIMITS.title}
        value={v.title}
        onChange={set("title")}
        errors={errors("title")}
      />
      <MarkdownTextArea
        name="description"
        label="Description"
        rows={4}
        maxLength={ACTION_ITEM_LIMITS.description}
        value={v.description}
        onChange={set("description")}
        errors={errors("description")}
        hint="What done looks like. Markdown is fine."
      />
      {fixedCause ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <input type="hidden" name="whyNodeId" value={fixedCause.id} />
          <p className="font-medium">Countermeasure for the root cause:</p>
          <p className="break-words">{fixedCause.statement}</p>
        </div>
      ) : (
        <SelectField
          name="whyNodeId"
          label="Addresses (5 Whys cause)"
          value={v.whyNodeId}
          onChange={set("whyNodeId")}
          errors={errors("whyNodeId")}
          options={[
            { value: "", label: "No specific cause" },
            ...causes.map((c) => ({
              value: c.id,
              label: `${c.isRootCause ? "Root cause: " : ""}${c.statement.slice(0, 100)}`,
            })),
          ]}
        />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="ownerId"
          label="Owner"
          value={v.ownerId}
          onChange={set("ownerId")}
          errors={errors("ownerId")}
          options={[
            { value: "", label: "Unassigned" },
            ...owners.map((o) => ({
              value: o.id,
              label: o.name ? `${o.name} (${o.email})` : o.email,
            })),
          ]}
        />
        <TextField
          name="dueDate"
          label="Due date"
          type="date"
          value={v.dueDate}
          onChange={set("dueDate")}
          errors={errors("dueDate")}
          hint="Overdue from the day after."
        />
        <SelectField
          name="priority"
          label="Priority"
          value={v.priority}
          onChange={set("priority")}
          errors={errors("priority")}
          options={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))}
        />
        <SelectField
          name="type"
          label="Type"
          value={v.type}
          onChange={set("type")}
          errors={errors("type")}
          hint="Prevent a recurrence, mitigate the effect, detect it sooner, or change a process."
          options={[
            { value: "", label: "Not set" },
            ...ACTION_ITEM_TYPES.map((t) => ({ value: t, label: ACTION_ITEM_TYPE_LABELS[t] })),
          ]}
        />
        <SelectField
          name="status"
          label="Status"
          value={v.status}
          onChange={set("status")}
          errors={errors("status")}
          options={ACTION_STATUSES.map((s) => ({ value: s, label: ACTION_STATUS_LABELS[s] }))}
        />
      </div>
      {v.status === "WONT_DO" && (
        <TextArea
          name="wontDoReason"
          label="Why won't this be done?"
          rows={2}
          maxLength={ACTION_ITEM_LIMITS.wontDoReason}
          value={v.wontDoReason}
          onChange={set("wontDoReason")}
          errors={errors("wontDoReason")}
          required
        />
      )}
      <TextField
        name="trackerUrl"
        label="Tracker link (optional)"
        type="url"
        placeholder="https://tracker.example.com/PROJ-123"
        maxLength={ACTION_ITEM_LIMITS.trackerUrl}
        value={v.trackerUrl}
        onChange={set("trackerUrl")}
        errors={errors("trackerUrl")}
      />
      <FormMessage result={result} />
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}
