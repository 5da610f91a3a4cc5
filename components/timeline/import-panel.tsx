"use client";
import { useActionState, useDeferredValue, useMemo, useState } from "react";
import { initialResult, type ActionResult } from "@/lib/action-result";
import { zonedDate } from "@/lib/incidents/local-time";
import { importTimelineAction } from "@/lib/timeline/actions";
import { IMPORT_MAX_CHARS } from "@/lib/timeline/constants";
import { parseTimelineImport } from "@/lib/timeline/import";
import { ErrorList } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { ImportPreviewTable } from "./import-preview";
import { SlackChannelFetch } from "./slack-channel-fetch";
import { useTimeZone } from "@/components/incidents/use-time-zone";

const EXAMPLE = `14:02 alice: restarted the primary
14:05 bob: error rate back to normal`;

/**
 * Paste → live preview (the same parser the server runs) → confirm. Nothing is saved before
 * the confirm button, and the server re-parses rather than trusting this preview.
 */
export function TimelineImportPanel({
  incidentId,
  startedAt,
  slackReady = false,
}: {
  incidentId: string;
  startedAt: string;
  slackReady?: boolean;
}) {
  const zone = useTimeZone() ?? "UTC";
  const [text, setText] = useState("");
  const deferred = useDeferredValue(text);
  const preview = useMemo(
    () =>
      parseTimelineImport(deferred, {
        baseDate: zonedDate(new Date(startedAt), zone),
        timeZone: zone,
      }),
    [deferred, startedAt, zone],
  );
  const [result, action] = useActionState<ActionResult<{ count: number }>, FormData>(
    async (prev, fd) => {
      const r = await importTimelineAction(prev, fd);
      if (r.ok) setText("");
      return r;
    },
    initialResult,
  );
  const n = preview.events.length;
  const bad = preview.errors.length;
  const errors = result.ok ? undefined : result.fieldErrors?.text;

  return (
    <div className="space-y-4">
      <SlackChannelFetch incidentId={incidentId} ready={slackReady} onFetched={setText} />
      <form action={action} className="space-y-3" aria-label="Import timeline events">
        <input type="hidden" name="incidentId" value={incidentId} />
        <input type="hidden" name="timeZone" value={zone} />
        <input type="hidden" name="expectedCount" value={n} />
        <input type="hidden" name="skipInvalid" value={bad > 0 ? "on" : ""} />
        <div className="space-y-1">
          <label htmlFor="import-text" className="block text-sm font-medium text-slate-800">
            Chat log, CSV or JSON
          </label>
          <textarea
            id="import-text"
            name="text"
            rows={6}
            maxLength={IMPORT_MAX_CHARS}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={EXAMPLE}
            aria-describedby="import-hint import-error"
            aria-invalid={errors?.length ? true : undefined}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm aria-[invalid=true]:border-red-600"
          />
          <p id="import-hint" className="text-xs text-slate-600">
            Chat copied from Slack, Mattermost, Microsoft Teams, IRC or Matrix, or lines like{" "}
            <code>14:02 alice: restarted the primary</code> (also <code>[11:27 PM] alice:</code>,{" "}
            <code>2026-01-10T14:02:33Z alice:</code>, <code>{"<alice>"}</code>); CSV with a header{" "}
            <code>time,kind,text,author,key</code>; or a JSON array of{" "}
            <code>{"{time, kind, text, author, key}"}</code>. Times without a date use the
            incident&apos;s start date in your time zone ({zone}); a time with its own zone or
            offset keeps it. You choose each event&apos;s kind and key-event flag below before
            importing.
          </p>
          <ErrorList id="import-error" errors={errors} />
        </div>

        {deferred.trim() && (
          <section
            aria-label="Import preview"
            className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-3"
          >
            <p className="text-sm font-medium text-slate-900" role="status">
              {n} event{n === 1 ? "" : "s"} ready
              {bad > 0 ? `, ${bad} line${bad === 1 ? "" : "s"} could not be read` : ""} (
              {preview.format}).
            </p>
            {bad > 0 && (
              <div className="overflow-x-auto">
                <table className="min-w-full text-left text-sm">
                  <caption className="sr-only">Lines that could not be read</caption>
                  <thead className="text-xs text-red-900">
                    <tr>
                      <th scope="col" className="py-1 pr-3 font-medium">
                        Line
                      </th>
                      <th scope="col" className="py-1 pr-3 font-medium">
                        Text
                      </th>
                      <th scope="col" className="py-1 font-medium">
                        Problem
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.errors.map((e) => (
                      <tr
                        key={`${e.line}-${e.reason}`}
                        className="align-top text-red-900"
                        data-testid="import-problem"
                      >
                        <td className="py-1 pr-3 font-mono">{e.line}</td>
                        <td className="max-w-xs py-1 pr-3 font-mono break-words">{e.text}</td>
                        <td className="py-1">{e.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {n > 0 && (
              <ImportPreviewTable
                events={preview.events.map((e) => ({
                  id: String(e.line),
                  at: e.occurredAt,
                  author: e.author,
                  text: e.body,
                  kind: e.kind,
                  isKey: e.isKey,
                  note: e.note,
                }))}
              />
            )}
            {n > 0 && (
              <SubmitButton pendingText="Importing…">
                {bad > 0
                  ? `Import ${n} event${n === 1 ? "" : "s"}, skip ${bad} line${bad === 1 ? "" : "s"}`
                  : `Import ${n} event${n === 1 ? "" : "s"}`}
              </SubmitButton>
            )}
          </section>
        )}
        <FormMessage result={result} />
      </form>
    </div>
  );
}
