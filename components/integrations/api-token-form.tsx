"use client";
import { createApiTokenAction } from "@/lib/api/actions";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useCreateForm } from "@/components/ui/use-create-form";
import { SecretReveal } from "./secret-reveal";
import { API_TOKEN_NAME_MAX } from "@/lib/api/schema";

export function ApiTokenForm() {
  const { result, action, formRef, errors, created } = useCreateForm(createApiTokenAction);
  return (
    <div className="space-y-4">
      <form ref={formRef} action={action} noValidate className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_14rem]">
          <TextField
            name="name"
            id="token-name"
            label="Name"
            required
            maxLength={API_TOKEN_NAME_MAX}
            placeholder="e.g. Deploy pipeline"
            hint="What will use it, so you know what breaks when you revoke it."
            errors={errors?.name}
          />
          <SelectField
            name="scope"
            id="token-scope"
            label="Access"
            defaultValue="READ"
            errors={errors?.scope}
            options={[
              { value: "READ", label: "Read only" },
              { value: "WRITE", label: "Read and write" },
            ]}
          />
        </div>
        <FormMessage result={result} />
        <SubmitButton pendingText="Creating token…">Create token</SubmitButton>
      </form>
      {created && (
        <SecretReveal label={`API token “${created.name}”`} secret={created.token}>
          <p className="text-xs text-slate-700">
            Send it as <code className="font-mono">Authorization: Bearer …</code> to{" "}
            <code className="font-mono">/api/v1</code>. See the{" "}
            <a className="underline" href="/docs/api">
              API reference
            </a>
            .
          </p>
        </SecretReveal>
      )}
    </div>
  );
}
