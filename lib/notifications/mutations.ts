import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/mutations";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { NotFoundError, RuleError } from "@/lib/errors";
import { seal } from "@/lib/jobs/seal";
import type { NotificationEvent } from "./events";
import { queueDeliveries } from "./outbox";
import type { TargetEventsInput, TargetInput } from "./schema";
import { checkTargetUrl } from "./send";
import { generateSigningSecret } from "./signing";

/** Deliveries that fail for good in a row before a target is turned off. */
export const DISABLE_AFTER_FAILURES = 5;

async function ownTarget(scope: TeamScope, targetId: string) {
  const t = await db.notificationTarget.findFirst({
    where: { id: targetId, teamId: scope.teamId },
    select: { id: true, name: true, disabledAt: true },
  });
  if (!t) throw new NotFoundError("Notification target");
  return t;
}

/** Creates a target; for a generic webhook, returns its signing secret (shown once). */
export async function createTarget(scope: TeamScope, actorId: string, input: TargetInput) {
  const problem = await checkTargetUrl(input.url, env().NOTIFICATIONS_ALLOW_PRIVATE);
  if (problem) throw new RuleError(problem, "url");
  const secret = input.kind === "WEBHOOK" ? generateSigningSecret() : null;
  const key = env().AUTH_SECRET;
  return db.$transaction(async (tx) => {
    const target = await tx.notificationTarget.create({
      data: {
        teamId: scope.teamId,
        kind: input.kind,
        name: input.name,
        urlSealed: seal(input.url, key),
        urlHost: new URL(input.url).host,
        secretSealed: secret ? seal(secret, key) : null,
        events: input.events,
      },
      select: { id: true, name: true },
    });
    await recordAudit(tx, {
      teamId: scope.teamId,
      actorId,
      action: "notification.target.create",
      entityType: "NotificationTarget",
      entityId: target.id,
      data: {
        name: input.name,
        kind: input.kind,
        host: new URL(input.url).host,
        events: input.events,
      },
    });
    return { ...target, secret };
  });
}

export async function updateTargetEvents(
  scope: TeamScope,
  actorId: string,
  input: TargetEventsInput,
) {
  await ownTarget(scope, input.targetId);
  await db.$transaction(async (tx) => {
    await tx.notificationTarget.update({
      where: { id: input.targetId },
      data: { events: input.events },
    });
    await recordAudit(tx, {
      teamId: scope.teamId,
      actorId,
      action: "notification.target.update",
      entityType: "NotificationTarget",
      entityId: input.targetId,
      data: { events: input.events },
    });
  });
}

/** Turns a target off or back on; on again, its failure count starts from zero. */
export async function setTargetEnabled(
  scope: TeamScope,
  actorId: string,
  targetId: string,
  enabled: boolean,
) {
  const target = await ownTarget(scope, targetId);
  await db.$transaction(async (tx) => {
    await tx.notificationTarget.update({
      where: { id: target.id },
      data: enabled
        ? { disabledAt: null, disabledReason: null, consecutiveFailures: 0 }
        : { disabledAt: new Date(), disabledReason: "Turned off by an owner." },
    });
    await recordAudit(tx, {
      teamId: scope.teamId,
      actorId,
      action: enabled ? "notification.target.enable" : "notification.target.disable",
      entityType: "NotificationTarget",
      entityId: target.id,
    });
  });
  return { enabled };
}

export async function deleteTarget(scope: TeamScope, actorId: string, targetId: string) {
  const target = await ownTarget(scope, targetId);
  await db.$transaction(async (tx) => {
    await tx.notificationTarget.delete({ where: { id: target.id } });
    await recordAudit(tx, {
      teamId: scope.teamId,
      actorId,
      action: "notification.target.delete",
      entityType: "NotificationTarget",
      entityId: target.id,
      data: { name: target.name },
    });
  });
}

/** Queues a test event to one target (also when it is turned off, to check a fix). */
export async function sendTestEvent(scope: TeamScope, actorId: string, targetId: string) {
  const target = await ownTarget(scope, targetId);
  return db.$transaction(async (tx) => {
    const team = await tx.team.findUniqueOrThrow({
      where: { id: scope.teamId },
      select: { id: true, name: true },
    });
    const actor = await tx.user.findUnique({
      where: { id: actorId },
      select: { name: true, email: true },
    });
    const event: NotificationEvent = {
      v: 1,
      type: "test",
      timestamp: new Date().toISOString(),
      data: {
        team,
        actor: actor ? (actor.name ?? actor.email) : null,
        message: "This is a test event from Hindsight: notifications reach this address.",
      },
    };
    const [row] = await queueDeliveries(
      tx,
      scope.teamId,
      [target.id],
      `test:${randomUUID()}`,
      event,
    );
    return { deliveryId: row!.id };
  });
}

export interface AttemptOutcome {
  ok: boolean;
  status: number | null;
  latencyMs: number | null;
  error: string | null;
  /** No retry follows (the last one, or nothing to retry). */
  final: boolean;
}

/**
 * Records one attempt. A delivered event resets the target's failure count; a delivery that
 * failed for good adds one, and at DISABLE_AFTER_FAILURES in a row the target is turned off
 * with the reason, so a dead receiver stops costing retries and the team is told why.
 */
export async function recordAttempt(deliveryId: string, outcome: AttemptOutcome, now = new Date()) {
  return db.$transaction(async (tx) => {
    const delivery = await tx.notificationDelivery.update({
      where: { id: deliveryId },
      data: {
        attempts: { increment: 1 },
        responseStatus: outcome.status,
        latencyMs: outcome.latencyMs,
        lastError: outcome.error,
        lastAttemptAt: now,
        state: outcome.ok ? "DELIVERED" : outcome.final ? "FAILED" : "QUEUED",
        deliveredAt: outcome.ok ? now : null,
      },
      select: { targetId: true, teamId: true },
    });
    if (outcome.ok) {
      await tx.notificationTarget.update({
        where: { id: delivery.targetId },
        data: { consecutiveFailures: 0 },
      });
      return { disabled: false };
    }
    if (!outcome.final) return { disabled: false };
    const target = await tx.notificationTarget.update({
      where: { id: delivery.targetId },
      data: { consecutiveFailures: { increment: 1 } },
      select: { consecutiveFailures: true, disabledAt: true },
    });
    if (target.disabledAt || target.consecutiveFailures < DISABLE_AFTER_FAILURES)
      return { disabled: false };
    const reason = `Turned off after ${target.consecutiveFailures} deliveries in a row failed (last: ${outcome.error ?? "no answer"}). Fix the receiver, send a test event, then turn it back on.`;
    await tx.notificationTarget.update({
      where: { id: delivery.targetId },
      data: { disabledAt: now, disabledReason: reason.slice(0, 500) },
    });
    await recordAudit(tx, {
      teamId: delivery.teamId,
      actorLabel: "Notification delivery",
      action: "notification.target.auto_disable",
      entityType: "NotificationTarget",
      entityId: delivery.targetId,
      data: { failures: target.consecutiveFailures },
    });
    return { disabled: true };
  });
}

/** A queued delivery that will not be attempted (its target was turned off meanwhile). */
export async function skipDelivery(deliveryId: string, reason: string) {
  await db.notificationDelivery.updateMany({
    where: { id: deliveryId, state: "QUEUED" },
    data: { state: "FAILED", lastError: reason },
  });
}
