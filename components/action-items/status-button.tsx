"use client";
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { initialResult } from "@/lib/action-result";
import { changeActionStatusAction } from "@/lib/action-items/actions";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

/** One-click status change from a list ("Mark done", "Start", "Reopen"). */
export function StatusButton({
  itemId,
  version,
  status,
  label,
  itemTitle,
}: {
  itemId: string;
  version: number;
  status: "OPEN" | "IN_PROGRESS" | "DONE";
  label: string;
  itemTitle: string;
}) {
  const [result, action] = useActionState(
    changeActionStatusAction.bind(null, itemId),
    initialResult,
  );
  return (
    <form action={action} className="inline-flex flex-col items-start gap-1">
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="status" value={status} />
      <Pending label={label} itemTitle={itemTitle} />
      <span aria-live="polite" className="text-xs text-red-800">
        {!result.ok && result.message}
      </span>
    </form>
  );
}

function Pending({ label, itemTitle }: { label: string; itemTitle: string }) {
  const { pending } = useFormStatus();
  return (
    <Button
      type="submit"
      variant="secondary"
      disabled={pending}
      aria-label={`${label}: ${itemTitle}`}
      className="px-2 py-1 text-xs"
    >
      {pending && <Spinner />}
      {label}
    </Button>
  );
}
