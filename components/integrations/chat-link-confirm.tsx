"use client";
import { useActionState } from "react";
import { initialResult } from "@/lib/action-result";
import { confirmChatLinkAction } from "@/lib/chatops/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function ChatLinkConfirm({ token }: { token: string }) {
  const [result, action] = useActionState(confirmChatLinkAction, initialResult);
  const done = result.ok && result.message;
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormMessage result={result} />
      {!done && <SubmitButton pendingText="Connecting…">Connect my account</SubmitButton>}
    </form>
  );
}
