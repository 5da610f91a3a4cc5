// The REST API's request and response shapes (zod, no Prisma). Request bodies are JSON with
// ISO 8601 times and arrays; each is translated into the form shape the app's own schemas
// read (lib/incidents/schema.ts, lib/timeline/schema.ts) and piped through them, so the API
// and the browser are held to exactly the same rules and messages. The OpenAPI document is
// generated from these schemas (lib/api/openapi.ts).
import { z } from "zod";
import { ACTION_ITEM_TYPES, ACTION_STATUSES, PRIORITIES } from "@/lib/action-items/constants";
import { SEVERITIES, STATUSES } from "@/lib/incidents/constants";
import { incidentInputSchema, incidentListFiltersSchema } from "@/lib/incidents/schema";
import { TIMELINE_KINDS } from "@/lib/timeline/constants";
import { timelineEventInputSchema } from "@/lib/timeline/schema";

export const API_TOKEN_NAME_MAX = 80;

// ---------- tokens (settings page) ----------

export const API_TOKEN_SCOPES = ["READ", "WRITE"] as const;

export const createApiTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the token (what uses it).")
    .max(API_TOKEN_NAME_MAX, `Keep the name under ${API_TOKEN_NAME_MAX} characters.`),
  scope: z.enum(API_TOKEN_SCOPES, { error: "Choose read or write." }),
});

export const revokeApiTokenSchema = z.object({ tokenId: z.string().min(1).max(40) });

// ---------- REST bodies ----------

const isoTime = z.iso.datetime({
  offset: true,
  error: "Use an ISO 8601 date and time, e.g. 2026-01-10T14:02:00Z.",
});

/** ISO instant → the UTC wall clock the form schema reads with timeZone "UTC". */
function utcLocal(iso: string | null | undefined): string {
  return iso ? new Date(iso).toISOString().slice(0, 19) : "";
}

const incidentFields = {
  title: z.string().max(200).meta({ description: "Short description of what went wrong." }),
  severity: z.enum(SEVERITIES),
  status: z.enum(STATUSES),
  startedAt: isoTime,
  detectedAt: isoTime.nullable(),
  acknowledgedAt: isoTime.nullable(),
  mitigatedAt: isoTime.nullable(),
  resolvedAt: isoTime.nullable(),
  summary: z.string().max(10_000),
  customerImpact: z.string().max(5_000),
  services: z.array(z.string().max(60)).max(20),
  tags: z.array(z.string().max(60)).max(20),
  commanderId: z.string().max(40).nullable().meta({ description: "User id of a team member." }),
};

type IncidentJson = {
  title?: string;
  severity?: string;
  status?: string;
  startedAt?: string;
  detectedAt?: string | null;
  acknowledgedAt?: string | null;
  mitigatedAt?: string | null;
  resolvedAt?: string | null;
  summary?: string;
  customerImpact?: string;
  services?: string[];
  tags?: string[];
  commanderId?: string | null;
};

/** JSON body → the incident form's fields (the browser's shape). */
export function incidentFormShape(v: IncidentJson): Record<string, string | undefined> {
  return {
    title: v.title,
    severity: v.severity,
    status: v.status,
    timeZone: "UTC",
    startedAt: utcLocal(v.startedAt),
    detectedAt: utcLocal(v.detectedAt),
    acknowledgedAt: utcLocal(v.acknowledgedAt),
    mitigatedAt: utcLocal(v.mitigatedAt),
    resolvedAt: utcLocal(v.resolvedAt),
    summary: v.summary,
    customerImpact: v.customerImpact,
    services: v.services?.join(", "),
    tags: v.tags?.join(", "),
    commanderId: v.commanderId ?? "",
  };
}

export const incidentCreateBody = z
  .object({
    ...incidentFields,
    status: incidentFields.status.default("INVESTIGATING"),
    detectedAt: incidentFields.detectedAt.optional(),
    acknowledgedAt: incidentFields.acknowledgedAt.optional(),
    mitigatedAt: incidentFields.mitigatedAt.optional(),
    resolvedAt: incidentFields.resolvedAt.optional(),
    summary: incidentFields.summary.optional(),
    customerImpact: incidentFields.customerImpact.optional(),
    services: incidentFields.services.optional(),
    tags: incidentFields.tags.optional(),
    commanderId: incidentFields.commanderId.optional(),
  })
  .strict()
  .meta({ id: "IncidentCreate" });

/** Create: JSON → form shape → the app's incident schema. */
export const incidentCreateSchema = incidentCreateBody
  .transform(incidentFormShape)
  .pipe(incidentInputSchema);

/** Update: any subset of the fields plus the version the change is based on (optimistic locking). */
export const incidentPatchBody = z
  .object({
    version: z.number().int().min(1).meta({
      description: "The incident's version you read; a stale one answers 409 with what changed.",
    }),
    ...Object.fromEntries(Object.entries(incidentFields).map(([k, s]) => [k, s.optional()])),
  })
  .strict()
  .meta({ id: "IncidentPatch" }) as z.ZodType<{ version: number } & IncidentJson>;

