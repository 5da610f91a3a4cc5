"use client";
import { useActionState } from "react";
import { initialResult, type ActionResult } from "@/lib/action-result";
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
  return (
    <SavedSecretForm
      save={saveSlackBotTokenAction}
      status={saved ? "A bot token is saved." : "No bot token is saved."}
      name="botToken"
      id="chat-bot-token"
      label="Bot token"
      placeholder="xoxb-…"
      hint="Slack app → OAuth & Permissions → Bot User OAuth Token, with the channels:history, groups:history and users:read scopes. Stored encrypted. Save an empty field to remove it."
      submit="Save bot token"
    />
  );
}

/** The Mattermost slash command's token (stored as a hash: it can be replaced, never shown). */
export function MattermostTokenForm({ saved }: { saved: boolean }) {
  return (
    <SavedSecretForm
      save={saveMattermostTokenAction}
      status={saved ? "A command token is saved." : "No command token is saved."}
      name="commandToken"
      id="chat-mattermost-token"
      label="Mattermost command token"
      hint="Mattermost → Integrations → Slash Commands → your /postmortem command → Token. Stored as a hash; paste it again after regenerating it there. Save an empty field to turn Mattermost commands off."
      submit="Save Mattermost token"
    />
  );
}

/**
 * One secret the server keeps but never shows again: a line saying whether one is saved, a
 * password field to replace it (empty removes it) and its save button.
 */
function SavedSecretForm({
  save,
  status,
  name,
  id,
  label,
  placeholder,
  hint,
  submit,
}: {
  save: (prev: ActionResult, formData: FormData) => Promise<ActionResult>;
  status: string;
  name: string;
  id: string;
  label: string;
  placeholder?: string;
  hint: string;
  submit: string;
}) {
  const [result, action] = useActionState(save, initialResult);
  const errors = result.ok ? undefined : result.fieldErrors;
  return (
    <form action={action} noValidate className="space-y-4">
      <p className="text-sm text-slate-700" role="status">
        {status}
      </p>
      <TextField
        name={name}
        id={id}
        label={label}
        type="password"
        autoComplete="off"
        placeholder={placeholder}
        hint={hint}
        errors={errors?.[name]}
      />
      <FormMessage result={result} />
      <SubmitButton pendingText="Saving…">{submit}</SubmitButton>
    </form>
  );
}
