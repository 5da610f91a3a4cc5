"use client";
import { useActionState } from "react";
import { initialResult } from "@/lib/action-result";
import {
  saveChatIntegrationAction,
  saveMattermostTokenAction,
  saveSlackBotTokenAction,
} from "@/lib/chatops/actions";
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

/** The bot token that reads channel history for timeline imports (stored encrypted). */
export function SlackBotTokenForm({ saved }: { saved: boolean }) {
  const [result, action] = useActionState(saveSlackBotTokenAction, initialResult);
  const errors = result.ok ? undefined : result.fieldErrors;
  return (
    <form action={action} noValidate className="space-y-4">
      <p className="text-sm text-slate-700" role="status">
        {saved ? "A bot token is saved." : "No bot token is saved."}
      </p>
      <TextField
        name="botToken"
        id="chat-bot-token"
        label="Bot token"
        type="password"
        autoComplete="off"
        placeholder="xoxb-…"
        hint="Slack app → OAuth & Permissions → Bot User OAuth Token, with the channels:history, groups:history and users:read scopes. Stored encrypted. Save an empty field to remove it."
        errors={errors?.botToken}
      />
      <FormMessage result={result} />
      <SubmitButton pendingText="Saving…">Save bot token</SubmitButton>
    </form>
  );
}

/** The Mattermost slash command's token (stored as a hash: it can be replaced, never shown). */
export function MattermostTokenForm({ saved }: { saved: boolean }) {
  const [result, action] = useActionState(saveMattermostTokenAction, initialResult);
  const errors = result.ok ? undefined : result.fieldErrors;
  return (
    <form action={action} noValidate className="space-y-4">
      <p className="text-sm text-slate-700" role="status">
        {saved ? "A command token is saved." : "No command token is saved."}
      </p>
      <TextField
        name="commandToken"
        id="chat-mattermost-token"
        label="Mattermost command token"
        type="password"
        autoComplete="off"
        hint="Mattermost → Integrations → Slash Commands → your /postmortem command → Token. Stored as a hash; paste it again after regenerating it there. Save an empty field to turn Mattermost commands off."
        errors={errors?.commandToken}
      />
      <FormMessage result={result} />
      <SubmitButton pendingText="Saving…">Save Mattermost token</SubmitButton>
    </form>
  );
}
