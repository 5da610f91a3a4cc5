import "server-only";
// The overdue action item sweep, run by the pg-boss schedule (lib/jobs/worker.ts). An item is
// overdue when it is still open or in progress and its due day is before today (UTC, the same
// rule as the action items list). Each item is claimed once by setting overdueNotifiedAt in
// the same transaction that queues its owner's email and the targets' deliveries, so a
// notification goes out exactly once per item, however many workers run the sweep.
import { recordAudit } from "@/lib/audit/mutations";
import { ACTIVE_STATUSES } from "@/lib/action-items/constants";
import { startOfTodayUtc } from "@/lib/action-items/filters";
import { db } from "@/lib/db";
import { simpleHtmlEmail } from "@/lib/email/send";
import { enqueueMail } from "@/lib/jobs/email-queue";
import { jobDbFor } from "@/lib/jobs/tx-db";
import type { NotificationEvent } from "./events";
import { appLink, incidentRef, queueDeliveries } from "./outbox";

/** Items handled per run; the next run (minutes later) takes the rest. */
export const OVERDUE_BATCH = 200;

export async function notifyOverdueActionItems(now = new Date(), batch = OVERDUE_BATCH) {
  const today = startOfTodayUtc(now);
  return db.$transaction(
    async (tx) => {
      // SKIP LOCKED: two sweeps at once split the items instead of waiting or doubling up.
      const claimed = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "ActionItem" SET "overdueNotifiedAt" = ${now}
        WHERE id IN (
          SELECT id FROM "ActionItem"
          WHERE "overdueNotifiedAt" IS NULL AND "dueDate" < ${today}
            AND status::text = ANY(${ACTIVE_STATUSES as string[]})
          ORDER BY "dueDate" LIMIT ${batch}
          FOR UPDATE SKIP LOCKED
        )
        RETURNING id`;
      if (claimed.length === 0) return { notified: 0 };
      const items = await tx.actionItem.findMany({
        where: { id: { in: claimed.map((c) => c.id) } },
        select: {
          id: true,
          title: true,
          dueDate: true,
          teamId: true,
          owner: { select: { email: true, name: true } },
          incident: {
            select: {
              id: true,
              number: true,
              title: true,
              severity: true,
              status: true,
              team: { select: { id: true, name: true } },
            },
          },
        },
      });
      const targets = await tx.notificationTarget.findMany({
        where: {
          teamId: { in: [...new Set(items.map((i) => i.teamId))] },
          disabledAt: null,
          events: { has: "action_item.overdue" },
        },
        select: { id: true, teamId: true },
      });
      for (const item of items) {
        const url = appLink(`/incidents/${item.incident.id}/actions`);
        const ref = incidentRef(item.incident);
        const due = item.dueDate?.toISOString().slice(0, 10) ?? "";
        if (item.owner) {
          const subject = `Overdue: ${item.title} (${ref.key})`;
          const lines = [
            `“${item.title}” was due on ${due} and is still open.`,
            `Incident: ${ref.key} ${item.incident.title}`,
          ];
          await enqueueMail(
            {
              to: item.owner.email,
              subject,
              text: `${lines.join("\n")}\n\nOpen it: ${url}\n`,
              html: simpleHtmlEmail({
                heading: subject,
                paragraphs: lines,
                actionLabel: "Open the action items",
                actionUrl: url,
              }),
            },
            { db: jobDbFor(tx), key: `overdue:${item.id}` },
          );
        }
        const event: NotificationEvent = {
          v: 1,
          type: "action_item.overdue",
          timestamp: now.toISOString(),
          data: {
            team: item.incident.team,
            incident: ref,
            actionItem: {
              id: item.id,
              title: item.title,
              dueDate: item.dueDate?.toISOString() ?? null,
              owner: item.owner ? (item.owner.name ?? item.owner.email) : null,
              url,
            },
          },
        };
        const ids = targets.filter((t) => t.teamId === item.teamId).map((t) => t.id);
        await queueDeliveries(tx, item.teamId, ids, `action_item.overdue:${item.id}`, event);
        await recordAudit(tx, {
          teamId: item.teamId,
          actorLabel: "Overdue check",
          // Not "action_item.…": that prefix means "changes what a report shows" (lib/reports/content.ts).
          action: "notification.overdue_sent",
          entityType: "ActionItem",
          entityId: item.id,
          incidentId: item.incident.id,
          data: { dueDate: due, owner: item.owner?.email ?? null, targets: ids.length },
        });
      }
      return { notified: items.length };
    },
    { timeout: 60_000 },
  );
}
