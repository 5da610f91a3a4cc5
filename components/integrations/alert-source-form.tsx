"use client";
import { useState } from "react";
import { createAlertSourceAction } from "@/lib/alerts/actions";
import { SelectField, TextArea, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useCreateForm } from "@/components/ui/use-create-form";
import { SecretReveal } from "./secret-reveal";
import { ALERT_SOURCE_NAME_MAX } from "@/lib/alerts/schema";

const KINDS = [
  { value: "ALERTMANAGER", label: "Prometheus Alertmanager" },
  { value: "GRAFANA", label: "Grafana alerting (webhook contact point)" },
  { value: "KAPACITOR", label: "Kapacitor (alert .post())" },
  { value: "SENTRY", label: "Sentry (internal integration)" },
  { value: "GENERIC", label: "Generic JSON (Kibana/Elastic, scripts…)" },
];

export const SEVERITY_OPTIONS = ["SEV1", "SEV2", "SEV3", "SEV4"].map((s) => ({
  value: s,
  label: s,
}));

export function AlertSourceForm({
  defaultRules,
  appUrl,
}: {
  defaultRules: string;
  appUrl: string;
}) {
  const { result, action, formRef, errors, created } = useCreateForm(createAlertSourceAction);
  const [kind, setKind] = useState("ALERTMANAGER");
  return (
    <div className="space-y-4">
      <form ref={formRef} action={action} noValidate className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            name="name"
            id="source-name"
            label="Name"
            required
            maxLength={ALERT_SOURCE_NAME_MAX}
            placeholder="e.g. Production Alertmanager"
            errors={errors?.name}
          />
          <SelectField
            name="kind"
            id="source-kind"
            label="Tool"
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            options={KINDS}
            errors={errors?.kind}
          />
        </div>
        {kind === "SENTRY" && (
          <TextField
            name="clientSecret"
            id="source-secret"
            label="Sentry Client Secret"
            type="password"
            autoComplete="off"
            hint="From your Sentry internal integration's page; Hindsight checks every request's Sentry-Hook-Signature with it."
            errors={errors?.clientSecret}
          />
        )}
        <TextArea
          name="rules"
          id="source-rules"
          label="Severity rules"
          rows={5}
          defaultValue={defaultRules}
          hint="One rule a line: label=value SEV1…SEV4. The first match decides; each tool's level arrives as the label “severity”."
          errors={errors?.rules}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm aria-[invalid=true]:border-red-600"
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            name="defaultSeverity"
            id="source-default"
            label="Severity when no rule matches"
            defaultValue="SEV3"
            options={SEVERITY_OPTIONS}
            errors={errors?.defaultSeverity}
          />
          <label className="flex items-start gap-2 self-end text-sm">
            <input type="checkbox" name="mitigateWhenResolved" className="mt-1" />
            <span>Mark the incident mitigated when all its alerts have resolved</span>
          </label>
        </div>
        <FormMessage result={result} />
        <SubmitButton pendingText="Creating source…">Create alert source</SubmitButton>
      </form>
      {created && (
        <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
          <p>
            Endpoint for “{created.name}”:{" "}
            <code className="break-all font-mono">{`${appUrl}/api/v1/alerts/${created.id}`}</code>
          </p>
          {created.token && (
            <SecretReveal label="Source token" secret={created.token}>
              <p className="text-xs text-slate-700">
                Send it as <code>Authorization: Bearer …</code> (or as the basic-auth password). See
                docs/integrations.md.
              </p>
            </SecretReveal>
          )}
        </div>
      )}
    </div>
  );
}
