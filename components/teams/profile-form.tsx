"use client";
import { useActionState } from "react";
import { initialResult } from "@/lib/action-result";
import { updateProfileAction } from "@/lib/teams/actions";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { DISPLAY_NAME_MAX } from "@/lib/teams/schema";

export function ProfileForm({
  name,
  email,
  timeZone,
  timeZones,
}: {
  name: string | null;
  email: string;
  timeZone: string | null;
  timeZones: string[];
}) {
  const [result, action] = useActionState(updateProfileAction, initialResult);
  const errors = result.ok ? undefined : result.fieldErrors;
  return (
    <form action={action} noValidate className="space-y-4">
      <TextField
        name="name"
        id="profile-name"
        label="Display name"
        defaultValue={name ?? ""}
        autoComplete="name"
        required
        maxLength={DISPLAY_NAME_MAX}
        hint={`Shown to your teams next to ${email}.`}
        errors={errors?.name}
      />
      <SelectField
        name="timeZone"
        id="profile-time-zone"
        label="Time zone"
        defaultValue={timeZone ?? ""}
        hint="Timelines and dates are shown in this zone; UTC appears on hover."
        errors={errors?.timeZone}
        options={[
          { value: "", label: "Not set (UTC)" },
          ...timeZones.map((z) => ({ value: z, label: z.replaceAll("_", " ") })),
        ]}
      />
      <FormMessage result={result} />
      <SubmitButton pendingText="Saving…">Save profile</SubmitButton>
    </form>
  );
}
