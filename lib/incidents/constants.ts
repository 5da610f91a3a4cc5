// Incident vocabulary shared by forms, filters, badges and validation (no I/O).
export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ["INVESTIGATING", "IDENTIFIED", "MONITORING", "RESOLVED", "CLOSED"] as const;
export type IncidentStatus = (typeof STATUSES)[number];

export const SEVERITY_LABELS: Record<Severity, string> = {
  SEV1: "SEV1 · critical",
  SEV2: "SEV2 · major",
  SEV3: "SEV3 · minor",
  SEV4: "SEV4 · low",
};

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  INVESTIGATING: "Investigating",
  IDENTIFIED: "Identified",
  MONITORING: "Monitoring",
  RESOLVED: "Resolved",
  CLOSED: "Closed",
};

/** Statuses that count as "open" on the home page and in filters. */
export const OPEN_STATUSES: IncidentStatus[] = ["INVESTIGATING", "IDENTIFIED", "MONITORING"];

export const LIFECYCLE_FIELDS = ["startedAt", "detectedAt", "acknowledgedAt", "mitigatedAt", "resolvedAt"] as const;
export type LifecycleField = (typeof LIFECYCLE_FIELDS)[number];

export const LIFECYCLE_LABELS: Record<LifecycleField, string> = {
  startedAt: "Started",
  detectedAt: "Detected",
  acknowledgedAt: "Acknowledged",
  mitigatedAt: "Mitigated",
  resolvedAt: "Resolved",
};

export function incidentKey(number: number) {
  return `INC-${number}`;
}
