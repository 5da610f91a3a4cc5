// Search parameters as the search page reads them from the URL (zod, no Prisma). Bad values
// fall back to "no filter" rather than failing: a shared or edited URL still searches.
import { z } from "zod";
import { SEVERITIES } from "@/lib/incidents/constants";

export const SEARCH_TYPES = ["incident", "event", "why", "action", "report"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const SEARCH_TYPE_LABELS: Record<SearchType, string> = {
  incident: "Incidents",
  event: "Timeline events",
  why: "5 Whys",
  action: "Action items",
  report: "Published reports",
};

export const QUERY_MAX = 200;
export const PAGE_SIZE = 20;

/**
 * How many matches of each kind search ranks: the newest (incidents by start, events by time,
 * 5 Whys and action items by creation, report text by publication; lib/search/sql.ts). A word
 * in every one of a big team's incidents otherwise had every match read, rechecked and ranked
 * (5,000 incidents and 5,000 report sections for a phrase in the bench's largest team); the
 * newest 300 are read in their index's order and the scan stops there (at 1,000 the planner
 * still read every match of a word in a quarter of the team's records). The page says when a
 * kind reached it, and a date range reaches older ones (docs/decisions.md).
 */
export const SEARCH_WINDOW = 300;

const WINDOW_NOUNS: Record<SearchType, string> = {
  incident: "incidents",
  event: "timeline events",
  why: "5 Whys statements",
  action: "action items",
  report: "report sections",
};

/** What the page says when kinds filled the window, or null when none did. */
export function windowNotice(kinds: readonly SearchType[]): string | null {
  if (!kinds.length) return null;
  const names = SEARCH_TYPES.filter((k) => kinds.includes(k)).map((k) => WINDOW_NOUNS[k]);
  const list =
    names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
  const count = SEARCH_WINDOW.toLocaleString("en-US");
  return `${count} or more ${list} match these words, so they are ranked among the newest ${count} of each. To reach older ones, add words or narrow the dates (Started from, Started until).`;
}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()));

export const searchParamsSchema = z.object({
  q: z.string().trim().max(QUERY_MAX).catch("").default(""),
  type: z.enum(SEARCH_TYPES).optional().catch(undefined),
  service: z
    .string()
    .trim()
    .max(80)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  severity: z.enum(SEVERITIES).optional().catch(undefined),
  // Calendar days (UTC) of the incident's start; "to" includes the whole day.
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(50).catch(1).default(1),
});
export type SearchParams = z.infer<typeof searchParamsSchema>;

/** Reads Next's searchParams (string | string[] | undefined) into SearchParams. */
export function parseSearchParams(
  raw: Record<string, string | string[] | undefined>,
): SearchParams {
  const first = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
  return searchParamsSchema.parse(first);
}

/** The active filters, for "remove this filter" suggestions. */
export function activeFilters(
  p: SearchParams,
): { key: "type" | "service" | "severity" | "from" | "to"; label: string }[] {
  const out: { key: "type" | "service" | "severity" | "from" | "to"; label: string }[] = [];
  if (p.type) out.push({ key: "type", label: `only ${SEARCH_TYPE_LABELS[p.type].toLowerCase()}` });
  if (p.service) out.push({ key: "service", label: `service ${p.service}` });
  if (p.severity) out.push({ key: "severity", label: p.severity });
  if (p.from) out.push({ key: "from", label: `from ${p.from}` });
  if (p.to) out.push({ key: "to", label: `to ${p.to}` });
  return out;
}

/** The search URL with some parameters replaced or removed (undefined removes). */
export function searchHref(
  p: SearchParams,
  change: Partial<Record<keyof SearchParams, string | number | undefined>> = {},
): string {
  const merged: Record<string, string | number | undefined> = {
    q: p.q,
    type: p.type,
    service: p.service,
    severity: p.severity,
    from: p.from,
    to: p.to,
    page: p.page,
    ...change,
  };
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || v === "" || (k === "page" && v === 1)) continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `/search?${s}` : "/search";
}
