import "server-only";
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { recordAudit } from "@/lib/audit/mutations";
import type { AuditAction, AuditData } from "@/lib/audit/schema";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { RuleError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueMail, type TrackedShare } from "@/lib/jobs/email-queue";
import { customerScrubber, toCustomerSnapshot } from "@/lib/reports/customer";
import { getPublishedVersion } from "@/lib/reports/data";
import type { ReportSnapshot } from "@/lib/reports/snapshot";
import { shareEmail } from "./email";
import { takeEmailAllowance } from "@/lib/rate-limit/email";
import { currentClient } from "@/lib/rate-limit/request";
import type { BucketPolicy } from "./rate-limit";
import type { ShareInput, SharingSettingsInput } from "./schema";
import { expiryFrom, generateShareToken, linkState } from "./tokens";

type Tx = Prisma.TransactionClient;

/** Lets pg-boss insert its job through our transaction: the share and its email commit together. */
function jobDb(tx: Tx): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const args = values.map((v) =>
        v === undefined
          ? null
          : v !== null && typeof v === "object" && !(v instanceof Date)
            ? JSON.stringify(v)
            : v,
      );
      const rows = await tx.$queryRawUnsafe<unknown[]>(text, ...args);
      return { rows };
    },
  };
}

export function shareUrl(token: string) {
  return new URL(`/r/${token}`, env().APP_URL).toString();
}

interface Actor {
  id: string;
  name: string | null;
  email: string;
}

interface VersionForShare {
  id: string;
  incidentId: string;
  teamId: string;
  snapshot: ReportSnapshot;
}

type Audience = ShareInput["audience"];

const deliveryKey = (share: TrackedShare) => `share:${share.id}:${share.tokenHash}`;

/** The team's name and logo as the published version carries them (absolute URL: email clients load it). */
function branding(s: ReportSnapshot) {
  return {
    teamName: s.team.name,
    logoUrl: s.team.logoId
      ? new URL(`/api/logos/${s.team.logoId}`, env().APP_URL).toString()
      : null,
  };
}

/**
 * The email shows what the link shows: a customer version's email is written from the customer
 * snapshot (its summary, roles for names) and is signed by the team, never by a person.
 */
function mailFor(
  version: VersionForShare,
  actor: Actor,
  to: string,
  token: string,
  message: string | null,
  expiresAt: Date,
  confirmEmail: boolean,
  audience: Audience,
) {
  if (audience === "CUSTOMER") {
    const c = toCustomerSnapshot(version.snapshot);
    return shareEmail({
      to,
      url: shareUrl(token),
      reportTitle: c.incident.title,
      incidentKey: c.incident.key,
      summary: c.customerSummary || c.incident.customerImpact || c.incident.summary,
      sharerName: c.team.name ?? "The incident response team",
      ...branding(version.snapshot),
      message: message === null ? null : customerScrubber(version.snapshot)(message),
      expiresAt,
      confirmEmail,
    });
  }
  const i = version.snapshot.incident;
  return shareEmail({
    to,
    url: shareUrl(token),
    reportTitle: i.title,
    incidentKey: i.key,
    summary: i.summary || i.customerImpact,
    sharerName: actor.name ?? actor.email,
    ...branding(version.snapshot),
    message,
    expiresAt,
    confirmEmail,
  });
}

/**
 * One link per recipient, each with its own token, a portal grant, an audit event and a
 * queued email, all in one transaction: nothing is half-shared.
 */
