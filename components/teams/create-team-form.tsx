"use client";
import { useActionState } from "react";
import { initialResult } from "@/lib/action-result";
import { createTeamAction } from "@/lib/teams/actions";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { TEAM_NAME_MAX } from "@/lib/teams/schema";

export function CreateTeamForm() {
  const [result, action] = useActionState(createTeamAction, initialResult);
  return (
    <form action={action} className="space-y-4" noValidate>
      <TextField
        name="name"
        label="Team name"
        placeholder="Platform team"
        required
        maxLength={TEAM_NAME_MAX}
        errors={result.ok ? undefined : result.fieldErrors?.name}
      />
      <FormMessage result={result} />
      <SubmitButton pendingText="Creating…">Create team</SubmitButton>
    </form>
  );
}
