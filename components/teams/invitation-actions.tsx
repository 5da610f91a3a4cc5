"use client";
import { useActionState } from "react";
import { initialResult, type ActionResult } from "@/lib/action-result";
import { resendInvitationAction, revokeInvitationAction } from "@/lib/teams/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { announce } from "./page-status";

/** Resend and revoke for one pending invitation, each announcing its outcome. */
export function InvitationActions({
  invitationId,
  email,
}: {
  invitationId: string;
  email: string;
}) {
  const [resent, resend] = useActionState(resendInvitationAction, initialResult);
  const [revoked, revoke] = useActionState(async (prev: ActionResult, formData: FormData) => {
    const next = await revokeInvitationAction(prev, formData);
    if (next.ok && next.message) announce(next.message);
    return next;
  }, initialResult);
  const last = [resent, revoked].find((r) => !r.ok) ?? (resent.message ? resent : undefined);
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap gap-2">
        <form action={resend}>
          <input type="hidden" name="invitationId" value={invitationId} />
          <SubmitButton variant="secondary" pendingText="Sending…" className="py-1">
            Resend<span className="sr-only"> invitation to {email}</span>
          </SubmitButton>
        </form>
        <form action={revoke}>
          <input type="hidden" name="invitationId" value={invitationId} />
          <SubmitButton variant="secondary" pendingText="Revoking…" className="py-1">
            Revoke<span className="sr-only"> invitation to {email}</span>
          </SubmitButton>
        </form>
      </div>
      <div role="status" aria-live="polite" className="text-sm">
        {last && <p className={last.ok ? "text-green-800" : "text-red-700"}>{last.message}</p>}
      </div>
    </div>
  );
}
