import {
  deleteTargetAction,
  disableTargetAction,
  enableTargetAction,
  sendTestEventAction,
} from "@/lib/notifications/actions";
import type { TargetRow } from "@/lib/notifications/data";
import { EVENT_LABELS } from "@/lib/notifications/events";
import { TARGET_KIND_LABELS } from "@/lib/notifications/schema";
import { IdActionButton } from "@/components/integrations/revoke-button";
import { LocalTime } from "@/components/incidents/local-time";
import { EmptyState } from "@/components/ui/empty-state";
import { DeliveryLog } from "./delivery-log";
import { TargetEventsForm } from "./target-events-form";

const eventLabel = (e: string) => EVENT_LABELS[e as keyof typeof EVENT_LABELS] ?? e;

export function TargetList({ targets }: { targets: TargetRow[] }) {
  if (targets.length === 0) {
    return (
      <EmptyState title="No notification targets yet">
        Add a Slack or Mattermost incoming webhook, or your own HTTPS endpoint, below: it hears
        about incidents as they open and change.
      </EmptyState>
    );
  }
  return (
    <ul className="space-y-6">
      {targets.map((t) => (
        <li
          key={t.id}
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
          aria-labelledby={`target-${t.id}-name`}
        >
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="space-y-1">
              <h3 id={`target-${t.id}-name`} className="font-semibold text-slate-900">
                {t.name}{" "}
                <span className="text-sm font-normal text-slate-600">
                  ({TARGET_KIND_LABELS[t.kind]})
                </span>
              </h3>
              <p className="text-sm text-slate-700">
                Sends to <code className="font-mono text-xs">{t.urlHost}</code>:{" "}
                {t.events.map(eventLabel).join(", ") || "no events"}.
              </p>
              {t.disabledAt ? (
                <p
                  className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-sm text-amber-900"
                  data-testid="target-off"
                >
                  <strong>Off</strong> since <LocalTime iso={t.disabledAt.toISOString()} />.{" "}
                  {t.disabledReason}
                </p>
              ) : (
                <p className="text-sm text-green-800">On</p>
              )}
            </div>
            <div className="flex flex-wrap items-start gap-2">
              <IdActionButton
                action={sendTestEventAction}
                name="targetId"
                value={t.id}
                label="Send a test event"
                context={`to ${t.name}`}
                pendingText="Queueing…"
                variant="secondary"
              />
              {t.disabledAt ? (
                <IdActionButton
                  action={enableTargetAction}
                  name="targetId"
                  value={t.id}
                  label="Turn on"
                  context={t.name}
                  pendingText="Turning on…"
                  variant="secondary"
                />
              ) : (
                <IdActionButton
                  action={disableTargetAction}
                  name="targetId"
                  value={t.id}
                  label="Turn off"
                  context={t.name}
                  pendingText="Turning off…"
                  variant="secondary"
                />
              )}
              <IdActionButton
                action={deleteTargetAction}
                name="targetId"
                value={t.id}
                label="Remove"
                context={t.name}
                pendingText="Removing…"
              />
            </div>
          </div>
          <details>
            <summary className="cursor-pointer text-sm font-medium">Choose events</summary>
            <div className="mt-3">
              <TargetEventsForm targetId={t.id} events={t.events} />
            </div>
          </details>
          <DeliveryLog name={t.name} deliveries={t.deliveries} />
        </li>
      ))}
    </ul>
  );
}
