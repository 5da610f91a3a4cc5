"use client";
import { useActionState } from "react";
import { initialResult } from "@/lib/action-result";
import { changeRoleAction } from "@/lib/teams/actions";
import { SubmitButton } from "@/components/ui/submit-button";

export const roleOptions = [
  { value: "OWNER", label: "Owner" },
  { value: "EDITOR", label: "Editor" },
  { value: "VIEWER", label: "Viewer" },
];

/** One member's role: a select and its own Save, with the outcome announced beside it. */
export function RoleForm({
  membershipId,
  role,
  memberLabel,
}: {
  membershipId: string;
  role: string;
  memberLabel: string;
}) {
  const [result, action] = useActionState(changeRoleAction, initialResult);
  const id = `role-${membershipId}`;
  const error = !result.ok ? (result.fieldErrors?.role?.[0] ?? result.message) : undefined;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="membershipId" value={membershipId} />
      <label htmlFor={id} className="sr-only">
        Role for {memberLabel}
      </label>
      <select
        id={id}
        name="role"
        defaultValue={role}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-status`}
        className="rounded-md border border-slate-300 bg-white py-1 pl-2 pr-7 text-sm aria-[invalid=true]:border-red-600"
      >
        {roleOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <SubmitButton variant="secondary" pendingText="Saving…" className="py-1">
        Save<span className="sr-only"> role for {memberLabel}</span>
      </SubmitButton>
      <span id={`${id}-status`} role="status" aria-live="polite" className="text-sm">
        {error ? (
          <span className="text-red-700">{error}</span>
        ) : result.message ? (
          <span className="text-green-800">{result.message}</span>
        ) : null}
      </span>
    </form>
  );
}
