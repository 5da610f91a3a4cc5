"use client";
import { useActionState, useEffect, useRef } from "react";
import { initialResult } from "@/lib/action-result";
import { INVITATION_TTL_DAYS } from "@/lib/teams/invitations";
import { inviteMemberAction } from "@/lib/teams/actions";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { EMAIL_MAX } from "@/lib/auth/schema";

export function InviteForm() {
  const [result, action] = useActionState(inviteMemberAction, initialResult);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = result.ok ? undefined : result.fieldErrors;
  useEffect(() => {
    // A sent invitation clears the address so the next one starts fresh.
    if (result.ok && result.message) formRef.current?.reset();
  }, [result]);
  return (
    <form ref={formRef} action={action} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
        <TextField
          name="email"
          id="invite-email"
          label="Email address"
          type="email"
          autoComplete="off"
          required
          maxLength={EMAIL_MAX}
          placeholder="name@example.com"
          errors={errors?.email}
        />
        <SelectField
          name="role"
          id="invite-role"
          label="Role"
          defaultValue="VIEWER"
          errors={errors?.role}
          options={[
            { value: "VIEWER", label: "Viewer (read only)" },
            { value: "EDITOR", label: "Editor" },
          ]}
        />
      </div>
      <p className="text-xs text-slate-600">
        They get an email with a sign-in link; the invitation expires after {INVITATION_TTL_DAYS}{" "}
        days. To add an owner, invite them and then change their role.
      </p>
      <FormMessage result={result} />
      <SubmitButton pendingText="Sending invitation…">Send invitation</SubmitButton>
    </form>
  );
}
