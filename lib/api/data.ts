import "server-only";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";

/** The team's tokens, live first then revoked, newest first; never the hash. */
export function listApiTokens(scope: TeamScope) {
  return db.apiToken.findMany({
    where: { teamId: scope.teamId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    take: 200,
    select: {
      id: true,
      name: true,
      scope: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdBy: { select: { name: true, email: true } },
    },
  });
}
export type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];

/** Published report versions of the team (newest first), optionally of one incident. */
export function listPublishedReports(scope: TeamScope, incidentId?: string) {
  return db.reportVersion.findMany({
    where: {
      report: { incident: { teamId: scope.teamId, ...(incidentId ? { id: incidentId } : {}) } },
    },
    orderBy: { publishedAt: "desc" },
    take: 200,
    select: {
      id: true,
      number: true,
      title: true,
      publishedAt: true,
      report: { select: { incidentId: true } },
    },
  });
}
