import "server-only";
// Reads of attachments. Three audiences, three gates, each one statement:
// - team members: the attachment belongs to the caller's team (another team's id: not found);
// - a share-link holder: the attachment is one the link's published version shows;
// - a portal reader: the same, for a version granted to the signed-in address.
// The last two also respect the customer version, which shows only some files.
// Listings never carry the bytes; only the serving reads do.
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { hasNul } from "@/lib/server/input-guard";

export interface AttachmentMeta {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  caption: string;
  timelineEventId: string | null;
  sectionKey: string | null;
  createdAt: Date;
}

const metaSelect = {
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
} as const;

const fileSelect = { bytes: true, contentType: true, filename: true } as const;

const usable = (id: unknown): id is string => typeof id === "string" && !!id && !hasNul(id);

/** The incident's current attachments (removed ones are gone from here), oldest first. */
export function listIncidentAttachments(
  scope: TeamScope,
  incidentId: string,
): Promise<AttachmentMeta[]> {
  if (!usable(incidentId)) return Promise.resolve([]);
  return db.attachment.findMany({
    where: { incidentId, teamId: scope.teamId, deletedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: metaSelect,
  });
}

/**
 * A team member's read. A removed attachment is still served while a published version shows
 * it (otherwise its row is gone), so the team's own version pages and prints keep their images.
 */
export function getTeamAttachmentFile(scope: TeamScope, id: string) {
  if (!usable(id)) return Promise.resolve(null);
  return db.attachment.findFirst({ where: { id, teamId: scope.teamId }, select: fileSelect });
}

/**
 * An attachment the given published version shows (share links). `customer`: the link shows
 * the customer version, which shows fewer files.
 */
export function getVersionAttachmentFile(
  reportVersionId: string,
  attachmentId: string,
  customer: boolean,
) {
  if (!usable(reportVersionId) || !usable(attachmentId)) return Promise.resolve(null);
  return db.attachment.findFirst({
    where: {
      id: attachmentId,
      versions: { some: { reportVersionId, ...(customer ? { inCustomerVersion: true } : {}) } },
    },
    select: fileSelect,
  });
}

/**
 * A portal reader's read: an attachment that a version granted to this address shows in the
 * version the grant is for (an internal grant: the stakeholder report; a customer grant: the
 * customer version). Revoked grants give nothing.
 */
export function getPortalAttachmentFile(email: string, attachmentId: string) {
  if (!usable(attachmentId)) return Promise.resolve(null);
  const granted = (audience?: "INTERNAL") => ({
    reportVersion: {
      grants: {
        some: { email: email.toLowerCase(), revokedAt: null, ...(audience ? { audience } : {}) },
      },
    },
  });
  return db.attachment.findFirst({
    where: {
      id: attachmentId,
      versions: {
        some: { OR: [granted("INTERNAL"), { inCustomerVersion: true, ...granted() }] },
      },
    },
    select: fileSelect,
  });
}
