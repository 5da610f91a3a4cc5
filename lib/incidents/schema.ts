import { z } from "zod";
import { INCIDENT_LIMITS, SEVERITIES, STATUSES } from "./constants";
import { validateImpactWindow, validateLifecycle } from "./lifecycle";
import { isValidTimeZone, yearProblem, zonedLocalToUtc } from "./local-time";

const dayField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((v) => new Date(`${v}T00:00:00Z`))
  .refine((d) => !Number.isNaN(d.getTime()));

export const incidentListFiltersSchema = z.object({
  status: z.enum(STATUSES).optional().catch(undefined),
  severity: z.enum(SEVERITIES).optional().catch(undefined),
  service: z
    .string()
    .trim()
    .max(80)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  // Calendar days (UTC); "to" includes the whole day.
  from: dayField.optional().catch(undefined),
  to: dayField
    .transform((d) => new Date(d.getTime() + 86_400_000))
    .optional()
    .catch(undefined),
  sort: z.enum(["newest", "oldest", "severity"]).catch("newest").default("newest"),
  cursor: z.string().max(500).optional().catch(undefined),
});
export type IncidentListFilters = z.infer<typeof incidentListFiltersSchema>;

const LIST_ITEM_MAX = 60;
const LIST_MAX = 20;

/** "a, b,, a" → ["a", "b"]: trimmed, de-duplicated, order kept. */
export function splitList(raw: string): string[] {
  const seen = new Set<string>();
  for (const part of raw.split(",")) {
    const v = part.trim();
    if (v) seen.add(v);
  }
  return [...seen];
}

const listField = (what: string) =>
  z
    .string()
    .max(INCIDENT_LIMITS.list, `Too many ${what}.`)
    .default("")
    .transform((raw, ctx) => {
      const items = splitList(raw);
      if (items.length > LIST_MAX)
        ctx.addIssue({ code: "custom", message: `At most ${LIST_MAX} ${what}.` });
      const long = items.find((i) => i.length > LIST_ITEM_MAX);
      if (long)
        ctx.addIssue({
          code: "custom",
          message: `“${long.slice(0, 20)}…” is too long (at most ${LIST_ITEM_MAX} characters each).`,
        });
      return items;
    });

const localTimeField = z.string().trim().max(40, "That is not a date and time.").default("");

const timeFields = [
  "startedAt",
  "detectedAt",
  "acknowledgedAt",
  "mitigatedAt",
  "resolvedAt",
  "impactStartedAt",
  "impactEndedAt",
] as const;

/** The incident form as the server reads it. Times arrive as datetime-local text plus the browser's zone. */
export const incidentInputSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, "Enter a title.")
      .max(INCIDENT_LIMITS.title, `Keep the title under ${INCIDENT_LIMITS.title} characters.`),
    severity: z.enum(SEVERITIES, { error: "Choose a severity." }),
    status: z.enum(STATUSES, { error: "Choose a status." }),
    timeZone: z.string().max(64).default("UTC"),
    startedAt: localTimeField,
    detectedAt: localTimeField,
    acknowledgedAt: localTimeField,
    mitigatedAt: localTimeField,
    resolvedAt: localTimeField,
    impactStartedAt: localTimeField,
    impactEndedAt: localTimeField,
    summary: z
      .string()
      .trim()
      .max(INCIDENT_LIMITS.summary, "Keep the summary under 10,000 characters.")
      .default(""),
    customerImpact: z
      .string()
      .trim()
      .max(INCIDENT_LIMITS.customerImpact, "Keep the customer impact under 5,000 characters.")
      .default(""),
    services: listField("services"),
    tags: listField("tags"),
    commanderId: z.string().trim().max(40).default(""),
  })
  .transform((v, ctx) => {
    const zone = isValidTimeZone(v.timeZone) ? v.timeZone : "UTC";
    const times = {} as Record<(typeof timeFields)[number], Date | null>;
    for (const f of timeFields) {
      const raw = v[f];
      if (!raw) {
        times[f] = null;
        if (f === "startedAt")
          ctx.addIssue({ code: "custom", path: [f], message: "Enter when the incident started." });
        continue;
      }
      const d = zonedLocalToUtc(raw, zone);
      const problem = yearProblem(raw) ?? (d ? null : "That is not a date and time.");
      if (problem) ctx.addIssue({ code: "custom", path: [f], message: problem });
      times[f] = d;
    }
    for (const [field, message] of Object.entries(validateLifecycle(times)))
      ctx.addIssue({ code: "custom", path: [field], message });
    for (const [field, message] of Object.entries(validateImpactWindow(times)))
      ctx.addIssue({ code: "custom", path: [field], message });
    if (ctx.issues.length) return z.NEVER;
    return {
      title: v.title,
      severity: v.severity,
      status: v.status,
      startedAt: times.startedAt as Date,
      detectedAt: times.detectedAt,
      acknowledgedAt: times.acknowledgedAt,
      mitigatedAt: times.mitigatedAt,
      resolvedAt: times.resolvedAt,
      impactStartedAt: times.impactStartedAt,
      impactEndedAt: times.impactEndedAt,
      summary: v.summary,
      customerImpact: v.customerImpact,
      services: v.services,
      tags: v.tags,
      commanderId: v.commanderId || null,
    };
  });
export type IncidentInput = z.output<typeof incidentInputSchema>;

export const incidentRefSchema = z.object({
  id: z.string().min(1).max(40),
  version: z.coerce.number({ error: "Reload the page and try again." }).int().min(1),
});
