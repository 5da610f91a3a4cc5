// Pure action-item list logic: overdue rule and URL filters (unit-tested; data.ts mirrors
// the same rules in SQL).
import { z } from "zod";
import { ACTION_STATUSES, ACTIVE_STATUSES, type ActionStatus } from "./constants";

/** Midnight UTC of `now`'s day: due dates are calendar days stored at 00:00 UTC. */
export function startOfTodayUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Overdue: still open or in progress, and the due day is before today. Due today is not overdue. */
export function isOverdue(
  item: { dueDate: Date | string | null; status: ActionStatus | string },
  now: Date,
): boolean {
  if (!item.dueDate || !ACTIVE_STATUSES.includes(item.status as ActionStatus)) return false;
  const due =
    typeof item.dueDate === "string"
      ? new Date(`${item.dueDate.slice(0, 10)}T00:00:00Z`)
      : item.dueDate;
  return due.getTime() < startOfTodayUtc(now).getTime();
}

const flag = z.preprocess((v) => v === "1" || v === "true" || v === "on", z.boolean());
const id = z.string().trim().min(1).max(64).optional().catch(undefined);

const filterSchema = z.object({
  mine: flag.catch(false),
  overdue: flag.catch(false),
  incident: id,
  owner: id,
  status: z.enum([...ACTION_STATUSES, "ACTIVE", "ALL"]).catch("ACTIVE"),
});

export type ActionFilters = z.infer<typeof filterSchema>;

/** Reads filters from URL search params; anything invalid falls back to the default. */
export function parseActionFilters(
  params: Record<string, string | string[] | undefined>,
): ActionFilters {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return filterSchema.parse({
    mine: one(params.mine),
    overdue: one(params.overdue),
    incident: one(params.incident) || undefined,
    owner: one(params.owner) || undefined,
    status: one(params.status) || "ACTIVE",
  });
}

export interface FilterableItem {
  ownerId: string | null;
  incidentId: string;
  status: ActionStatus;
  dueDate: Date | null;
}

/** The same rules as the SQL query, for tests and client-side checks. */
export function matchesActionFilters(
  item: FilterableItem,
  f: ActionFilters,
  userId: string,
  now: Date,
): boolean {
  if (f.mine && item.ownerId !== userId) return false;
  if (f.owner && (f.owner === "none" ? item.ownerId !== null : item.ownerId !== f.owner))
    return false;
  if (f.incident && item.incidentId !== f.incident) return false;
  if (f.status === "ACTIVE" && !ACTIVE_STATUSES.includes(item.status)) return false;
  if (f.status !== "ACTIVE" && f.status !== "ALL" && item.status !== f.status) return false;
  if (f.overdue && !isOverdue(item, now)) return false;
  return true;
}

/** URL for the list with one filter changed (links in the filter bar keep the others). */
export function filterHref(f: ActionFilters, change: Partial<ActionFilters>): string {
  const next = { ...f, ...change };
  const q = new URLSearchParams();
  if (next.mine) q.set("mine", "1");
  if (next.overdue) q.set("overdue", "1");
  if (next.incident) q.set("incident", next.incident);
  if (next.owner) q.set("owner", next.owner);
  if (next.status !== "ACTIVE") q.set("status", next.status);
  const s = q.toString();
  return s ? `/actions?${s}` : "/actions";
}
