"use client";
import { useActionState } from "react";
import { initialResult } from "@/lib/action-result";
import { acceptInvitationAction } from "@/lib/teams/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function AcceptInvitationForm({
  invitationId,
  teamName,
}: {
  invitationId: string;
  teamName: string;
}) {
  const [result, action] = useActionState(acceptInvitationAction, initialResult);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="invitationId" value={invitationId} />
      <FormMessage result={result} />
      <SubmitButton pendingText="Joining…">
        Accept<span className="sr-only"> invitation to {teamName}</span>
      </SubmitButton>
    </form>
  );
}
