import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { withdrawStaleApprovals } from "@/lib/reports/approvals";
import { changesReportContent } from "@/lib/reports/content";
import { notifyForAudit } from "@/lib/notifications/outbox";
import { parseAuditEntry, type AuditEntry } from "./schema";

type Tx = Prisma.TransactionClient;

/** Who, where and on what; `action` and `data` come from the typed union (lib/audit/schema.ts). */
export type AuditInput = {
  teamId: string | null;
  actorId?: string | null;
  actorLabel?: string | null;
  entityType: string; // e.g. "Incident"
  entityId: string;
  incidentId?: string | null;
} & AuditEntry;

/**
 * Writes one audit event inside the caller's transaction, so the change and its record land
 * together. Every write that can change what a report shows passes here, so this is also where
 * approvals of a report in review are withdrawn when its content changes (issue 8, item 5),
 * and where outgoing notifications are queued (incident opened, status or severity changed,
 * report published: lib/notifications/outbox.ts), whichever path made the change.
 */
export async function recordAudit(tx: Tx, input: AuditInput) {
  await tx.auditEvent.create({
    data: { ...input, data: (input.data ?? undefined) as Prisma.InputJsonValue | undefined },
  });
  if (input.teamId && input.incidentId && changesReportContent(input.action)) {
    await withdrawStaleApprovals(tx, {
      teamId: input.teamId,
      incidentId: input.incidentId,
      actorId: input.actorId ?? null,
      action: input.action,
    });
  }
  await notifyForAudit(tx, input);
}

/**
 * Names of the fields other people changed on a record since `baseVersion`, read from its
 * update audit rows (each records `{ version, changes }`). Used to explain a refused stale save.
 */
export async function fieldsChangedSince(
  tx: Tx,
  where: {
    teamId: string;
    entityType: string;
    entityId: string;
    action: "incident.update" | "timeline.update";
  },
  baseVersion: number,
): Promise<Set<string>> {
  const updates = await tx.auditEvent.findMany({
    where,
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { data: true },
  });
  const changed = new Set<string>();
  for (const u of updates) {
    const entry = parseAuditEntry(where.action, u.data);
    const d =
      entry?.action === "incident.update" || entry?.action === "timeline.update"
        ? entry.data
        : null;
    if (d?.version && d.version > baseVersion)
      for (const k of Object.keys(d.changes)) changed.add(k);
  }
  return changed;
}