export { incidentInputSchema };

export const incidentListQuery = z
  .object({
    status: z.enum(STATUSES).optional(),
    severity: z.enum(SEVERITIES).optional(),
    service: z.string().max(80).optional(),
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional()
      .meta({ description: "First day (UTC), YYYY-MM-DD." }),
    to: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional()
      .meta({ description: "Last day (UTC, inclusive), YYYY-MM-DD." }),
    sort: z.enum(["newest", "oldest", "severity"]).optional(),
    cursor: z
      .string()
      .max(500)
      .optional()
      .meta({ description: "nextCursor of the previous page." }),
  })
  .strict();

/** Query → the list's filters (same schema as the incident list page). */
export const incidentListSchema = incidentListQuery.pipe(incidentListFiltersSchema);

export const timelineCreateBody = z
  .object({
    occurredAt: isoTime,
    kind: z.enum(TIMELINE_KINDS).default("NOTE"),
    body: z.string().max(2000),
    author: z.string().max(80).optional(),
    isKey: z.boolean().optional(),
  })
  .strict()
  .meta({ id: "TimelineEventCreate" });

/** Timeline event: JSON → the timeline form's fields → the app's timeline schema. */
export function timelineCreateSchema(incidentId: string) {
  return timelineCreateBody
    .transform(
      (v) =>
        ({
          incidentId,
          timeZone: "UTC",
          occurredAt: utcLocal(v.occurredAt),
          kind: v.kind,
          body: v.body,
          author: v.author ?? "",
          isKey: v.isKey ? "true" : undefined,
        }) as z.input<typeof timelineEventInputSchema>,
    )
    .pipe(timelineEventInputSchema);
}

// ---------- responses (documentation; handlers build them in serialize.ts) ----------

const user = z.object({ id: z.string(), name: z.string().nullable() }).nullable();

export const incidentOut = z
  .object({
    id: z.string(),
    number: z.int(),
    key: z.string().meta({ description: "Display key, e.g. INC-42." }),
    title: z.string(),
    severity: z.enum(SEVERITIES),
    status: z.enum(STATUSES),
    startedAt: z.string(),
    detectedAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    mitigatedAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    summary: z.string(),
    customerImpact: z.string(),
    services: z.array(z.string()),
    tags: z.array(z.string()),
    commander: user,
    version: z.int(),
    url: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Incident" });

export const incidentListItemOut = incidentOut
  .pick({
    id: true,
    number: true,
    key: true,
    title: true,
    severity: true,
    status: true,
    startedAt: true,
    resolvedAt: true,
    services: true,
    url: true,
  })
  .meta({ id: "IncidentListItem" });

export const incidentPageOut = z
  .object({ data: z.array(incidentListItemOut), nextCursor: z.string().nullable() })
  .meta({ id: "IncidentPage" });

export const timelineEventOut = z
  .object({
    id: z.string(),
    occurredAt: z.string(),
    kind: z.enum(TIMELINE_KINDS),
    body: z.string(),
    author: z.string().nullable(),
    source: z.enum(["MANUAL", "CHAT", "ALERT_WEBHOOK", "IMPORT", "API"]),
    isKey: z.boolean(),
    version: z.int(),
  })
  .meta({ id: "TimelineEvent" });

export const actionItemOut = z
  .object({
    id: z.string(),
    incidentId: z.string(),
    title: z.string(),
    description: z.string(),
    status: z.enum(ACTION_STATUSES),
    priority: z.enum(PRIORITIES),
    type: z
      .enum(ACTION_ITEM_TYPES)
      .nullable()
      .meta({ description: "Prevent, mitigate, detect or process; null when not chosen." }),
    dueDate: z.string().nullable(),
    owner: user,
    trackerUrl: z.string().nullable(),
    rootCause: z
      .string()
      .nullable()
      .meta({ description: "The 5 Whys statement the item addresses." }),
    completedAt: z.string().nullable(),
    version: z.int(),
  })
  .meta({ id: "ActionItem" });

export const reportOut = z
  .object({
    id: z.string().meta({ description: "Report version id." }),
    incidentId: z.string(),
    number: z.int().meta({ description: "Version number (republishing makes n+1)." }),
    title: z.string(),
    publishedAt: z.string(),
    snapshot: z.record(z.string(), z.unknown()).optional().meta({
      description: "Everything the published report shows (only on the single-report endpoint).",
    }),
  })
  .meta({ id: "PublishedReport" });

export const errorOut = z
  .object({
    error: z.string(),
    fieldErrors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "Per field (dot path), what is wrong." }),
    conflict: z
      .object({ current: z.record(z.string(), z.unknown()), changed: z.array(z.string()) })
      .optional(),
  })
  .meta({ id: "Error" });
