"use client";
// The events about to be imported, each with its kind and "key event" choice. The inputs are
// plain form fields (`kind.<id>`, `key.<id>`) so whichever form wraps this table submits them;
// the chat paste and the Slack import (integrations) both feed it a list of {at, author, text}.
import { KIND_LABELS, TIMELINE_KINDS, type TimelineKind } from "@/lib/timeline/constants";
import { guessKind } from "@/lib/timeline/guess";
import { LocalTime } from "@/components/incidents/local-time";

export interface PreviewEvent {
  /** Stable within one preview: the text line for a paste, the message id for Slack. */
  id: string;
  at: string; // ISO UTC
  author: string | null;
  text: string;
  kind?: TimelineKind;
  isKey?: boolean;
  /** How an ambiguous line was read. */
  note?: string;
}

export function ImportPreviewTable({
  events,
  idLabel = "Line",
}: {
  events: PreviewEvent[];
  idLabel?: string;
}) {
  const flagged = events.filter((e) => e.note).length;
  return (
    <div className="space-y-2">
      {flagged > 0 && (
        <p className="text-sm text-amber-900" data-testid="import-flagged">
          {flagged} line{flagged === 1 ? " was" : "s were"} read one of two ways: check the rows
          marked “Check”.
        </p>
      )}
      <div className="max-h-96 overflow-auto">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">
            Events to import: choose each one&apos;s kind and whether it is a key event
          </caption>
          <thead className="text-xs text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">
                {idLabel}
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Time
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Kind
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Key event
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Author
              </th>
              <th scope="col" className="py-1 font-medium">
                Text
              </th>
            </tr>
          </thead>
          <tbody>
            {events.slice(0, 500).map((e) => {
              const guess = guessKind(e.text);
              const kind = e.kind ?? guess.kind;
              const isKey = e.isKey ?? guess.isKey;
              return (
                // Keyed by content so a changed paste starts again from the guess.
                <tr
                  key={`${e.id}:${e.at}:${e.text}`}
                  className={`align-top ${e.note ? "bg-amber-50" : ""}`}
                  data-testid="import-row"
                >
                  <td className="py-1 pr-3 font-mono text-slate-600">{e.id}</td>
                  <td className="py-1 pr-3 whitespace-nowrap">
                    <LocalTime iso={e.at} withSeconds />
                  </td>
                  <td className="py-1 pr-3">
                    <select
                      name={`kind.${e.id}`}
                      defaultValue={kind}
                      aria-label={`Kind of ${idLabel.toLowerCase()} ${e.id}`}
                      className="rounded border border-slate-300 bg-white px-1 py-0.5 text-sm"
                    >
                      {TIMELINE_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {KIND_LABELS[k]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="py-1 pr-3">
                    {/* The hidden "off" tells the server the choice was shown, so unticking counts. */}
                    <input type="hidden" name={`key.${e.id}`} value="off" />
                    <input
                      type="checkbox"
                      name={`key.${e.id}`}
                      value="on"
                      defaultChecked={isKey}
                      aria-label={`${idLabel} ${e.id} is a key event`}
                      className="h-4 w-4"
                    />
                  </td>
                  <td className="py-1 pr-3 break-words">{e.author ?? "—"}</td>
                  <td className="py-1 break-words">
                    <span className="whitespace-pre-wrap">{e.text}</span>
                    {e.note && (
                      <p
                        className="mt-1 text-xs font-medium text-amber-900"
                        data-testid="import-note"
                      >
                        Check: {e.note}
                      </p>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
