"use client";
import { shareReportAction } from "@/lib/sharing/actions";
import { MAX_MESSAGE, MAX_RECIPIENTS } from "@/lib/sharing/schema";
import { TextArea, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { RadioCards } from "@/components/ui/radio-cards";
import { SubmitButton } from "@/components/ui/submit-button";
import { useKeptValues } from "./use-kept-values";

export function ShareForm({
  incidentId,
  versionId,
  versionNumber,
  defaultDays,
  maxDays,
  allowAnonymous,
}: {
  incidentId: string;
  versionId: string;
  versionNumber: number;
  defaultDays: number;
  maxDays: number;
  allowAnonymous: boolean;
}) {
  const { result, formAction, values } = useKeptValues(
    shareReportAction.bind(null, incidentId),
    true,
  );
  const errors = result.ok ? undefined : result.fieldErrors;
  const mode = values?.mode ?? (allowAnonymous ? "ANYONE_WITH_LINK" : "CONFIRM_EMAIL");
  const audience = values?.audience ?? "INTERNAL";
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <p className="text-sm text-slate-700">
        Recipients get an email with a link to <strong>version {versionNumber}</strong>, the latest
        published version. They read it without signing in to the workspace and never see drafts or
        internal notes.
      </p>
      <RadioCards
        name="audience"
        legend="Which version"
        value={audience}
        errors={errors?.audience}
        options={[
          {
            value: "INTERNAL",
            title: "Internal report",
            description: (
              <>
                Every section, with people&apos;s names (never their addresses).{" "}
                <PreviewLink href={`/preview/reports/${versionId}?audience=internal`}>
                  Preview what they will see
                </PreviewLink>
              </>
            ),
          },
          {
            value: "CUSTOMER",
            title: "Customer version",
            description: (
              <>
                Leaves out sections the template marks internal and internal notes, shows roles
                instead of names and emails, opens with the customer summary, and is signed by the
                team.{" "}
                <PreviewLink href={`/preview/reports/${versionId}?audience=customer`}>
                  Preview the customer version
                </PreviewLink>
              </>
            ),
          },
        ]}
      />
      <TextArea
        name="recipients"
        label="Email addresses"
        hint={`Separate addresses with commas or new lines (up to ${MAX_RECIPIENTS}).`}
        rows={3}
        required
        autoComplete="off"
        defaultValue={values?.recipients ?? ""}
        errors={errors?.recipients}
      />
      <TextArea
        name="message"
        label="Message (optional)"
        hint="Included in the email as plain text."
        rows={3}
        maxLength={MAX_MESSAGE}
        defaultValue={values?.message ?? ""}
        errors={errors?.message}
      />
      <TextField
        name="days"
        label="Link lifetime (days)"
        type="number"
        inputMode="numeric"
        min={1}
        max={maxDays}
        defaultValue={values?.days ?? defaultDays}
        required
        hint={`Up to ${maxDays} days (team policy).`}
        errors={errors?.days}
        className="block w-32 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600"
      />
      <RadioCards
        name="mode"
        legend="Who can open the link"
        value={mode}
        errors={errors?.mode}
        options={[
          {
            value: "ANYONE_WITH_LINK",
            title: "Anyone with the link",
            description: allowAnonymous
              ? "No sign-in needed. Anyone the email is forwarded to can read it."
              : "Turned off in this team's sharing settings.",
            disabled: !allowAnonymous,
          },
          {
            value: "CONFIRM_EMAIL",
            title: "Recipient must confirm their email",
            description:
              "The report opens only after the recipient signs in with a one-time link sent to their address.",
          },
        ]}
      />
      <FormMessage result={result} />
      <SubmitButton pendingText="Sharing…">Share report</SubmitButton>
    </form>
  );
}

function PreviewLink({ href, children }: { href: string; children: string }) {
  return (
    <a href={href} target="_blank" className="text-blue-700 underline">
      {children}
    </a>
  );
}
