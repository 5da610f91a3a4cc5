"use client";
import { useActionState } from "react";
import { initialResult } from "@/lib/action-result";
import { removeTeamLogoAction, uploadTeamLogoAction } from "@/lib/teams/actions";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/** Owners upload the logo that heads shared reports (PNG, JPEG, WebP or GIF, checked on the server). */
export function TeamLogoForm({ teamName, logoId }: { teamName: string; logoId: string | null }) {
  const [result, upload] = useActionState(uploadTeamLogoAction, initialResult);
  const [removed, remove] = useActionState(removeTeamLogoAction, initialResult);
  return (
    <div className="space-y-3 border-t border-slate-100 pt-4">
      <h3 className="text-sm font-semibold text-slate-900">Logo on shared reports</h3>
      {logoId ? (
        // A stored, checked upload served by our own route: next/image adds nothing here.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={`/api/logos/${logoId}`}
          alt={`${teamName} logo`}
          className="h-12 w-auto max-w-48 rounded border border-slate-200 bg-white object-contain p-1"
          data-testid="team-logo"
        />
      ) : (
        <p className="text-sm text-slate-600">
          No logo yet: shared reports, their emails and PDFs show the team name only.
        </p>
      )}
      <form action={upload} noValidate className="space-y-3">
        <TextField
          name="logo"
          id="team-logo-input"
          label="Upload a logo"
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          hint="PNG, JPEG, WebP or GIF, up to 256 KB and 2048 × 2048 pixels. Reports published from now on carry it; published ones keep theirs."
          errors={result.ok ? undefined : result.fieldErrors?.logo}
        />
        <FormMessage result={result} />
        <SubmitButton pendingText="Uploading…">Save logo</SubmitButton>
      </form>
      {logoId && (
        <form action={remove}>
          <FormMessage result={removed} />
          <SubmitButton variant="secondary" pendingText="Removing…">
            Remove logo
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
