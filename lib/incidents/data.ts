import "server-only";
import type { TeamScope } from "@/lib/auth/scope";
import { cache } from "react";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { OPEN_STATUSES } from "./constants";
import { decodeCursor, encodeCursor, type IncidentCursor } from "./cursor";
import { isValidTimeZone } from "./local-time";
import type { IncidentListFilters } from "./schema";
import { incidentFactsSelect } from "./select";

const detailSelect = {
  ...incidentFactsSelect,
  commanderId: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  commander: { select: { id: true, name: true, email: true } },
  createdBy: { select: { id: true, name: true, email: true } },
} as const;

export type IncidentDetail = Prisma.IncidentGetPayload<{ select: typeof detailSelect }>;

/** One incident of this team, or null (another team's id is simply not found). Cached per request. */
export const getIncident = cache(
  async (scope: TeamScope, incidentId: string): Promise<IncidentDetail | null> => {
    const { teamId } = scope;
    return db.incident.findFirst({ where: { id: incidentId, teamId }, select: detailSelect });
  },
);

/** Team members who can be incident commander, for the form's select. */
export function listTeamMembers(scope: TeamScope) {
  const { teamId } = scope;
  return db.membership
    .findMany({
      where: { teamId },
      orderBy: { createdAt: "asc" },
      select: { user: { select: { id: true, name: true, email: true } } },
    })
    .then((rows) => rows.map((r) => r.user));
}

export const INCIDENT_PAGE_SIZE = 25;

const severityRank = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;

export interface IncidentListRow {
  id: string;
  number: number;
  title: string;
  severity: (typeof severityRank)[number];
  status: "INVESTIGATING" | "IDENTIFIED" | "MONITORING" | "RESOLVED" | "CLOSED";
  startedAt: Date;
  resolvedAt: Date | null;
  services: string[];
  commander: { name: string | null; email: string } | null;
}

/**
 * One page of the team's incidents. Keyset pagination on (startedAt, id) — or on
 * (severity, startedAt, id) for the severity sort — so deep pages cost the same as the first.
 */
export async function listIncidents(
  scope: TeamScope,
  filters: IncidentListFilters,
  pageSize = INCIDENT_PAGE_SIZE,
) {
  const { teamId } = scope;
  const where: Prisma.IncidentWhereInput = { teamId };
  if (filters.status) where.status = filters.status;
  if (filters.severity) where.severity = filters.severity;
  if (filters.service) where.services = { has: filters.service };
  if (filters.from || filters.to)
    where.startedAt = {
      ...(filters.from && { gte: filters.from }),
      ...(filters.to && { lt: filters.to }),
    };

  const cursor = filters.cursor ? decodeCursor(filters.cursor) : null;
  const desc = filters.sort !== "oldest";
  const and: Prisma.IncidentWhereInput[] = [];
  if (cursor) and.push(afterCursor(cursor, filters.sort));

  const orderBy: Prisma.IncidentOrderByWithRelationInput[] =
    filters.sort === "severity"
      ? [{ severity: "asc" }, { startedAt: "desc" }, { id: "desc" }]
      : [{ startedAt: desc ? "desc" : "asc" }, { id: desc ? "desc" : "asc" }];

  const rows = await db.incident.findMany({
    where: and.length ? { AND: [where, ...and] } : where,
    orderBy,
    take: pageSize + 1,
    select: {
      id: true,
      number: true,
      title: true,
      severity: true,
      status: true,
      startedAt: true,
      resolvedAt: true,
      services: true,
      commander: { select: { name: true, email: true } },
    },
  });
  const hasMore = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  const nextCursor =
    hasMore && last
      ? encodeCursor({
          startedAt: last.startedAt.toISOString(),
          id: last.id,
          severity: last.severity,
        })
      : null;
  return { rows: page as IncidentListRow[], nextCursor };
}

