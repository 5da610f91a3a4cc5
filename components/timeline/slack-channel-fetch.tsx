"use client";
import Link from "next/link";
import { useActionState } from "react";
import { initialResult, type ActionResult } from "@/lib/action-result";
import { fetchSlackChannelAction } from "@/lib/chatops/actions";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

type Fetched = { text: string; count: number; truncated: boolean };

/**
 * Reads a Slack channel for the incident's window (15 minutes either side of start to
 * resolution) and hands the messages to the import panel's text box, where the usual preview
 * shows them before anything is saved.
 */
export function SlackChannelFetch({
  incidentId,
  ready,
  onFetched,
}: {
  incidentId: string;
  ready: boolean;
  onFetched: (text: string) => void;
}) {
  const [result, action] = useActionState<ActionResult<Fetched>, FormData>(async (prev, fd) => {
    const r = await fetchSlackChannelAction(prev, fd);
    if (r.ok && r.data) onFetched(r.data.text);
    return r;
  }, initialResult);
  if (!ready) {
    return (
      <p className="text-sm text-slate-600">
        To read a Slack channel here, an owner adds a bot token in{" "}
        <Link href="/settings/chat" className="text-blue-700 underline">
          Settings → Chat
        </Link>
        .
      </p>
    );
  }
  const errors = result.ok ? undefined : result.fieldErrors;
  return (
    <form
      action={action}
      noValidate
      aria-label="Read a Slack channel"
      className="space-y-2 rounded-md border border-slate-200 p-3"
    >
      <input type="hidden" name="incidentId" value={incidentId} />
      <TextField
        name="channel"
        id="slack-channel"
        label="Slack channel ID"
        placeholder="C0123ABCD"
        hint="Messages and thread replies from 15 minutes before the start to 15 minutes after resolution. The bot must be in the channel."
        errors={errors?.channel}
      />
      <SubmitButton pendingText="Reading the channel…">Read channel</SubmitButton>
      <FormMessage result={result} />
    </form>
  );
}
