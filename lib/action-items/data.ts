import "server-only";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ACTIVE_STATUSES } from "./constants";
import { startOfTodayUtc, type ActionFilters } from "./filters";

const rowSelect = {
  id: true,
  title: true,
  description: true,
  status: true,
  priority: true,
  type: true,
  dueDate: true,
  trackerUrl: true,
  wontDoReason: true,
  ownerId: true,
  incidentId: true,
  whyNodeId: true,
  version: true,
  completedAt: true,
  createdAt: true,
  owner: { select: { id: true, name: true, email: true } },
  completedBy: { select: { id: true, name: true, email: true } },
  incident: { select: { id: true, number: true, title: true } },
  whyNode: { select: { id: true, statement: true, isRootCause: true } },
} as const;

export type ActionItemRow = Prisma.ActionItemGetPayload<{ select: typeof rowSelect }>;

/** The SQL form of lib/action-items/filters.ts#matchesActionFilters. */
function whereFor(
  teamId: string,
  f: ActionFilters,
  userId: string,
  now: Date,
): Prisma.ActionItemWhereInput {
  const and: Prisma.ActionItemWhereInput[] = [{ teamId }];
  if (f.mine) and.push({ ownerId: userId });
  if (f.owner) and.push({ ownerId: f.owner === "none" ? null : f.owner });
  if (f.incident) and.push({ incidentId: f.incident });
  if (f.status === "ACTIVE") and.push({ status: { in: ACTIVE_STATUSES } });
  else if (f.status !== "ALL") and.push({ status: f.status });
  if (f.overdue)
    and.push({ status: { in: ACTIVE_STATUSES }, dueDate: { lt: startOfTodayUtc(now) } });
  return { AND: and };
}

export const ACTION_LIST_LIMIT = 200;
export const ACTION_PAGE_SIZE = 50;
export const ACTION_MAX_PAGE = 200;

// The order of the list, backed by the index (teamId, dueDate, priority, createdAt DESC, id):
// PostgreSQL walks it and stops after one page.
const listOrder: Prisma.ActionItemOrderByWithRelationInput[] = [
  { dueDate: { sort: "asc", nulls: "last" } },
  { priority: "asc" },
  { createdAt: "desc" },
  { id: "asc" },
];

/** Overdue first, then by due date (undated last), then newest (the API's list: up to 200). */
export function listActionItems(
  scope: TeamScope,
  filters: ActionFilters,
  userId: string,
  now = new Date(),
) {
  const { teamId } = scope;
  return db.actionItem.findMany({
    where: whereFor(teamId, filters, userId, now),
    orderBy: listOrder,
    take: ACTION_LIST_LIMIT,
    select: rowSelect,
  });
}

/** One page (1-based, at most ACTION_MAX_PAGE deep) of the list in the same order. */
export async function listActionItemsPage(
  scope: TeamScope,
  filters: ActionFilters,
  userId: string,
  page: number,
  now = new Date(),
) {
  const { teamId } = scope;
  const p = Math.min(ACTION_MAX_PAGE, Math.max(1, Math.floor(page) || 1));
  const rows = await db.actionItem.findMany({
    where: whereFor(teamId, filters, userId, now),
    orderBy: listOrder,
    skip: (p - 1) * ACTION_PAGE_SIZE,
    take: ACTION_PAGE_SIZE + 1,
    select: rowSelect,
  });
  return {
    items: rows.slice(0, ACTION_PAGE_SIZE),
    page: p,
    hasMore: rows.length > ACTION_PAGE_SIZE && p < ACTION_MAX_PAGE,
  };
}

/** Counts for the filter bar: per status, overdue, and the caller's own active items. */
export async function countActionItems(scope: TeamScope, userId: string, now = new Date()) {
  const { teamId } = scope;
  const [byStatus, overdue, mine] = await Promise.all([
    // Kept by a trigger on ActionItem (TeamActionCount): four rows, whatever the team's size.
    db.teamActionCount.findMany({ where: { teamId }, select: { status: true, items: true } }),
    db.actionItem.count({
      where: { teamId, status: { in: ACTIVE_STATUSES }, dueDate: { lt: startOfTodayUtc(now) } },
    }),
    db.actionItem.count({ where: { teamId, ownerId: userId, status: { in: ACTIVE_STATUSES } } }),
  ]);
  const status = { OPEN: 0, IN_PROGRESS: 0, DONE: 0, WONT_DO: 0 };
  for (const row of byStatus) status[row.status] = row.items;
  return {
    status,
    overdue,
    mine,
    active: status.OPEN + status.IN_PROGRESS,
    total: status.OPEN + status.IN_PROGRESS + status.DONE + status.WONT_DO,
  };
}

export function listIncidentActionItems(scope: TeamScope, incidentId: string) {
  const { teamId } = scope;
  return db.actionItem.findMany({
    where: { teamId, incidentId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: rowSelect,
  });
}

export function getActionItem(scope: TeamScope, id: string) {
  const { teamId } = scope;
  return db.actionItem.findFirst({ where: { id, teamId }, select: rowSelect });
}

/** A 5 Whys node of this incident of this team, or null. */
export function findWhyNode(scope: TeamScope, incidentId: string, nodeId: string) {
  const { teamId } = scope;
  return db.whyNode.findFirst({
    where: { id: nodeId, incidentId, incident: { teamId } },
    select: { id: true, statement: true, isRootCause: true },
  });
}

/** The incident's 5 Whys nodes for the "addresses" select, root causes first. */
export function listWhyNodeOptions(scope: TeamScope, incidentId: string) {
  const { teamId } = scope;
  return db.whyNode.findMany({
    where: { incidentId, incident: { teamId } },
    orderBy: [{ isRootCause: "desc" }, { createdAt: "asc" }],
    select: { id: true, statement: true, isRootCause: true },
  });
}

/** Incidents that have action items, for the incident filter. */
export function listIncidentsWithActions(scope: TeamScope) {
  const { teamId } = scope;
  return db.incident.findMany({
    where: { teamId, actions: { some: {} } },
    orderBy: { number: "desc" },
    take: 200,
    select: { id: true, number: true, title: true },
  });
}

export function listOwnerOptions(scope: TeamScope) {
  const { teamId } = scope;
  return db.membership
    .findMany({
      where: { teamId },
      orderBy: { createdAt: "asc" },
      select: { user: { select: { id: true, name: true, email: true } } },
    })
    .then((rows) => rows.map((r) => r.user));
}