export async function createShares(args: {
  version: VersionForShare;
  actor: Actor;
  input: ShareInput;
  now: Date;
}): Promise<number> {
  const { version, actor, input, now } = args;
  const expiresAt = expiryFrom(now, input.days);
  // Every email's allowance first (team, client, each recipient): a refusal saves nothing.
  const client = await currentClient();
  for (const to of input.recipients)
    await takeEmailAllowance(
      { recipient: to, client, teamId: version.teamId, field: "recipients" },
      now,
    );
  await db.$transaction(
    async (tx) => {
      for (const to of input.recipients) {
        const { token, tokenHash } = generateShareToken();
        const link = await tx.shareLink.create({
          data: {
            reportVersionId: version.id,
            recipientEmail: to,
            message: input.message,
            tokenHash,
            mode: input.mode,
            audience: input.audience,
            expiresAt,
            createdById: actor.id,
          },
          select: { id: true },
        });
        // The portal shows what the latest share chose for this address (a customer re-shared the
        // customer version no longer sees the internal one there).
        await tx.stakeholderGrant.upsert({
          where: { reportVersionId_email: { reportVersionId: version.id, email: to } },
          create: { reportVersionId: version.id, email: to, audience: input.audience },
          update: { revokedAt: null, audience: input.audience },
        });
        const share = { id: link.id, tokenHash };
        await enqueueMail(
          mailFor(
            version,
            actor,
            to,
            token,
            input.message,
            expiresAt,
            input.mode === "CONFIRM_EMAIL",
            input.audience,
          ),
          { db: jobDb(tx), key: deliveryKey(share), share },
        );
        await recordAudit(tx, {
          teamId: version.teamId,
          actorId: actor.id,
          action: "share.create",
          entityType: "ShareLink",
          entityId: link.id,
          incidentId: version.incidentId,
          data: {
            recipient: to,
            mode: input.mode,
            audience: input.audience,
            expiresAt: expiresAt.toISOString(),
            reportVersionId: version.id,
          },
        });
      }
    },
    { timeout: 20_000 },
  );
  return input.recipients.length;
}

async function findTeamShare(tx: Tx, teamId: string, incidentId: string, shareId: string) {
  const link =
    typeof shareId === "string"
      ? await tx.shareLink.findFirst({
          where: {
            id: shareId,
            reportVersion: { report: { incidentId, incident: { id: incidentId, teamId } } },
          },
          select: {
            id: true,
            recipientEmail: true,
            revokedAt: true,
            expiresAt: true,
            message: true,
            mode: true,
            audience: true,
            reportVersionId: true,
          },
        })
      : null;
  if (!link) throw new NotFoundError("Share link");
  return link;
}

/** Takes effect on the next request: the link page reads revokedAt every time. */
export async function revokeShare(args: {
  scope: TeamScope;
  incidentId: string;
  shareId: string;
  actorId: string;
  now: Date;
}) {
  const { scope, incidentId, shareId, actorId, now } = args;
  const { teamId } = scope;
  return db.$transaction(async (tx) => {
    const link = await findTeamShare(tx, teamId, incidentId, shareId);
    if (link.revokedAt) return link.recipientEmail;
    await tx.shareLink.update({ where: { id: link.id }, data: { revokedAt: now } });
    // Portal access goes with the last live link for this address and version.
    const others = await tx.shareLink.count({
      where: {
        reportVersionId: link.reportVersionId,
        recipientEmail: link.recipientEmail,
        revokedAt: null,
        expiresAt: { gt: now },
      },
    });
    if (others === 0) {
      await tx.stakeholderGrant.updateMany({
        where: {
          reportVersionId: link.reportVersionId,
          email: link.recipientEmail,
          revokedAt: null,
        },
        data: { revokedAt: now },
      });
    }
    await recordAudit(tx, {
      teamId,
      actorId,
      action: "share.revoke",
      entityType: "ShareLink",
      entityId: link.id,
      incidentId,
      data: { recipient: link.recipientEmail },
    });
    return link.recipientEmail;
  });
}

/**
 * Sends the link again with a new token: the old token stops working at once (its hash is
 * replaced), the row keeps its history (views, expiry). We never store a token, so the same
 * link cannot be re-sent; see docs/decisions.md.
 */
