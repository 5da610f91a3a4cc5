"use client";
import { useActionState } from "react";
import { initialResult } from "@/lib/action-result";
import { renameTeamAction } from "@/lib/teams/actions";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { TEAM_NAME_MAX } from "@/lib/teams/schema";

export function TeamNameForm({ name }: { name: string }) {
  const [result, action] = useActionState(renameTeamAction, initialResult);
  return (
    <form action={action} noValidate className="space-y-4">
      <TextField
        name="name"
        id="team-name-input"
        label="Team name"
        defaultValue={name}
        required
        maxLength={TEAM_NAME_MAX}
        errors={result.ok ? undefined : result.fieldErrors?.name}
      />
      <FormMessage result={result} />
      <SubmitButton pendingText="Saving…">Save team name</SubmitButton>
    </form>
  );
}
