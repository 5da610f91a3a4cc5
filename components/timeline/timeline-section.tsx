import { EmptyState } from "@/components/ui/empty-state";
import { TimelineEventForm } from "./event-form";
import { TimelineImportPanel } from "./import-panel";
import { TimelineList, type TimelineItem } from "./timeline-list";

/** The Overview's timeline: events in order, and for writers the add and import tools. */
export function TimelineSection({
  incidentId,
  startedAt,
  events,
  canWrite,
  slackReady = false,
  defaultAuthor,
  defaultTime,
  maxBytes,
}: {
  incidentId: string;
  startedAt: string;
  events: TimelineItem[];
  canWrite: boolean;
  /** The team saved a Slack bot token: the import panel can read a channel. */
  slackReady?: boolean;
  defaultAuthor: string;
  defaultTime: string | null;
  /** The largest attachment an upload may carry. */
  maxBytes: number;
}) {
  return (
    <section aria-labelledby="timeline-heading" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="timeline-heading" className="text-lg font-semibold text-slate-900">
          Timeline
        </h2>
        <p className="text-xs text-slate-600">Times in your time zone; hover for UTC.</p>
      </div>
      {events.length === 0 ? (
        <EmptyState title="No timeline events yet">
          {canWrite
            ? "Add the first event below, or paste a chat log to import many at once."
            : "Nothing has been recorded on this incident's timeline."}
        </EmptyState>
      ) : (
        <TimelineList
          incidentId={incidentId}
          events={events}
          canWrite={canWrite}
          maxBytes={maxBytes}
        />
      )}
      {canWrite && (
        <div className="grid gap-4 xl:grid-cols-2">
          <section
            aria-labelledby="add-event-heading"
            className="self-start rounded-lg border border-slate-200 bg-white p-4"
          >
            <h3 id="add-event-heading" className="font-medium text-slate-900">
              Add an event
            </h3>
            <div className="mt-3">
              <TimelineEventForm
                incidentId={incidentId}
                defaultAuthor={defaultAuthor}
                defaultTime={defaultTime}
              />
            </div>
          </section>
          <details className="self-start rounded-lg border border-slate-200 bg-white p-4">
            <summary className="cursor-pointer font-medium text-slate-900">
              Import from Slack, a chat log, CSV or JSON
            </summary>
            <div className="mt-3">
              <TimelineImportPanel
                incidentId={incidentId}
                startedAt={startedAt}
                slackReady={slackReady}
              />
            </div>
          </details>
        </div>
      )}
    </section>
  );
}
