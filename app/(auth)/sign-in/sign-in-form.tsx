"use client";
import { useActionState } from "react";
import { initialResult } from "@/lib/action-result";
import { requestSignInLink } from "@/lib/auth/actions";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [result, action] = useActionState(requestSignInLink, initialResult);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
      <TextField
        name="email"
        label="Work email"
        type="email"
        autoComplete="email"
        required
        errors={result.ok ? undefined : result.fieldErrors?.email}
      />
      <FormMessage result={result} />
      <SubmitButton className="w-full" pendingText="Sending link…">
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
}