function afterCursor(
  c: IncidentCursor,
  sort: IncidentListFilters["sort"],
): Prisma.IncidentWhereInput {
  const at = new Date(c.startedAt);
  // The plain range bound beside the OR lets PostgreSQL scan (teamId, startedAt, id) from the cursor on.
  if (sort === "oldest") {
    return {
      startedAt: { gte: at },
      OR: [{ startedAt: { gt: at } }, { startedAt: at, id: { gt: c.id } }],
    };
  }
  const newest: Prisma.IncidentWhereInput = {
    startedAt: { lte: at },
    OR: [{ startedAt: { lt: at } }, { startedAt: at, id: { lt: c.id } }],
  };
  if (sort !== "severity" || !c.severity) return newest;
  // Severity is an enum ordered SEV1 < SEV4: later pages have a "larger" severity, or the same one and older.
  const worse = severityRank.slice(severityRank.indexOf(c.severity) + 1);
  return { OR: [{ severity: { in: [...worse] } }, { AND: [{ severity: c.severity }, newest] }] };
}

/**
 * Services used by the team's incidents, for the list's service filter: read from TeamService,
 * which a trigger keeps in step with Incident.services (no scan of the team's incidents).
 */
export async function listTeamServices(scope: TeamScope): Promise<string[]> {
  const { teamId } = scope;
  const rows = await db.$queryRaw<{ service: string }[]>`
    SELECT service FROM "TeamService" WHERE "teamId" = ${teamId} AND incidents > 0 ORDER BY service LIMIT 200`;
  return rows.map((r) => r.service);
}

/** The audit trail of one incident and its records, newest first. */
export async function listIncidentHistory(scope: TeamScope, incidentId: string, take = 200) {
  const { teamId } = scope;
  return db.auditEvent.findMany({
    where: { teamId, incidentId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      action: true,
      entityType: true,
      entityId: true,
      data: true,
      createdAt: true,
      actorLabel: true,
      actor: { select: { name: true, email: true } },
    },
  });
}

/** Home page: open incidents (most severe first) and reports with a published version. */
export async function getHomeData(scope: TeamScope) {
  const { teamId } = scope;
  const [open, reports] = await Promise.all([
    db.incident.findMany({
      where: { teamId, status: { in: OPEN_STATUSES } },
      orderBy: [{ severity: "asc" }, { startedAt: "desc" }],
      take: 20,
      select: {
        id: true,
        number: true,
        title: true,
        severity: true,
        status: true,
        startedAt: true,
        commander: { select: { name: true, email: true } },
      },
    }),
    recentReports(teamId),
  ]);
  return { open, reports };
}

export interface RecentReport {
  id: string;
  number: number;
  title: string;
  publishedAt: Date;
  report: { incident: { id: string; number: number } };
}

/**
 * The newest published version of each of the team's reports, newest first, 10 of them: one
 * statement with its LIMIT, walking ReportVersion by publishedAt (indexed) and skipping
 * versions that have a newer one.
 */
async function recentReports(teamId: string, take = 10): Promise<RecentReport[]> {
  const rows = await db.$queryRaw<
    {
      id: string;
      number: number;
      title: string;
      publishedAt: Date;
      incidentId: string;
      incidentNumber: number;
    }[]
  >`
    SELECT v.id, v.number, v.title, v."publishedAt", i.id AS "incidentId", i.number AS "incidentNumber"
    FROM "ReportVersion" v
    JOIN "Report" r ON r.id = v."reportId"
    JOIN "Incident" i ON i.id = r."incidentId"
    WHERE i."teamId" = ${teamId}
      AND NOT EXISTS (SELECT 1 FROM "ReportVersion" n WHERE n."reportId" = v."reportId" AND n.number > v.number)
    ORDER BY v."publishedAt" DESC, v.id DESC
    LIMIT ${take}`;
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    publishedAt: r.publishedAt,
    report: { incident: { id: r.incidentId, number: r.incidentNumber } },
  }));
}

/** The time zone the user chose in their profile (null: use the browser's). Cached per request. */
export const getPreferredTimeZone = cache(async (userId: string): Promise<string | null> => {
  const user = await db.user.findUnique({ where: { id: userId }, select: { timeZone: true } });
  const zone = user?.timeZone ?? null;
  return zone && isValidTimeZone(zone) ? zone : null;
});
