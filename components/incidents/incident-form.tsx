"use client";
import Link from "next/link";
import { useActionState, useState } from "react";
import { initialResult, type ActionResult } from "@/lib/action-result";
import { createIncidentAction, updateIncidentAction } from "@/lib/incidents/actions";
import {
  INCIDENT_LIMITS,
  LIFECYCLE_FIELDS,
  LIFECYCLE_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
  STATUS_LABELS,
  type IncidentStatus,
} from "@/lib/incidents/constants";
import { utcToZonedLocal } from "@/lib/incidents/local-time";
import { buttonClass } from "@/components/ui/button";
import { SelectField, TextArea, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { ConflictNotice } from "./conflict-notice";
import { useTimeZone } from "./use-time-zone";

export interface IncidentFormValues {
  id: string;
  version: number;
  title: string;
  severity: string;
  status: IncidentStatus;
  startedAt: string;
  detectedAt: string | null;
  acknowledgedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  impactStartedAt: string | null;
  impactEndedAt: string | null;
  summary: string;
  customerImpact: string;
  services: string[];
  tags: string[];
  commanderId: string | null;
}

interface State {
  result: ActionResult;
  values: Record<string, string> | null;
  /** Each failed save remounts the fields so selects show what was submitted (React resets forms after an action). */
  round: number;
}

const hints: Partial<Record<(typeof LIFECYCLE_FIELDS)[number], string>> = {
  startedAt: "When impact began, not when someone noticed.",
  resolvedAt: "Required to mark the incident resolved.",
};

/** Create and edit share one form; a failed save keeps everything the user typed. */
export function IncidentForm({
  incident,
  members,
  statuses,
  currentUserId,
}: {
  incident?: IncidentFormValues;
  members: { id: string; name: string | null; email: string }[];
  statuses: IncidentStatus[];
  currentUserId: string;
}) {
  const zone = useTimeZone();
  const [openedAt] = useState(() => new Date().toISOString());
  const [state, action] = useActionState<State, FormData>(
    async (prev, fd) => ({
      result: await (incident ? updateIncidentAction : createIncidentAction)(prev.result, fd),
      values: Object.fromEntries([...fd.entries()].map(([k, v]) => [k, String(v)])),
      round: prev.round + 1,
    }),
    { result: initialResult, values: null, round: 0 },
  );
  const { result, values } = state;
  const errors = result.ok ? {} : (result.fieldErrors ?? {});
  const conflict = !result.ok ? result.conflict : undefined;
  const version = conflict ? String(conflict.current.version) : String(incident?.version ?? "");
  const v = (name: keyof IncidentFormValues, fallback: string) => values?.[name] ?? fallback;

  const localDefault = (
    field: (typeof LIFECYCLE_FIELDS)[number] | "impactStartedAt" | "impactEndedAt",
  ) => {
    if (values) return values[field] ?? "";
    const iso = incident ? incident[field] : field === "startedAt" ? openedAt : null;
    return iso && zone ? utcToZonedLocal(new Date(iso), zone) : "";
  };

  return (
    <form action={action} noValidate className="space-y-6" key={state.round}>
      {incident && <input type="hidden" name="id" value={incident.id} />}
      {incident && <input type="hidden" name="version" value={version} />}
      <input type="hidden" name="timeZone" value={zone ?? "UTC"} />

      {conflict && !result.ok && <ConflictNotice message={result.message} conflict={conflict} />}

      <TextField
        name="title"
        label="Title"
        required
        maxLength={INCIDENT_LIMITS.title}
        defaultValue={v("title", incident?.title ?? "")}
        errors={errors.title}
        placeholder="Checkout API returning 502s"
      />

      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          name="severity"
          label="Severity"
          defaultValue={v("severity", incident?.severity ?? "SEV3")}
          errors={errors.severity}
          options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))}
        />
        <SelectField
          name="status"
          label="Status"
          defaultValue={v("status", incident?.status ?? "INVESTIGATING")}
          errors={errors.status}
          options={statuses.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        />
        <SelectField
          name="commanderId"
          label="Incident commander"
          defaultValue={v("commanderId", incident ? (incident.commanderId ?? "") : currentUserId)}
          errors={errors.commanderId}
          options={[
            { value: "", label: "No commander yet" },
            ...members.map((m) => ({
              value: m.id,
              label: m.name ? `${m.name} (${m.email})` : m.email,
            })),
          ]}
        />
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">
          Lifecycle{" "}
          <span className="font-normal text-slate-600">
            (your time zone{zone ? `: ${zone}` : ""})
          </span>
        </legend>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {LIFECYCLE_FIELDS.map((f) => (
            <TextField
              key={`${f}-${zone ?? "server"}`}
              type="datetime-local"
              name={f}
              label={LIFECYCLE_LABELS[f]}
              required={f === "startedAt"}
              defaultValue={localDefault(f)}
              errors={errors[f]}
              hint={hints[f]}
            />
          ))}
        </div>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">Customer impact window</legend>
        <p className="text-xs text-slate-600">
          When customers were affected, if that differs from the incident&apos;s lifecycle. The
          report states the hours of impact from these two times.
        </p>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {(["impactStartedAt", "impactEndedAt"] as const).map((f) => (
            <TextField
              key={`${f}-${zone ?? "server"}`}
              type="datetime-local"
              name={f}
              label={f === "impactStartedAt" ? "Customer impact started" : "Customer impact ended"}
              defaultValue={localDefault(f)}
              errors={errors[f]}
            />
          ))}
        </div>
      </fieldset>

      <TextArea
        name="summary"
        label="Summary"
        rows={4}
        maxLength={INCIDENT_LIMITS.summary}
        defaultValue={v("summary", incident?.summary ?? "")}
        errors={errors.summary}
        hint="What happened, in a few sentences."
      />
      <TextArea
        name="customerImpact"
        label="Customer impact"
        rows={3}
        maxLength={INCIDENT_LIMITS.customerImpact}
        defaultValue={v("customerImpact", incident?.customerImpact ?? "")}
        errors={errors.customerImpact}
        hint="Who was affected, how, and for how long."
      />

      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          name="services"
          label="Affected services"
          maxLength={INCIDENT_LIMITS.list}
          defaultValue={v("services", incident?.services.join(", ") ?? "")}
          errors={errors.services}
          hint="Comma-separated, e.g. checkout-api, postgres"
        />
        <TextField
          name="tags"
          label="Tags"
          maxLength={INCIDENT_LIMITS.list}
          defaultValue={v("tags", incident?.tags.join(", ") ?? "")}
          errors={errors.tags}
          hint="Comma-separated, e.g. database, customer-facing"
        />
      </div>

      <FormMessage result={conflict ? undefined : result} />
      <div className="flex flex-wrap gap-3">
        <SubmitButton pendingText="Saving…">
          {incident ? (conflict ? "Save my changes anyway" : "Save changes") : "Create incident"}
        </SubmitButton>
        <Link
          href={incident ? `/incidents/${incident.id}` : "/incidents"}
          className={buttonClass("secondary")}
        >
          Cancel
        </Link>
      </div>
    </form>
  );
}
