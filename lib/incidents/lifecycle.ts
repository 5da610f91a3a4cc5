// Lifecycle times: order rules and the "time to …" figures. Pure and unit-tested.
import { LIFECYCLE_LABELS, type LifecycleField } from "./constants";

export type LifecycleTimes = Record<LifecycleField, Date | null> & { startedAt: Date | null };

/**
 * Field-level messages for times out of order. Nothing happens before it started; detection
 * precedes acknowledgement; mitigation and resolution follow detection and acknowledgement;
 * resolution is not before mitigation.
 */
export function validateLifecycle(
  t: LifecycleTimes,
  now = new Date(),
): Partial<Record<LifecycleField, string>> {
  const errors: Partial<Record<LifecycleField, string>> = {};
  const rules: [LifecycleField, LifecycleField[]][] = [
    ["detectedAt", ["startedAt"]],
    ["acknowledgedAt", ["startedAt", "detectedAt"]],
    ["mitigatedAt", ["startedAt", "detectedAt", "acknowledgedAt"]],
    ["resolvedAt", ["startedAt", "detectedAt", "acknowledgedAt", "mitigatedAt"]],
  ];
  // A little slack for clocks that run ahead of the server's.
  const future = now.getTime() + 5 * 60_000;
  for (const field of [
    "startedAt",
    "detectedAt",
    "acknowledgedAt",
    "mitigatedAt",
    "resolvedAt",
  ] as LifecycleField[]) {
    const v = t[field];
    if (v && v.getTime() > future)
      errors[field] = `${LIFECYCLE_LABELS[field]} cannot be in the future.`;
  }
  for (const [field, earlier] of rules) {
    const v = t[field];
    if (!v || errors[field]) continue;
    for (const e of earlier) {
      const ev = t[e];
      if (ev && v.getTime() < ev.getTime()) {
        errors[field] =
          `${LIFECYCLE_LABELS[field]} cannot be before ${LIFECYCLE_LABELS[e].toLowerCase()}.`;
        break;
      }
    }
  }
  return errors;
}

/** "4 min", "1 h 12 min", "2 d 3 h", "45 s". Negative or missing → "—". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return "—";
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const totalMinutes = Math.round(ms / 60_000);
  if (totalMinutes < 60) return `${totalMinutes} min`;
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) return hours ? `${days} d ${hours} h` : `${days} d`;
  return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
}

export interface IncidentDurations {
  toDetect: number | null;
  toAcknowledge: number | null;
  toMitigate: number | null;
  toResolve: number | null;
  /** Length of the customer impact window (impact end − impact start). */
  customerImpact: number | null;
}

export const DURATION_KEYS = ["toDetect", "toAcknowledge", "toMitigate", "toResolve"] as const;
export type DurationKey = (typeof DURATION_KEYS)[number];

/** Shown the same on the incident page, in the report and in every export. */
export const DURATION_LABELS: Record<DurationKey, string> = {
  toDetect: "Time to detect",
  toAcknowledge: "Time to acknowledge",
  toMitigate: "Time to mitigate",
  toResolve: "Time to resolve",
};

export type DurationTimes = LifecycleTimes & {
  impactStartedAt?: Date | null;
  impactEndedAt?: Date | null;
};

function span(from: Date | null | undefined, to: Date | null | undefined): number | null {
  if (!from || !to) return null;
  const ms = to.getTime() - from.getTime();
  return ms >= 0 ? ms : null;
}

/**
 * The one definition of the response figures (docs/decisions.md, "Durations"): detect,
 * mitigate and resolve count from the start; acknowledge counts from detection (the page or
 * alert a responder acknowledges), or from the start when no detection time was recorded.
 * Customer impact is its own window (impact end − impact start). A missing time, or one
 * before its origin, gives null ("—").
 */
export function incidentDurations(t: DurationTimes): IncidentDurations {
  return {
    toDetect: span(t.startedAt, t.detectedAt),
    toAcknowledge: span(t.detectedAt ?? t.startedAt, t.acknowledgedAt),
    toMitigate: span(t.startedAt, t.mitigatedAt),
    toResolve: span(t.startedAt, t.resolvedAt),
    customerImpact: span(t.impactStartedAt, t.impactEndedAt),
  };
}

/** The impact window: an end needs a start and is not before it; neither is in the future. */
export function validateImpactWindow(
  t: { impactStartedAt: Date | null; impactEndedAt: Date | null },
  now = new Date(),
): Partial<Record<"impactStartedAt" | "impactEndedAt", string>> {
  const future = now.getTime() + 5 * 60_000;
  const errors: Partial<Record<"impactStartedAt" | "impactEndedAt", string>> = {};
  if (t.impactStartedAt && t.impactStartedAt.getTime() > future)
    errors.impactStartedAt = "Impact start cannot be in the future.";
  if (t.impactEndedAt && t.impactEndedAt.getTime() > future)
    errors.impactEndedAt = "Impact end cannot be in the future.";
  else if (t.impactEndedAt && !t.impactStartedAt)
    errors.impactEndedAt = "Enter when customer impact started, too.";
  else if (t.impactEndedAt && t.impactStartedAt && t.impactEndedAt < t.impactStartedAt)
    errors.impactEndedAt = "Impact end cannot be before impact start.";
  return errors;
}
