import "server-only";
// Turning a change into deliveries, inside the transaction of the change itself: a delivery
// row per subscribed target and its pg-boss job commit with the change or not at all (a
// transactional outbox). The unique (target, event id) pair makes a repeated emit a no-op.
import type PgBoss from "pg-boss";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { incidentKey } from "@/lib/incidents/constants";
import { NOTIFY_QUEUE, wakeWorkers } from "@/lib/jobs/boss";
import { jobIdForKey } from "@/lib/jobs/email-queue";
import { senderBoss } from "@/lib/jobs/sender";
import type { NotifyJobData } from "@/lib/jobs/payloads";
import { jobDbFor } from "@/lib/jobs/tx-db";
import {
  eventsForAudit,
  type AuditedChange,
  type NotificationEvent,
  type PendingEvent,
} from "./events";

type Tx = Prisma.TransactionClient;

export type { NotifyJobData } from "@/lib/jobs/payloads";

export const appLink = (path: string) => `${env().APP_URL.replace(/\/$/, "")}${path}`;

export function incidentRef(i: {
  id: string;
  number: number;
  title: string;
  severity: string;
  status: string;
}) {
  return {
    id: i.id,
    key: incidentKey(i.number),
    title: i.title,
    severity: i.severity,
    status: i.status,
    url: appLink(`/incidents/${i.id}`),
  };
}

/** Creates the deliveries of one event for the given targets and queues them; duplicates are skipped. */
export async function queueDeliveries(
  tx: Tx,
  teamId: string,
  targetIds: string[],
  eventId: string,
  event: NotificationEvent,
) {
  if (targetIds.length === 0) return [];
  const rows = await tx.notificationDelivery.createManyAndReturn({
    data: targetIds.map((targetId) => ({
      targetId,
      teamId,
      eventId,
      eventType: event.type,
      event: event as unknown as Prisma.InputJsonValue,
    })),
    skipDuplicates: true,
    select: { id: true },
  });
  if (rows.length === 0) return rows;
  const boss = await senderBoss();
  const db: PgBoss.Db = jobDbFor(tx);
  for (const row of rows) {
    const data: NotifyJobData = { deliveryId: row.id };
    await boss.send(NOTIFY_QUEUE, data as unknown as object, {
      id: jobIdForKey(`notify:${row.id}`),
      db,
    });
  }
  await wakeWorkers(db, NOTIFY_QUEUE);
  return rows;
}

/** Called by recordAudit for every audited change: emits the events it stands for. */
export async function notifyForAudit(
  tx: Tx,
  audit: AuditedChange & {
    teamId: string | null;
    actorId?: string | null;
    actorLabel?: string | null;
  },
) {
  if (!audit.teamId) return;
  const pending = eventsForAudit(audit);
  if (pending.length === 0) return;
  const targets = await tx.notificationTarget.findMany({
    where: {
      teamId: audit.teamId,
      disabledAt: null,
      events: { hasSome: pending.map((p) => p.type) },
    },
    select: { id: true, events: true },
  });
  if (targets.length === 0) return;
  const incident = await tx.incident.findUnique({
    where: { id: pending[0]!.incidentId },
    select: {
      id: true,
      number: true,
      title: true,
      severity: true,
      status: true,
      team: { select: { id: true, name: true } },
    },
  });
  if (!incident || incident.team.id !== audit.teamId) return;
  const actor = audit.actorLabel ?? (audit.actorId ? await actorName(tx, audit.actorId) : null);
  for (const p of pending) {
    const event = await buildEvent(tx, p, incident, actor);
    const ids = targets.filter((t) => t.events.includes(p.type)).map((t) => t.id);
    await queueDeliveries(tx, audit.teamId, ids, p.eventId, event);
  }
}

async function actorName(tx: Tx, userId: string) {
  const u = await tx.user.findUnique({
    where: { id: userId },
    select: { name: true, email: true },
  });
  return u ? (u.name ?? u.email) : null;
}

async function buildEvent(
  tx: Tx,
  p: PendingEvent,
  incident: {
    id: string;
    number: number;
    title: string;
    severity: string;
    status: string;
    team: { id: string; name: string };
  },
  actor: string | null,
): Promise<NotificationEvent> {
  const data: NotificationEvent["data"] = {
    team: incident.team,
    incident: incidentRef(incident),
    actor,
  };
  if (p.change) data.change = p.change;
  if (p.reportVersionId) {
    const v = await tx.reportVersion.findUnique({
      where: { id: p.reportVersionId },
      select: { number: true },
    });
    data.report = { version: v?.number ?? 1, url: appLink(`/incidents/${incident.id}/report`) };
  }
  return { v: 1, type: p.type, timestamp: new Date().toISOString(), data };
}
