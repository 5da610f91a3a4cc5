"use client";
import { updateSharingSettingsAction } from "@/lib/sharing/actions";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useKeptValues } from "./use-kept-values";

const narrow =
  "block w-32 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600 disabled:bg-slate-100";

export function SharingSettingsForm({
  settings,
  canEdit,
}: {
  settings: {
    shareLinkDefaultDays: number;
    shareLinkMaxDays: number;
    allowAnonymousShareLink: boolean;
  };
  canEdit: boolean;
}) {
  const { result, formAction, values } = useKeptValues(updateSharingSettingsAction, false);
  const errors = result.ok ? undefined : result.fieldErrors;
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <TextField
        name="shareLinkDefaultDays"
        label="Default link lifetime (days)"
        type="number"
        inputMode="numeric"
        min={1}
        max={365}
        defaultValue={values?.shareLinkDefaultDays ?? settings.shareLinkDefaultDays}
        disabled={!canEdit}
        hint="Pre-filled when someone shares a report."
        errors={errors?.shareLinkDefaultDays}
        className={narrow}
      />
      <TextField
        name="shareLinkMaxDays"
        label="Maximum link lifetime (days)"
        type="number"
        inputMode="numeric"
        min={1}
        max={365}
        defaultValue={values?.shareLinkMaxDays ?? settings.shareLinkMaxDays}
        disabled={!canEdit}
        hint="Nobody can share a link that lasts longer (at most 365)."
        errors={errors?.shareLinkMaxDays}
        className={narrow}
      />
      <div className="space-y-1">
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="allowAnonymousShareLink"
            defaultChecked={
              values ? values.allowAnonymousShareLink === "on" : settings.allowAnonymousShareLink
            }
            disabled={!canEdit}
            className="mt-1"
            aria-describedby="anonymous-hint"
          />
          <span className="font-medium text-slate-800">
            Allow &ldquo;anyone with the link&rdquo;
          </span>
        </label>
        <p id="anonymous-hint" className="text-xs text-slate-600">
          When off, every shared link asks the recipient to confirm their email address before the
          report opens.
        </p>
      </div>
      <FormMessage result={result} />
      {canEdit && <SubmitButton pendingText="Saving…">Save sharing settings</SubmitButton>}
    </form>
  );
}
