// Alert payloads of each tool → one normalized shape. Pure (no I/O); each parser is a zod
// schema of the documented body, so a malformed delivery is refused with the field that is
// wrong. Fixtures in ./fixtures are the tools' documented examples.
import { z } from "zod";
import { MIN_YEAR } from "@/lib/incidents/local-time";

export const ALERT_SOURCE_KINDS = [
  "ALERTMANAGER",
  "GRAFANA",
  "KAPACITOR",
  "SENTRY",
  "GENERIC",
] as const;
export type AlertSourceKind = (typeof ALERT_SOURCE_KINDS)[number];

export interface NormalizedAlert {
  /** Stable identity of the alert across deliveries (the tool's fingerprint / id). */
  fingerprint: string;
  /** Alerts of one group (Alertmanager/Grafana groupKey) belong to one incident. */
  groupKey: string | null;
  status: "firing" | "resolved";
  title: string;
  description: string;
  /** Matched by the team's severity rules; `severity` is filled from each tool's level. */
  labels: Record<string, string>;
  startsAt: Date;
  endsAt: Date | null;
  url: string | null;
}

const ZERO_TIME = "0001-01-01T00:00:00Z";
// Date.parse also reads "-010000-01-01", and `new Date(1e300)` is an invalid date:
// only instants in the years an incident can have reach the database (else a 500 there).
const MAX_YEAR = 9999;
const TIME_MESSAGE = `Not a date and time between ${MIN_YEAR} and ${MAX_YEAR}.`;
function storable(ms: number): boolean {
  if (!Number.isFinite(ms)) return false;
  const year = new Date(ms).getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR;
}
const time = z.string().refine((v) => storable(Date.parse(v)), TIME_MESSAGE);
const stringMap = z.record(z.string(), z.string()).default({});

// ---------- Prometheus Alertmanager (webhook v4) and Grafana (same envelope, more fields) ----------

const amAlert = z.object({
  status: z.enum(["firing", "resolved"]),
  labels: stringMap,
  annotations: stringMap,
  startsAt: time,
  // A firing alert's endsAt is Go's zero time (or a time in the future).
  endsAt: z
    .string()
    .refine((v) => v === ZERO_TIME || storable(Date.parse(v)), TIME_MESSAGE)
    .optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().min(1).optional(),
});

const amBody = z.object({
  version: z.string().optional(),
  groupKey: z.string().min(1),
  status: z.enum(["firing", "resolved"]),
  receiver: z.string().optional(),
  alerts: z.array(amAlert).min(1).max(1000),
  externalURL: z.string().optional(),
});

function fingerprintOf(labels: Record<string, string>): string {
  // Alertmanager always sends one; older senders may not: the sorted label set is the identity.
  return Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}

function parseAlertmanagerLike(body: unknown): NormalizedAlert[] {
  const b = amBody.parse(body);
  return b.alerts.map((a) => ({
    fingerprint: a.fingerprint ?? fingerprintOf(a.labels),
    groupKey: b.groupKey,
    status: a.status,
    title: a.annotations.summary || a.labels.alertname || "Alert",
    description: a.annotations.description ?? "",
    labels: a.labels,
    startsAt: new Date(a.startsAt),
    endsAt:
      a.endsAt && a.endsAt !== ZERO_TIME && a.status === "resolved" ? new Date(a.endsAt) : null,
    url: a.generatorURL || b.externalURL || null,
  }));
}

// ---------- Kapacitor (alert handler HTTP POST) ----------

const kapacitorBody = z.object({
  id: z.string().min(1),
  message: z.string().default(""),
  details: z.string().default(""),
  time,
  level: z.enum(["OK", "INFO", "WARNING", "CRITICAL"]),
  previousLevel: z.string().optional(),
  data: z
    .object({
      series: z
        .array(z.object({ name: z.string().optional(), tags: stringMap }))
        .nullable()
        .default([]),
    })
    .optional(),
});

function parseKapacitor(body: unknown): NormalizedAlert[] {
  const b = kapacitorBody.parse(body);
  const tags = b.data?.series?.[0]?.tags ?? {};
  const resolved = b.level === "OK";
  return [
    {
      fingerprint: b.id,
      groupKey: null,
      status: resolved ? "resolved" : "firing",
      title: b.message || b.id,
      description: b.details,
      labels: {
        ...tags,
        severity: resolved ? (b.previousLevel ?? "OK").toLowerCase() : b.level.toLowerCase(),
      },
      startsAt: new Date(b.time),
      endsAt: resolved ? new Date(b.time) : null,
      url: null,
    },
  ];
}

