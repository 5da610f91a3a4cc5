import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

export interface AuditInput {
  teamId: string | null;
  actorId?: string | null;
  actorLabel?: string | null;
  action: string; // e.g. "incident.update"
  entityType: string; // e.g. "Incident"
  entityId: string;
  incidentId?: string | null;
  data?: Prisma.InputJsonValue;
}

/** Writes one audit event inside the caller's transaction, so the change and its record land together. */
export async function recordAudit(tx: Tx, input: AuditInput) {
  await tx.auditEvent.create({ data: { ...input, data: input.data ?? undefined } });
}
