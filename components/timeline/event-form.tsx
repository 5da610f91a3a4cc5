"use client";
import { useActionState, useState } from "react";
import { initialResult, type ActionResult } from "@/lib/action-result";
import { utcToZonedLocal } from "@/lib/incidents/local-time";
import { addTimelineEventAction, updateTimelineEventAction } from "@/lib/timeline/actions";
import { AUTHOR_MAX, BODY_MAX, KIND_LABELS, TIMELINE_KINDS } from "@/lib/timeline/constants";
import { Button } from "@/components/ui/button";
import { SelectField, TextArea, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { ConflictNotice } from "@/components/incidents/conflict-notice";
import { useTimeZone } from "@/components/incidents/use-time-zone";

export interface EditableEvent {
  id: string;
  version: number;
  occurredAt: string;
  kind: string;
  body: string;
  author: string | null;
  isKey: boolean;
}

interface State {
  result: ActionResult;
  values: Record<string, string> | null;
  /** Bumped after every save: remounting resets the fields after an add and shows the submitted values after a failure. */
  round: number;
}

/** Adds an event, or edits one when `event` is given. A failed save keeps what was typed. */
export function TimelineEventForm({
  incidentId,
  event,
  defaultAuthor,
  defaultTime,
  onDone,
}: {
  incidentId: string;
  event?: EditableEvent;
  defaultAuthor?: string;
  /** For a new event: this time instead of now. */
  defaultTime?: string | null;
  onDone?: () => void;
}) {
  const zone = useTimeZone();
  const idp = event ? `event-${event.id}-` : "new-event-";
  const [openedAt] = useState(() => new Date().toISOString());
  const [state, action] = useActionState<State, FormData>(
    async (prev, fd) => {
      const result = await (event ? updateTimelineEventAction : addTimelineEventAction)(
        prev.result,
        fd,
      );
      if (result.ok) {
        onDone?.();
        return { result, values: null, round: prev.round + 1 };
      }
      return {
        result,
        values: Object.fromEntries([...fd.entries()].map(([k, v]) => [k, String(v)])),
        round: prev.round + 1,
      };
    },
    { result: initialResult, values: null, round: 0 },
  );
  const { result, values } = state;
  const errors = result.ok ? {} : (result.fieldErrors ?? {});
  const conflict = !result.ok ? result.conflict : undefined;
  const version = conflict ? String(conflict.current.version) : String(event?.version ?? "");
  const when =
    values?.occurredAt ??
    (zone ? utcToZonedLocal(new Date(event?.occurredAt ?? defaultTime ?? openedAt), zone) : "");

  return (
    <form
      action={action}
      noValidate
      className="space-y-3"
      key={state.round}
      aria-label={event ? "Edit event" : "Add event"}
    >
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="timeZone" value={zone ?? "UTC"} />
      {event && <input type="hidden" name="eventId" value={event.id} />}
      {event && <input type="hidden" name="version" value={version} />}
      {conflict && !result.ok && <ConflictNotice message={result.message} conflict={conflict} />}
      <div className="grid gap-3 sm:grid-cols-[minmax(0,14rem)_minmax(0,10rem)_minmax(0,1fr)]">
        <TextField
          key={zone ?? "server"}
          id={`${idp}occurredAt`}
          type="datetime-local"
          step="1"
          name="occurredAt"
          label="Time"
          defaultValue={when}
          errors={errors.occurredAt}
          required
        />
        <SelectField
          id={`${idp}kind`}
          name="kind"
          label="Kind"
          defaultValue={values?.kind ?? event?.kind ?? "NOTE"}
          errors={errors.kind}
          options={TIMELINE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        />
        <TextField
          id={`${idp}author`}
          name="author"
          label="Author"
          maxLength={AUTHOR_MAX}
          defaultValue={values?.author ?? event?.author ?? defaultAuthor ?? ""}
          errors={errors.author}
        />
      </div>
      <TextArea
        id={`${idp}body`}
        name="body"
        label="What happened"
        rows={2}
        maxLength={BODY_MAX}
        required
        defaultValue={values?.body ?? event?.body ?? ""}
        errors={errors.body}
      />
      <div className="flex flex-wrap items-center gap-4">
        <label className="inline-flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            name="isKey"
            defaultChecked={values ? values.isKey === "on" : (event?.isKey ?? false)}
            className="h-4 w-4 rounded border-slate-300"
          />
          Key event (shown in the report)
        </label>
        <div className="ml-auto flex gap-2">
          {onDone && event && (
            <Button type="button" variant="secondary" onClick={onDone}>
              Cancel
            </Button>
          )}
          <SubmitButton pendingText="Saving…">
            {event ? (conflict ? "Save mine anyway" : "Save event") : "Add event"}
          </SubmitButton>
        </div>
      </div>
      <FormMessage result={conflict ? undefined : result} />
    </form>
  );
}
