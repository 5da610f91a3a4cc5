"use client";
import { useActionState } from "react";
import { initialResult } from "@/lib/action-result";
import { requestShareConfirmationAction } from "@/lib/sharing/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/** "Recipient must confirm their email": a one-time sign-in link goes to the shared address only. */
export function ConfirmEmail({
  token,
  maskedEmail,
  signedInAs,
}: {
  token: string;
  maskedEmail: string;
  signedInAs: string | null;
}) {
  const [result, action] = useActionState(
    requestShareConfirmationAction.bind(null, token),
    initialResult,
  );
  return (
    <div className="mx-auto max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h1 className="text-xl font-semibold text-slate-900">
        Confirm your email to read this report
      </h1>
      <p className="text-sm text-slate-700">
        This incident report was shared with <strong>{maskedEmail}</strong>. We&apos;ll email a
        one-time sign-in link to that address; open it to read the report.
      </p>
      {signedInAs && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          You are signed in as {signedInAs}, which is not the address this report was shared with.
        </p>
      )}
      <form action={action} className="space-y-3">
        <FormMessage result={result} />
        {!(result.ok && result.message) && (
          <SubmitButton pendingText="Sending…">Email me a sign-in link</SubmitButton>
        )}
      </form>
    </div>
  );
}
