// The dashboard's period and filters, read from the URL (pure). Months are calendar months in
// the viewer's time zone, so an incident at 00:30 on 1 April in Berlin counts in April even
// though it is still March in UTC; bounds are computed with Intl, DST-safe.
import { z } from "zod";
import { isValidTimeZone, zonedDate, zonedLocalToUtc } from "@/lib/incidents/local-time";

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const MAX_MONTHS = 36;
export const DEFAULT_SIMILARITY = 0.5;

export function monthOf(date: Date, zone: string): string {
  return zonedDate(date, zone).slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Every month from `from` to `to`, both included ("2026-11" … "2027-02"). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length <= MAX_MONTHS; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** [start, end) of the period as UTC instants: midnight of the first day in the zone. */
export function periodBounds(from: string, to: string, zone: string): { start: Date; end: Date } {
  return {
    start: zonedLocalToUtc(`${from}-01T00:00`, zone)!,
    end: zonedLocalToUtc(`${addMonths(to, 1)}-01T00:00`, zone)!,
  };
}

export interface DashboardParams {
  from: string;
  to: string;
  service?: string;
  /** Trigram similarity (0–1) above which two root causes "say the same thing". */
  similarity: number;
  tz: string;
}

const month = z.string().regex(MONTH_RE);

/** URL → params. Missing or bad values fall back: the last 12 months up to this month, UTC. */
export function parseDashboardParams(
  raw: Record<string, string | string[] | undefined>,
  now: Date,
): DashboardParams {
  const one = (k: string) => (Array.isArray(raw[k]) ? raw[k][0] : raw[k]);
  const tzRaw = one("tz");
  const tz = tzRaw && tzRaw.length <= 64 && isValidTimeZone(tzRaw) ? tzRaw : "UTC";
  const current = monthOf(now, tz);
  let to = month.safeParse(one("to")).data ?? current;
  let from = month.safeParse(one("from")).data ?? addMonths(to, -11);
  if (from > to) [from, to] = [to, from];
  if (monthsBetween(from, to).length > MAX_MONTHS) from = addMonths(to, -(MAX_MONTHS - 1));
  const service = z.string().trim().min(1).max(80).safeParse(one("service")).data;
  const sim = Number(one("similarity"));
  const similarity =
    Number.isFinite(sim) && sim >= 0.2 && sim <= 0.95
      ? Math.round(sim * 100) / 100
      : DEFAULT_SIMILARITY;
  return { from, to, service, similarity, tz };
}

/** Query string for a dashboard URL (the view can be bookmarked and shared). */
export function dashboardQuery(p: DashboardParams, extra: Record<string, string> = {}): string {
  const qs = new URLSearchParams({ from: p.from, to: p.to });
  if (p.service) qs.set("service", p.service);
  if (p.similarity !== DEFAULT_SIMILARITY) qs.set("similarity", String(p.similarity));
  if (p.tz !== "UTC") qs.set("tz", p.tz);
  for (const [k, v] of Object.entries(extra)) qs.set(k, v);
  return qs.toString();
}
