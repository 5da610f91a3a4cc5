import { ErrorList } from "@/components/ui/field";
import { EVENT_LABELS, NOTIFICATION_EVENTS } from "@/lib/notifications/events";

/** The events a target receives, as a checkbox group with its error in a live region. */
export function EventChoices({
  idPrefix,
  selected,
  errors,
}: {
  idPrefix: string;
  selected: readonly string[];
  errors?: string[];
}) {
  const errorId = `${idPrefix}-events-error`;
  return (
    <fieldset aria-describedby={errorId} className="space-y-1">
      <legend className="text-sm font-medium text-slate-800">Events to send</legend>
      <div className="grid gap-1 sm:grid-cols-2">
        {NOTIFICATION_EVENTS.map((e) => (
          <label key={e} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="events"
              value={e}
              defaultChecked={selected.includes(e)}
              aria-invalid={errors?.length ? true : undefined}
            />
            <span>{EVENT_LABELS[e]}</span>
          </label>
        ))}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}