// ---------- Sentry (issue alert, Sentry-Hook-Resource: event_alert) ----------

const sentryBody = z.object({
  action: z.literal("triggered"),
  data: z.object({
    event: z.object({
      issue_id: z.union([z.string(), z.number()]).transform(String),
      title: z.string().default("Sentry issue"),
      level: z.string().default("error"),
      culprit: z.string().nullable().optional(),
      datetime: time.optional(),
      timestamp: z
        .number()
        .refine((n) => storable(n * 1000), TIME_MESSAGE)
        .optional(),
      web_url: z.string().optional(),
      tags: z.array(z.tuple([z.string(), z.string()])).default([]),
    }),
    triggered_rule: z.string().optional(),
  }),
});

function parseSentry(body: unknown): NormalizedAlert[] {
  const b = sentryBody.parse(body);
  const e = b.data.event;
  const labels: Record<string, string> = Object.fromEntries(e.tags);
  // Sentry levels → the severity vocabulary the default rules speak.
  labels.severity = e.level === "fatal" ? "critical" : e.level;
  const at = e.datetime
    ? new Date(e.datetime)
    : e.timestamp
      ? new Date(e.timestamp * 1000)
      : new Date();
  return [
    {
      fingerprint: `sentry-issue-${e.issue_id}`,
      groupKey: null,
      status: "firing",
      title: e.title,
      description: [
        b.data.triggered_rule && `Rule: ${b.data.triggered_rule}`,
        e.culprit && `Culprit: ${e.culprit}`,
      ]
        .filter(Boolean)
        .join("\n"),
      labels,
      startsAt: at,
      endsAt: null,
      url: e.web_url ?? null,
    },
  ];
}

// ---------- Generic JSON (documented in docs/integrations.md) ----------

export const genericAlertSchema = z.object({
  status: z.enum(["firing", "resolved"]),
  id: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .meta({ description: "Stable id of the alert: the same id resolves what it fired." }),
  group: z
    .string()
    .trim()
    .max(200)
    .optional()
    .meta({ description: "Alerts with the same group join one incident." }),
  title: z.string().trim().min(1).max(200),
  severity: z
    .string()
    .trim()
    .max(40)
    .optional()
    .meta({ description: "Matched by the source's severity rules (label `severity`)." }),
  service: z.string().trim().max(60).optional(),
  description: z.string().max(2000).optional(),
  url: z.string().max(2000).optional(),
  startedAt: time.optional(),
  endedAt: time.optional(),
  labels: z.record(z.string(), z.string()).optional(),
});

const genericList = z.object({ alerts: z.array(genericAlertSchema).min(1).max(1000) });

function parseGeneric(body: unknown, now: Date): NormalizedAlert[] {
  // One alert, or { alerts: [...] }: chosen up front so errors name the field, not "no union matched".
  const list =
    body && typeof body === "object" && "alerts" in body
      ? genericList.parse(body).alerts
      : [genericAlertSchema.parse(body)];
  return list.map((a) => ({
    fingerprint: a.id,
    groupKey: a.group ?? null,
    status: a.status,
    title: a.title,
    description: a.description ?? "",
    labels: {
      ...(a.labels ?? {}),
      ...(a.severity ? { severity: a.severity.toLowerCase() } : {}),
      ...(a.service ? { service: a.service } : {}),
    },
    startsAt: a.startedAt ? new Date(a.startedAt) : now,
    endsAt: a.status === "resolved" ? (a.endedAt ? new Date(a.endedAt) : now) : null,
    url: a.url ?? null,
  }));
}

export function parseAlerts(
  kind: AlertSourceKind,
  body: unknown,
  now = new Date(),
): NormalizedAlert[] {
  switch (kind) {
    case "ALERTMANAGER":
    case "GRAFANA":
      return parseAlertmanagerLike(body);
    case "KAPACITOR":
      return parseKapacitor(body);
    case "SENTRY":
      return parseSentry(body);
    case "GENERIC":
      return parseGeneric(body, now);
  }
}
