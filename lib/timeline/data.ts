import "server-only";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The incident's events in time order (at most 2,000), with the columns `select` names. */
function incidentEvents<S extends Prisma.TimelineEventSelect>(
  scope: TeamScope,
  incidentId: string,
  select: S,
) {
  return db.timelineEvent.findMany({
    where: { incidentId, incident: { teamId: scope.teamId } },
    orderBy: [{ occurredAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    take: 2000,
    select,
  });
}

/** The incident's timeline in time order, with the 5 Whys nodes that cite each event. Callers check the incident's team first. */
export function listTimeline(scope: TeamScope, incidentId: string) {
  return incidentEvents(scope, incidentId, {
    id: true,
    occurredAt: true,
    kind: true,
    body: true,
    author: true,
    source: true,
    isKey: true,
    version: true,
    citations: { select: { node: { select: { id: true, statement: true } } } },
  });
}

/** The incident's events as places a file can be attached (id, time, text), oldest first. */
export function listTimelineTargets(scope: TeamScope, incidentId: string) {
  return incidentEvents(scope, incidentId, { id: true, occurredAt: true, body: true });
}

/** When the incident started (the base date for time-only import lines). */
export async function getIncidentStart(scope: TeamScope, incidentId: string): Promise<Date> {
  const { teamId } = scope;
  const inc = await db.incident.findFirst({
    where: { id: incidentId, teamId },
    select: { startedAt: true },
  });
  if (!inc) throw new NotFoundError("Incident");
  return inc.startedAt;
}
