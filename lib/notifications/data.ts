import "server-only";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";

/** Deliveries shown per target in settings. */
export const DELIVERY_LOG_SIZE = 20;

/** The team's targets, newest last, each with its latest deliveries. Never the URL or secret. */
export function listTargets(scope: TeamScope) {
  return db.notificationTarget.findMany({
    where: { teamId: scope.teamId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      kind: true,
      urlHost: true,
      events: true,
      createdAt: true,
      disabledAt: true,
      disabledReason: true,
      consecutiveFailures: true,
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: DELIVERY_LOG_SIZE,
        select: {
          id: true,
          eventType: true,
          state: true,
          attempts: true,
          responseStatus: true,
          latencyMs: true,
          lastError: true,
          createdAt: true,
          lastAttemptAt: true,
        },
      },
    },
  });
}
export type TargetRow = Awaited<ReturnType<typeof listTargets>>[number];

/**
 * Whether deliveries are still on their way (the settings page refreshes itself meanwhile).
 * Retries last about ten minutes: one queued longer ago (no worker running) does not count.
 */
export async function hasDeliveriesInFlight(scope: TeamScope) {
  const since = new Date(Date.now() - 15 * 60_000);
  const row = await db.notificationDelivery.findFirst({
    where: { teamId: scope.teamId, state: "QUEUED", createdAt: { gt: since } },
    select: { id: true },
  });
  return row !== null;
}

/** One delivery with what the worker needs to send it (no team scope: the job names the row). */
export function findDeliveryForSending(deliveryId: string) {
  return db.notificationDelivery.findUnique({
    where: { id: deliveryId },
    select: {
      id: true,
      state: true,
      eventType: true,
      event: true,
      target: {
        select: { id: true, kind: true, urlSealed: true, secretSealed: true, disabledAt: true },
      },
    },
  });
}
