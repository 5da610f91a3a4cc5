// Outgoing notification events: the types a target can subscribe to, the versioned event
// document stored with every delivery, and which audited change emits which event. Pure, no I/O.
import { z } from "zod";

export const NOTIFICATION_EVENTS = [
  "incident.opened",
  "incident.status_changed",
  "incident.severity_changed",
  "report.published",
  "action_item.overdue",
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENTS)[number];

/** Sent only by the "Send a test event" button, to any target whatever it subscribes to. */
export const TEST_EVENT = "test" as const;

export const EVENT_LABELS: Record<NotificationEventType | typeof TEST_EVENT, string> = {
  "incident.opened": "Incident opened",
  "incident.status_changed": "Incident status changed",
  "incident.severity_changed": "Incident severity changed",
  "report.published": "Report published",
  "action_item.overdue": "Action item overdue",
  test: "Test event",
};

const incidentRef = z.object({
  id: z.string(),
  key: z.string(),
  title: z.string(),
  severity: z.string(),
  status: z.string(),
  url: z.string(),
});

/**
 * The event as stored with each delivery and sent (as JSON) to generic webhooks. Versioned
 * because it is read back from the database by the worker (parse what you stored).
 */
export const notificationEventSchema = z.object({
  v: z.literal(1),
  type: z.enum([...NOTIFICATION_EVENTS, TEST_EVENT]),
  timestamp: z.string(),
  data: z.object({
    team: z.object({ id: z.string(), name: z.string() }),
    incident: incidentRef.optional(),
    change: z
      .object({
        field: z.enum(["status", "severity"]),
        from: z.string().nullable(),
        to: z.string(),
      })
      .optional(),
    report: z.object({ version: z.number().int(), url: z.string() }).optional(),
    actionItem: z
      .object({
        id: z.string(),
        title: z.string(),
        dueDate: z.string().nullable(),
        owner: z.string().nullable(),
        url: z.string(),
      })
      .optional(),
    actor: z.string().nullable().optional(),
    message: z.string().optional(),
  }),
});
export type NotificationEvent = z.infer<typeof notificationEventSchema>;

/** What recordAudit hands over: the audit row's action and data. */
export interface AuditedChange {
  action: string;
  entityId: string;
  incidentId?: string | null;
  data?: unknown;
}

/** An event to emit, before the incident's details are read. `eventId` deduplicates it per target. */
export interface PendingEvent {
  type: NotificationEventType;
  eventId: string;
  incidentId: string;
  change?: { field: "status" | "severity"; from: string | null; to: string };
  reportVersionId?: string;
}

const changesSchema = z.object({
  version: z.number().int().optional(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).optional(),
  number: z.number().int().optional(),
});

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

/**
 * Which events an audited change emits. Every write that opens an incident, changes its status
 * or severity, or publishes a report records an audit row (the app, the REST API, chat commands
 * and alert ingestion alike), so hooking here misses no path. Ids are stable per change, so the
 * same change can never notify a target twice.
 */
export function eventsForAudit(audit: AuditedChange): PendingEvent[] {
  const incidentId = audit.incidentId ?? null;
  if (!incidentId) return [];
  if (audit.action === "incident.create")
    return [{ type: "incident.opened", eventId: `incident.opened:${incidentId}`, incidentId }];
  if (audit.action === "report.publish")
    return [
      {
        type: "report.published",
        eventId: `report.published:${audit.entityId}`,
        incidentId,
        reportVersionId: audit.entityId,
      },
    ];
  if (audit.action !== "incident.update") return [];
  const parsed = changesSchema.safeParse(audit.data);
  if (!parsed.success || !parsed.data.changes) return [];
  const { changes, version } = parsed.data;
  const events: PendingEvent[] = [];
  for (const field of ["status", "severity"] as const) {
    const c = changes[field];
    if (!c || text(c.to) === null) continue;
    const type = field === "status" ? "incident.status_changed" : "incident.severity_changed";
    events.push({
      type,
      eventId: `${type}:${incidentId}:v${version ?? "?"}`,
      incidentId,
      change: { field, from: text(c.from), to: text(c.to)! },
    });
  }
  return events;
}
