"use client";
import { useActionState, useState } from "react";
import { initialResult } from "@/lib/action-result";
import { deleteIncidentAction } from "@/lib/incidents/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/** Two steps, so a stray click never deletes an incident. */
export function DeleteIncidentButton({ id, version }: { id: string; version: number }) {
  const [confirming, setConfirming] = useState(false);
  const [result, action] = useActionState(deleteIncidentAction, initialResult);
  if (!confirming) {
    return (
      <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
        Delete incident…
      </Button>
    );
  }
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <p className="text-sm font-medium text-red-900">This cannot be undone.</p>
      <div className="flex gap-2">
        <SubmitButton variant="danger" pendingText="Deleting…">
          Delete permanently
        </SubmitButton>
        <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
          Keep it
        </Button>
      </div>
      <FormMessage result={result} />
    </form>
  );
}
