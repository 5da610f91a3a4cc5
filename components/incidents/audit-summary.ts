// Turns audit rows into sentences for the History tab. Pure.
const FIELD_LABELS: Record<string, string> = {
  title: "title",
  severity: "severity",
  status: "status",
  startedAt: "started",
  detectedAt: "detected",
  acknowledgedAt: "acknowledged",
  mitigatedAt: "mitigated",
  resolvedAt: "resolved",
  impactStartedAt: "impact start",
  impactEndedAt: "impact end",
  summary: "summary",
  customerImpact: "customer impact",
  services: "services",
  tags: "tags",
  commanderId: "commander",
  occurredAt: "time",
  kind: "kind",
  body: "text",
  author: "author",
  isKey: "key event",
};

const VERBS: Record<string, string> = {
  "incident.create": "created the incident",
  "incident.update": "edited the incident",
  "incident.delete": "deleted the incident",
  "timeline.create": "added a timeline event",
  "timeline.update": "edited a timeline event",
  "timeline.delete": "deleted a timeline event",
  "timeline.import": "imported timeline events",
};

export function fieldLabel(field: string) {
  return FIELD_LABELS[field] ?? field;
}

/** "edited the incident", or a readable fallback for other areas' actions ("whys.node.create" → "whys node create"). */
export function describeAction(action: string, data: unknown): string {
  const d = (data ?? {}) as Record<string, unknown>;
  if (action === "timeline.import" && typeof d.count === "number")
    return `imported ${d.count} timeline event${d.count === 1 ? "" : "s"}`;
  if (
    (action === "timeline.create" || action === "timeline.delete") &&
    typeof d.body === "string"
  ) {
    const body = d.body.length > 80 ? `${d.body.slice(0, 80)}…` : d.body;
    return `${VERBS[action]}: “${body}”`;
  }
  return VERBS[action] ?? action.replace(/[._]/g, " ");
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export function changesOf(data: unknown): FieldChange[] {
  const changes = (data as { changes?: Record<string, { from: unknown; to: unknown }> } | null)
    ?.changes;
  if (!changes || typeof changes !== "object") return [];
  return Object.entries(changes).map(([field, c]) => ({ field, from: c?.from, to: c?.to }));
}
