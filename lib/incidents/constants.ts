// Incident vocabulary shared by forms, filters, badges and validation (no I/O).
// Display labels live in lib/labels.ts (one map per enum); re-exported here for old imports.
export { LIFECYCLE_LABELS, SEVERITY_LABELS, STATUS_LABELS } from "@/lib/labels";
export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = [
  "INVESTIGATING",
  "IDENTIFIED",
  "MONITORING",
  "RESOLVED",
  "CLOSED",
] as const;
export type IncidentStatus = (typeof STATUSES)[number];

/** Statuses that count as "open" on the home page and in filters. */
export const OPEN_STATUSES: IncidentStatus[] = ["INVESTIGATING", "IDENTIFIED", "MONITORING"];

export const LIFECYCLE_FIELDS = [
  "startedAt",
  "detectedAt",
  "acknowledgedAt",
  "mitigatedAt",
  "resolvedAt",
] as const;
export type LifecycleField = (typeof LIFECYCLE_FIELDS)[number];

export function incidentKey(number: number) {
  return `INC-${number}`;
}

/** Longest text each incident field accepts: the schema checks it, the form's maxLength says it. */
export const INCIDENT_LIMITS = {
  title: 200,
  summary: 10_000,
  customerImpact: 5_000,
  /** Comma-separated services or tags, as typed. */
  list: 2000,
} as const;
