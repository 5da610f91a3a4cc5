"use client";
import { useActionState } from "react";
import { initialResult } from "@/lib/action-result";
import { saveChatIntegrationAction } from "@/lib/chatops/actions";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function ChatSettingsForm({ workspaceId }: { workspaceId: string }) {
  const [result, action] = useActionState(saveChatIntegrationAction, initialResult);
  const errors = result.ok ? undefined : result.fieldErrors;
  return (
    <form action={action} noValidate className="space-y-4">
      <TextField
        name="workspaceId"
        id="chat-workspace"
        label="Slack workspace ID"
        defaultValue={workspaceId}
        placeholder="T0123ABCD"
        errors={errors?.workspaceId}
      />
      <TextField
        name="signingSecret"
        id="chat-secret"
        label="Signing secret"
        type="password"
        autoComplete="off"
        hint="Slack app → Basic Information → Signing Secret. Stored encrypted; paste it again to change it."
        errors={errors?.signingSecret}
      />
      <FormMessage result={result} />
      <SubmitButton pendingText="Saving…">Save Slack settings</SubmitButton>
    </form>
  );
}
