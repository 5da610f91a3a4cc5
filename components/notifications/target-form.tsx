"use client";
import { useState } from "react";
import { NOTIFICATION_EVENTS } from "@/lib/notifications/events";
import { createTargetAction } from "@/lib/notifications/actions";
import {
  TARGET_KIND_LABELS,
  TARGET_KINDS,
  TARGET_NAME_MAX,
  type TargetKind,
} from "@/lib/notifications/schema";
import { SecretReveal } from "@/components/integrations/secret-reveal";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useCreateForm } from "@/components/ui/use-create-form";
import { EventChoices } from "./event-choices";

const KIND_OPTIONS = TARGET_KINDS.map((k) => ({ value: k, label: TARGET_KIND_LABELS[k] }));

const URL_HINTS: Record<TargetKind, string> = {
  SLACK:
    "Slack: your app's Incoming Webhooks page, “Add New Webhook to Workspace” (https://hooks.slack.com/services/…).",
  MATTERMOST:
    "Mattermost: Integrations → Incoming Webhooks → Add (https://your-mattermost/hooks/…).",
  WEBHOOK:
    "Any HTTPS endpoint. Each request is signed per Standard Webhooks; the secret is shown once after creating.",
};

export function TargetForm() {
  const { result, action, formRef, errors, created } = useCreateForm(createTargetAction);
  const [kind, setKind] = useState<TargetKind>("SLACK");
  return (
    <div className="space-y-4">
      <form ref={formRef} action={action} noValidate className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            name="name"
            id="target-name"
            label="Name"
            required
            maxLength={TARGET_NAME_MAX}
            placeholder="e.g. #incidents channel"
            errors={errors?.name}
          />
          <SelectField
            name="kind"
            id="target-kind"
            label="Send to"
            value={kind}
            onChange={(e) => setKind(e.target.value as TargetKind)}
            options={KIND_OPTIONS}
            errors={errors?.kind}
          />
        </div>
        <TextField
          name="url"
          id="target-url"
          label="Webhook URL"
          type="url"
          required
          autoComplete="off"
          hint={URL_HINTS[kind]}
          errors={errors?.url}
        />
        <EventChoices
          idPrefix="target-new"
          selected={NOTIFICATION_EVENTS}
          errors={errors?.events}
        />
        <FormMessage result={result} />
        <SubmitButton pendingText="Checking the address…">Add target</SubmitButton>
      </form>
      {created?.secret && (
        <SecretReveal label="Signing secret" secret={created.secret}>
          <p className="text-xs text-slate-700">
            Verify the <code>webhook-signature</code> header of each request with it (any Standard
            Webhooks library). See docs/integrations.md.
          </p>
        </SecretReveal>
      )}
    </div>
  );
}
