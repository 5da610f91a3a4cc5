"use client";
import { shareReportAction } from "@/lib/sharing/actions";
import { MAX_MESSAGE, MAX_RECIPIENTS } from "@/lib/sharing/schema";
import { TextArea, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
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
      <fieldset className="space-y-2" aria-describedby="audience-error">
        <legend className="text-sm font-medium text-slate-800">Which version</legend>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name="audience"
            value="INTERNAL"
            defaultChecked={audience === "INTERNAL"}
            className="mt-1"
          />
          <span>
            <span className="font-medium">Internal report</span>
            <span className="block text-slate-600">
              Every section, with people&apos;s names (never their addresses).{" "}
              <a
                href={`/preview/reports/${versionId}?audience=internal`}
                target="_blank"
                className="text-blue-700 underline"
              >
                Preview what they will see
              </a>
            </span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name="audience"
            value="CUSTOMER"
            defaultChecked={audience === "CUSTOMER"}
            className="mt-1"
          />
          <span>
            <span className="font-medium">Customer version</span>
            <span className="block text-slate-600">
              Leaves out sections the template marks internal and internal notes, shows roles
              instead of names and emails, opens with the customer summary, and is signed by the
              team.{" "}
              <a
                href={`/preview/reports/${versionId}?audience=customer`}
                target="_blank"
                className="text-blue-700 underline"
              >
                Preview the customer version
              </a>
            </span>
          </span>
        </label>
        <div id="audience-error" aria-live="polite">
          {errors?.audience?.map((e) => (
            <p key={e} className="text-sm text-red-700">
              {e}
            </p>
          ))}
        </div>
      </fieldset>
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
      <fieldset className="space-y-2" aria-describedby="mode-error">
        <legend className="text-sm font-medium text-slate-800">Who can open the link</legend>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name="mode"
            value="ANYONE_WITH_LINK"
            defaultChecked={mode === "ANYONE_WITH_LINK"}
            disabled={!allowAnonymous}
            className="mt-1"
          />
          <span>
            <span className="font-medium">Anyone with the link</span>
            <span className="block text-slate-600">
              {allowAnonymous
                ? "No sign-in needed. Anyone the email is forwarded to can read it."
                : "Turned off in this team's sharing settings."}
            </span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name="mode"
            value="CONFIRM_EMAIL"
            defaultChecked={mode === "CONFIRM_EMAIL"}
            className="mt-1"
          />
          <span>
            <span className="font-medium">Recipient must confirm their email</span>
            <span className="block text-slate-600">
              The report opens only after the recipient signs in with a one-time link sent to their
              address.
            </span>
          </span>
        </label>
        <div id="mode-error" aria-live="polite">
          {errors?.mode?.map((e) => (
            <p key={e} className="text-sm text-red-700">
              {e}
            </p>
          ))}
        </div>
      </fieldset>
      <FormMessage result={result} />
      <SubmitButton pendingText="Sharing…">Share report</SubmitButton>
    </form>
  );
}