export async function resendShare(args: {
  scope: TeamScope;
  incidentId: string;
  shareId: string;
  actor: Actor;
  now: Date;
}) {
  const { scope, incidentId, shareId, actor, now } = args;
  const { teamId } = scope;
  // The link is re-sent for the version it was made for (possibly older than the latest).
  const current = await findTeamShare(db as unknown as Tx, teamId, incidentId, shareId);
  const version = await getPublishedVersion(current.reportVersionId);
  if (!version) throw new NotFoundError("Report version");
  await takeEmailAllowance(
    { recipient: current.recipientEmail, client: await currentClient(), teamId },
    now,
  );
  return db.$transaction(async (tx) => {
    const link = await findTeamShare(tx, teamId, incidentId, shareId);
    const state = linkState(link, now);
    if (state === "revoked")
      throw new RuleError("This link was revoked. Share the report again to send a new one.");
    if (state === "expired")
      throw new RuleError("This link has expired. Share the report again to send a new one.");
    const { token, tokenHash } = generateShareToken();
    await tx.shareLink.update({
      where: { id: link.id },
      data: { tokenHash, deliveryState: "QUEUED", deliveryError: null, sentAt: null },
    });
    const share = { id: link.id, tokenHash };
    await enqueueMail(
      mailFor(
        version,
        actor,
        link.recipientEmail,
        token,
        link.message,
        link.expiresAt,
        link.mode === "CONFIRM_EMAIL",
        link.audience,
      ),
      { db: jobDb(tx), key: deliveryKey(share), share },
    );
    await recordAudit(tx, {
      teamId,
      actorId: actor.id,
      action: "share.resend",
      entityType: "ShareLink",
      entityId: link.id,
      incidentId,
      data: { recipient: link.recipientEmail },
    });
    return link.recipientEmail;
  });
}

/** Removes portal access and the recipient's live links for that version. */
export async function revokeGrant(args: {
  scope: TeamScope;
  incidentId: string;
  grantId: string;
  actorId: string;
  now: Date;
}) {
  const { scope, incidentId, grantId, actorId, now } = args;
  const { teamId } = scope;
  return db.$transaction(async (tx) => {
    const grant =
      typeof grantId === "string"
        ? await tx.stakeholderGrant.findFirst({
            where: {
              id: grantId,
              reportVersion: { report: { incidentId, incident: { id: incidentId, teamId } } },
            },
            select: { id: true, email: true, revokedAt: true, reportVersionId: true },
          })
        : null;
    if (!grant) throw new NotFoundError("Portal access");
    if (grant.revokedAt) return grant.email;
    await tx.stakeholderGrant.update({ where: { id: grant.id }, data: { revokedAt: now } });
    await tx.shareLink.updateMany({
      where: {
        reportVersionId: grant.reportVersionId,
        recipientEmail: grant.email,
        revokedAt: null,
      },
      data: { revokedAt: now },
    });
    await recordAudit(tx, {
      teamId,
      actorId,
      action: "grant.revoke",
      entityType: "StakeholderGrant",
      entityId: grant.id,
      incidentId,
      data: { email: grant.email },
    });
    return grant.email;
  });
}

/**
 * One view of a shared report: counters and an audit event (actor = the recipient's address),
 * in one statement (one round trip, atomic) because this is the hottest write in sharing.
 */
export interface ShareView {
  shareId: string;
  teamId: string;
  incidentId: string;
  recipientEmail: string;
  viewerEmail?: string | null;
  now: Date;
}

export interface PortalView {
  teamId: string;
  incidentId: string;
  versionId: string;
  email: string;
  userId: string;
  now: Date;
}

/**
 * Writes views in bulk (lib/sharing/view-log.ts batches them off the request path): each share
 * link's count goes up by its number of views and its last view time moves forward, and every
 * view gets its audit row (as the recipient; a link deleted meanwhile gets neither). Portal views
 * are audited as the signed-in reader. Two statements whatever the number of views.
 */
