"use client";
import { useActionState } from "react";
import { initialResult } from "@/lib/action-result";
import { updateTargetEventsAction } from "@/lib/notifications/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { EventChoices } from "./event-choices";

export function TargetEventsForm({ targetId, events }: { targetId: string; events: string[] }) {
  const [result, action] = useActionState(updateTargetEventsAction, initialResult);
  return (
    <form action={action} noValidate className="space-y-3">
      <input type="hidden" name="targetId" value={targetId} />
      <EventChoices
        idPrefix={`target-${targetId}`}
        selected={events}
        errors={result.ok ? undefined : result.fieldErrors?.events}
      />
      <FormMessage result={result} />
      <SubmitButton variant="secondary" pendingText="Saving…">
        Save events
      </SubmitButton>
    </form>
  );
}
