import "server-only";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";

/** The team's live sources with their last 10 deliveries. */
export function listAlertSources(scope: TeamScope) {
  return db.alertSource.findMany({
    where: { teamId: scope.teamId, revokedAt: null },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      kind: true,
      severityRules: true,
      defaultSeverity: true,
      mitigateWhenResolved: true,
      createdAt: true,
      deliveries: {
        orderBy: { receivedAt: "desc" },
        take: 10,
        select: { id: true, outcome: true, reason: true, alertCount: true, receivedAt: true },
      },
    },
  });
}
export type AlertSourceRow = Awaited<ReturnType<typeof listAlertSources>>[number];

/**
 * A source by the id in the webhook URL, for the webhook gate only: the id names the source,
 * the request's token or signature proves it; the team comes from the row.
 */
export function findSourceForWebhook(sourceId: string) {
  return db.alertSource.findUnique({
    where: { id: sourceId },
    select: {
      id: true,
      teamId: true,
      name: true,
      kind: true,
      tokenHash: true,
      secretSealed: true,
      severityRules: true,
      defaultSeverity: true,
      mitigateWhenResolved: true,
      revokedAt: true,
    },
  });
}
