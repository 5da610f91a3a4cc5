"use client";
import Link from "next/link";
import { useActionState, useState } from "react";
import { initialResult } from "@/lib/action-result";
import { deleteTimelineEventAction } from "@/lib/timeline/actions";
import { kindLabel } from "@/lib/labels";
import type { TimelineKind } from "@/lib/timeline/constants";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { LocalTime } from "@/components/incidents/local-time";
import { InlineAttachments } from "@/components/attachments/inline-attachments";
import type { PanelAttachment } from "@/components/attachments/attachment-list";
import { TimelineEventForm, type EditableEvent } from "./event-form";

export interface TimelineItem extends EditableEvent {
  source: string;
  citedBy: { id: string; statement: string }[];
  /** Files shown with this event in the report (screenshots of the alert, the graph). */
  attachments: PanelAttachment[];
}

const kindStyle: Record<TimelineKind, string> = {
  ALERT: "bg-red-50 text-red-800 ring-red-200",
  ACTION: "bg-blue-50 text-blue-800 ring-blue-200",
  DECISION: "bg-violet-50 text-violet-800 ring-violet-200",
  COMMUNICATION: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  NOTE: "bg-slate-100 text-slate-700 ring-slate-200",
};

function DeleteEvent({ incidentId, event }: { incidentId: string; event: TimelineItem }) {
  const [confirming, setConfirming] = useState(false);
  const [result, action] = useActionState(deleteTimelineEventAction, initialResult);
  if (!confirming) {
    return (
      <Button
        type="button"
        variant="ghost"
        className="px-2 py-1 text-xs"
        onClick={() => setConfirming(true)}
        aria-label={`Delete event: ${event.body.slice(0, 60)}`}
      >
        Delete
      </Button>
    );
  }
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="eventId" value={event.id} />
      <input type="hidden" name="version" value={event.version} />
      <SubmitButton variant="danger" className="px-2 py-1 text-xs" pendingText="Deleting…">
        Confirm delete
      </SubmitButton>
      <Button
        type="button"
        variant="ghost"
        className="px-2 py-1 text-xs"
        onClick={() => setConfirming(false)}
      >
        Keep
      </Button>
      {!result.ok && <FormMessage result={result} />}
    </form>
  );
}

function Row({
  incidentId,
  event,
  canWrite,
  maxBytes,
}: {
  incidentId: string;
  event: TimelineItem;
  canWrite: boolean;
  maxBytes: number;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <li
      id={`event-${event.id}`}
      className="relative scroll-mt-24 pb-5 pl-6 last:pb-0 target:rounded target:bg-yellow-50 target:outline-2 target:outline-yellow-400"
      data-testid="timeline-event"
    >
      <span
        aria-hidden="true"
        className={`absolute top-1.5 left-0 h-3 w-3 rounded-full ring-2 ring-white ${event.isKey ? "bg-amber-500" : "bg-slate-400"}`}
      />
      {editing ? (
        <div className="rounded-lg border border-slate-200 bg-white p-3">
          <TimelineEventForm
            incidentId={incidentId}
            event={event}
            onDone={() => setEditing(false)}
          />
        </div>
      ) : (
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
            <LocalTime iso={event.occurredAt} withSeconds className="font-mono text-slate-700" />
            <span
              className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${kindStyle[event.kind as TimelineKind] ?? kindStyle.NOTE}`}
            >
              {kindLabel(event.kind)}
            </span>
            {event.isKey && (
              <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
                Key event
              </span>
            )}
            {event.author && <span className="text-slate-600">{event.author}</span>}
            {canWrite && (
              <span className="ml-auto flex gap-1">
                <Button
                  type="button"
                  variant="ghost"
                  className="px-2 py-1 text-xs"
                  onClick={() => setEditing(true)}
                  aria-label={`Edit event: ${event.body.slice(0, 60)}`}
                >
                  Edit
                </Button>
                <DeleteEvent incidentId={incidentId} event={event} />
              </span>
            )}
          </div>
          <p
            className="mt-1 text-sm break-words whitespace-pre-wrap text-slate-900"
            data-testid="event-body"
          >
            {event.body}
          </p>
          {event.citedBy.length > 0 && (
            <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
              {event.citedBy.map((n) => (
                <li key={n.id}>
                  Cited by 5 Whys:{" "}
                  <Link
                    href={`/incidents/${incidentId}/whys?node=${encodeURIComponent(n.id)}`}
                    className="text-blue-700 underline"
                  >
                    {n.statement}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <div className="mt-2">
            <InlineAttachments
              incidentId={incidentId}
              target={{ value: `event:${event.id}`, label: "this event" }}
              name={`the event ${event.body.slice(0, 60)}`}
              attachments={event.attachments}
              canWrite={canWrite}
              maxBytes={maxBytes}
            />
          </div>
        </div>
      )}
    </li>
  );
}

/** The incident's events in time order (the server sorts; edits re-render from the server). */
export function TimelineList({
  incidentId,
  events,
  canWrite,
  maxBytes,
}: {
  incidentId: string;
  events: TimelineItem[];
  canWrite: boolean;
  /** The largest file an upload may carry (ATTACHMENT_MAX_BYTES). */
  maxBytes: number;
}) {
  return (
    <ol
      className="relative border-l border-slate-200 pl-0 [&>li]:-ml-1.5"
      aria-label="Timeline events"
    >
      {events.map((e) => (
        <Row
          key={`${e.id}-${e.version}`}
          incidentId={incidentId}
          event={e}
          canWrite={canWrite}
          maxBytes={maxBytes}
        />
      ))}
    </ol>
  );
}
