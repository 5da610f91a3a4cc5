import "server-only";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { incidentKey } from "@/lib/incidents/constants";
import { similarSql } from "./sql";
import {
  rankSimilar,
  SIMILAR_LIMIT,
  type SimilarCandidate,
  type SimilarIncident,
} from "./similarity";

/**
 * "This happened before": other incidents of the team whose title or 5 Whys statements are
 * similar (pg_trgm, through the trigram indexes on Incident.title and WhyNode.statement) to
 * this incident's title and causes — or to a cause being typed. At most five, only above the
 * threshold, with their root causes and how their action items stand.
 */
export async function findSimilarIncidents(
  scope: TeamScope,
  incidentId: string,
  opts: { text?: string } = {},
): Promise<SimilarIncident[]> {
  const self = await db.incident.findFirst({
    where: { id: incidentId, teamId: scope.teamId },
    select: {
      id: true,
      title: true,
      services: true,
      whyNodes: { where: { isRootCause: true }, select: { statement: true }, take: 20 },
    },
  });
  if (!self) return [];
  const text = opts.text?.trim() ?? "";
  // While a cause is typed, that text is what we compare; on the incident page, the title and its root causes.
  const statements = text ? [text] : self.whyNodes.map((w) => w.statement);
  const title = text ? null : self.title;
  const rows = await db.$queryRaw<SimilarCandidate[]>(
    similarSql(scope.teamId, { id: self.id, title, statements, services: self.services }),
  );
  const ranked = rankSimilar(rows).slice(0, SIMILAR_LIMIT);
  if (ranked.length === 0) return [];
  const details = await db.incident.findMany({
    where: { id: { in: ranked.map((r) => r.incidentId) }, teamId: scope.teamId },
    select: {
      id: true,
      number: true,
      title: true,
      status: true,
      startedAt: true,
      whyNodes: { where: { isRootCause: true }, select: { id: true, statement: true }, take: 3 },
      actions: { select: { status: true } },
    },
  });
  const byId = new Map(details.map((d) => [d.id, d]));
  return ranked.flatMap((r) => {
    const d = byId.get(r.incidentId);
    if (!d) return [];
    return [
      {
        ...r,
        incidentKey: incidentKey(d.number),
        title: d.title,
        status: d.status,
        startedAt: d.startedAt,
        rootCauses: d.whyNodes,
        actions: {
          done: d.actions.filter((a) => a.status === "DONE").length,
          open: d.actions.filter((a) => a.status === "OPEN" || a.status === "IN_PROGRESS").length,
        },
      },
    ];
  });
}
