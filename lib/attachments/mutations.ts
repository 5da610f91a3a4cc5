import "server-only";
// Writes of attachments, each in one transaction with its audit row. Bytes arrive already
// checked (content-type.ts); the target is checked here against the incident (a timeline event
// of another incident is "not found").
import type { TeamScope } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/mutations";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AttachmentType } from "./content-type";
import type { AttachmentMeta } from "./data";
import type { AttachmentTarget } from "./schema";

export interface NewAttachment {
  incidentId: string;
  target: AttachmentTarget;
  filename: string;
  caption: string;
  bytes: Uint8Array;
  contentType: AttachmentType;
  width: number | null;
  height: number | null;
}

export async function createAttachment(
  scope: TeamScope,
  actorId: string,
  input: NewAttachment,
): Promise<AttachmentMeta> {
  const { teamId } = scope;
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.findFirst({
      where: { id: input.incidentId, teamId },
      select: { id: true },
    });
    if (!incident) throw new NotFoundError("Incident");
    if (input.target.kind === "event") {
      const event = await tx.timelineEvent.findFirst({
        where: { id: input.target.timelineEventId, incidentId: incident.id },
        select: { id: true },
      });
      if (!event) throw new NotFoundError("Timeline event");
    }
    const row = await tx.attachment.create({
      data: {
        teamId,
        incidentId: incident.id,
        timelineEventId: input.target.kind === "event" ? input.target.timelineEventId : null,
        sectionKey: input.target.kind === "section" ? input.target.sectionKey : null,
        filename: input.filename,
        caption: input.caption,
        contentType: input.contentType,
        size: input.bytes.byteLength,
        bytes: Buffer.from(input.bytes),
        width: input.width,
        height: input.height,
        createdById: actorId,
      },
      select: {
        id: true,
        filename: true,
        contentType: true,
        size: true,
        width: true,
        height: true,
        caption: true,
        timelineEventId: true,
        sectionKey: true,
        createdAt: true,
      },
    });
    await recordAudit(tx, {
      teamId,
      actorId,
      action: "attachment.create",
      entityType: "Attachment",
      entityId: row.id,
      incidentId: incident.id,
      data: {
        filename: row.filename,
        contentType: row.contentType,
        bytes: row.size,
        target: input.target.kind,
      },
    });
    return row;
  });
}

/**
 * Removes an attachment from the incident. Published versions are immutable: one that shows it
 * keeps showing it, so a referenced attachment is only marked deleted (hidden from the incident
 * and from new reports, still served for those versions); an unreferenced one is deleted.
 */
export async function removeAttachment(
  scope: TeamScope,
  actorId: string,
  input: { incidentId: string; attachmentId: string },
): Promise<{ kept: boolean }> {
  const { teamId } = scope;
  return db.$transaction(async (tx) => {
    const row = await tx.attachment.findFirst({
      where: { id: input.attachmentId, incidentId: input.incidentId, teamId, deletedAt: null },
      select: { id: true, filename: true, _count: { select: { versions: true } } },
    });
    if (!row) throw new NotFoundError("Attachment");
    const kept = row._count.versions > 0;
    if (kept)
      await tx.attachment.update({ where: { id: row.id }, data: { deletedAt: new Date() } });
    else await tx.attachment.delete({ where: { id: row.id } });
    await recordAudit(tx, {
      teamId,
      actorId,
      action: "attachment.delete",
      entityType: "Attachment",
      entityId: row.id,
      incidentId: input.incidentId,
      data: { filename: row.filename, keptForPublishedVersions: kept },
    });
    return { kept };
  });
}

/**
 * At publish, in the publishing transaction: the attachments this version shows, and which of
 * them its customer version shows too.
 */
export async function recordVersionAttachments(
  tx: Prisma.TransactionClient,
  reportVersionId: string,
  attachmentIds: string[],
  customerIds: string[],
) {
  if (attachmentIds.length === 0) return;
  const customer = new Set(customerIds);
  await tx.reportVersionAttachment.createMany({
    data: [...new Set(attachmentIds)].map((attachmentId) => ({
      reportVersionId,
      attachmentId,
      inCustomerVersion: customer.has(attachmentId),
    })),
    skipDuplicates: true,
  });
}