export async function recordViews(shares: ShareView[], portal: PortalView[] = []) {
  if (shares.length) {
    const iso = (d: Date) => d.toISOString();
    await db.$executeRaw`
      WITH v AS (
        SELECT * FROM unnest(
          ${shares.map(() => `av${randomUUID().replace(/-/g, "")}`)}::text[],
          ${shares.map((v) => v.shareId)}::text[],
          ${shares.map((v) => v.teamId)}::text[],
          ${shares.map((v) => v.incidentId)}::text[],
          ${shares.map((v) => v.recipientEmail)}::text[],
          ${shares.map((v) => (v.viewerEmail ? JSON.stringify({ confirmedAs: v.viewerEmail } satisfies AuditData<"share.view">) : null))}::text[],
          ${shares.map((v) => iso(v.now))}::text[]
        ) AS v(audit_id, share_id, team_id, incident_id, label, data, at)
      ),
      counts AS (SELECT share_id, count(*)::int AS n, max(at::timestamp) AS last FROM v GROUP BY share_id),
      viewed AS (
        UPDATE "ShareLink" s SET "viewCount" = s."viewCount" + c.n, "lastViewedAt" = GREATEST(s."lastViewedAt", c.last)
        FROM counts c WHERE s.id = c.share_id RETURNING s.id
      )
      INSERT INTO "AuditEvent" (id, "teamId", "actorLabel", action, "entityType", "entityId", "incidentId", data, "createdAt")
      SELECT v.audit_id, v.team_id, v.label, 'share.view', 'ShareLink', v.share_id, v.incident_id, v.data::jsonb, v.at::timestamp
      FROM v JOIN viewed ON viewed.id = v.share_id`;
  }
  if (portal.length) {
    await db.auditEvent.createMany({
      data: portal.map((v) => ({
        teamId: v.teamId,
        actorId: v.userId,
        actorLabel: v.email,
        action: "portal.view" satisfies AuditAction,
        entityType: "ReportVersion",
        entityId: v.versionId,
        incidentId: v.incidentId,
        createdAt: v.now,
      })),
    });
  }
}

/** One share-link view, written now (tests and callers that do not batch). */
export function recordShareView(view: ShareView) {
  return recordViews([view]);
}

/** The PostgreSQL token bucket moved to lib/rate-limit/store.ts; re-exported for existing callers. */
export { takeRateLimit } from "@/lib/rate-limit/store";

/** Drops buckets idle long enough to be full again (called now and then, not per request). */
export async function pruneRateLimits(now: Date, policy: BucketPolicy) {
  const fullAfterSeconds = (policy.capacity - policy.floor) / policy.refillPerSecond;
  await db.rateLimitBucket.deleteMany({
    where: { updatedAt: { lt: new Date(now.getTime() - fullAfterSeconds * 1000) } },
  });
}

export async function updateSharingSettings(args: {
  scope: TeamScope;
  actorId: string;
  input: SharingSettingsInput;
}) {
  const { scope, actorId, input } = args;
  const { teamId } = scope;
  await db.$transaction(async (tx) => {
    await tx.team.update({ where: { id: teamId }, data: input });
    await recordAudit(tx, {
      teamId,
      actorId,
      action: "team.sharing.update",
      entityType: "Team",
      entityId: teamId,
      data: { ...input },
    });
  });
}

// ---------- delivery bookkeeping (called by the email worker) ----------

/** False when the link was already sent, revoked, or its token replaced by a resend. */
export async function shareAwaitsDelivery(share: TrackedShare): Promise<boolean> {
  const link = await db.shareLink.findUnique({
    where: { id: share.id },
    select: { tokenHash: true, deliveryState: true, revokedAt: true },
  });
  return Boolean(
    link && link.tokenHash === share.tokenHash && link.deliveryState !== "SENT" && !link.revokedAt,
  );
}

/** The share and its send record (lib/jobs/mutations.ts) are marked sent together. */
export async function markShareDelivered(share: TrackedShare, now: Date, sendKey?: string) {
  await db.$transaction([
    db.shareLink.updateMany({
      where: { id: share.id, tokenHash: share.tokenHash },
      data: { deliveryState: "SENT", deliveryError: null, sentAt: now },
    }),
    ...(sendKey
      ? [db.emailSend.updateMany({ where: { key: sendKey }, data: { state: "SENT", sentAt: now } })]
      : []),
  ]);
}

/** Keeps the latest reason visible while retrying; FAILED only after the last attempt. */
export async function recordShareDeliveryFailure(
  share: TrackedShare,
  reason: string,
  final: boolean,
) {
  await db.shareLink.updateMany({
    where: { id: share.id, tokenHash: share.tokenHash, deliveryState: { not: "SENT" } },
    data: { deliveryError: reason, ...(final ? { deliveryState: "FAILED" as const } : {}) },
  });
}
