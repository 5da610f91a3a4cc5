import "server-only";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { incidentKey } from "@/lib/incidents/constants";
import { toCustomerSnapshot } from "@/lib/reports/customer";
import { parseSnapshot } from "@/lib/reports/snapshot-schema";
import { searchSharedReports, type SharedReportHit } from "@/lib/search/data";
import type { SharePolicy } from "./tokens";

export function getSharingPolicy(scope: TeamScope): Promise<SharePolicy | null> {
  return db.team.findUnique({
    where: { id: scope.teamId },
    select: { shareLinkDefaultDays: true, shareLinkMaxDays: true, allowAnonymousShareLink: true },
  });
}

export interface ShareableVersion {
  id: string;
  number: number;
  title: string;
  publishedAt: Date;
}

/** The newest published version of the incident's report (the one a new share sends), or null. */
export function latestPublishedVersion(
  scope: TeamScope,
  incidentId: string,
): Promise<ShareableVersion | null> {
  return db.reportVersion.findFirst({
    where: { report: { incidentId, incident: { id: incidentId, teamId: scope.teamId } } },
    orderBy: { number: "desc" },
    select: { id: true, number: true, title: true, publishedAt: true },
  });
}

export interface ShareRow {
  id: string;
  recipientEmail: string;
  mode: "ANYONE_WITH_LINK" | "CONFIRM_EMAIL";
  audience: "INTERNAL" | "CUSTOMER";
  message: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  viewCount: number;
  lastViewedAt: Date | null;
  deliveryState: "QUEUED" | "SENT" | "FAILED";
  deliveryError: string | null;
  sentAt: Date | null;
  createdAt: Date;
  createdBy: string;
  versionNumber: number;
}

export async function listSharesForIncident(
  scope: TeamScope,
  incidentId: string,
): Promise<ShareRow[]> {
  const { teamId } = scope;
  const rows = await db.shareLink.findMany({
    where: { reportVersion: { report: { incidentId, incident: { id: incidentId, teamId } } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true,
      recipientEmail: true,
      mode: true,
      audience: true,
      message: true,
      expiresAt: true,
      revokedAt: true,
      viewCount: true,
      lastViewedAt: true,
      deliveryState: true,
      deliveryError: true,
      sentAt: true,
      createdAt: true,
      createdBy: { select: { name: true, email: true } },
      reportVersion: { select: { number: true } },
    },
  });
  return rows.map(({ createdBy, reportVersion, ...r }) => ({
    ...r,
    createdBy: createdBy.name ?? createdBy.email,
    versionNumber: reportVersion.number,
  }));
}

export interface GrantRow {
  id: string;
  email: string;
  createdAt: Date;
  revokedAt: Date | null;
  versionNumber: number;
}

/** Portal access for this incident's report, per recipient and version (revoked ones too, as history). */
export async function listGrantsForIncident(
  scope: TeamScope,
  incidentId: string,
): Promise<GrantRow[]> {
  const { teamId } = scope;
  const rows = await db.stakeholderGrant.findMany({
    where: { reportVersion: { report: { incidentId, incident: { id: incidentId, teamId } } } },
    orderBy: [{ email: "asc" }, { createdAt: "desc" }],
    take: 500,
    select: {
      id: true,
      email: true,
      createdAt: true,
      revokedAt: true,
      reportVersion: { select: { number: true } },
    },
  });
  return rows.map(({ reportVersion, ...g }) => ({ ...g, versionNumber: reportVersion.number }));
}

export interface ShareByToken {
  id: string;
  tokenHash: string;
  recipientEmail: string;
  mode: "ANYONE_WITH_LINK" | "CONFIRM_EMAIL";
  expiresAt: Date;
  revokedAt: Date | null;
  reportVersionId: string;
  teamId: string;
  incidentId: string;
  /** The published version's title; whether the audience's HTML is stored, and by which renderer. */
  audience: "INTERNAL" | "CUSTOMER";
  title: string;
  hasHtml: boolean;
  htmlRenderer: string | null;
}

export interface ShareLookup {
  link: ShareByToken | null;
  /** The client's guessing-protection bucket as stored (null: never charged, or pruned). */
  bucket: { tokens: number; updatedAt: Date } | null;
}

/**
 * The link (by the hash's unique index) and the client's rate-limit bucket, read in one
 * statement: a view is the hottest read in sharing, and a valid link costs the client nothing,
 * so the common case writes nothing. `tokenHash` null (a malformed token) finds no link.
 * Callers still compare hashes in constant time.
 */
export async function findShareByTokenHash(
  tokenHash: string | null,
  bucketKey: string,
): Promise<ShareLookup> {
  const rows = await db.$queryRaw<
    (Partial<ShareByToken> & { bucketTokens: number | null; bucketUpdatedAt: Date | null })[]
  >`
    SELECT l.*, b.tokens AS "bucketTokens", b."updatedAt" AS "bucketUpdatedAt"
    FROM (SELECT 1) AS one
    LEFT JOIN (
      SELECT s.id, s."tokenHash", s."recipientEmail", s.mode::text AS mode, s.audience::text AS audience, s."expiresAt", s."revokedAt", s."reportVersionId",
        i."teamId", r."incidentId", v.title,
        (CASE WHEN s.audience = 'CUSTOMER' THEN v."customerHtml" ELSE v."stakeholderHtml" END IS NOT NULL) AS "hasHtml", v."htmlRenderer"
      FROM "ShareLink" s
      JOIN "ReportVersion" v ON v.id = s."reportVersionId"
      JOIN "Report" r ON r.id = v."reportId"
      JOIN "Incident" i ON i.id = r."incidentId"
      WHERE s."tokenHash" = ${tokenHash ?? ""} AND ${tokenHash !== null}
    ) AS l ON true
    LEFT JOIN "RateLimitBucket" b ON b.key = ${bucketKey}`;
  const { bucketTokens, bucketUpdatedAt, ...link } = rows[0]!;
  return {
    link: link.id ? (link as ShareByToken) : null,
    bucket:
      bucketTokens !== null && bucketUpdatedAt !== null
        ? { tokens: Number(bucketTokens), updatedAt: bucketUpdatedAt }
        : null,
  };
}

export type PortalReport = SharedReportHit;

/**
 * Every report shared with this address (active grants), newest first. A report granted in
 * several versions appears once, at its newest granted version. With a query, the database
 * searches only those reports (lib/search): title, incident number, team name and the words
 * of the published text, best match first.
 */
export async function listPortalReports(email: string, query = ""): Promise<PortalReport[]> {
  if (query.trim()) return asGranted(email, await searchSharedReports(email, query), query);
  return (await listPortalReportsPage(email, 1, 1000)).reports;
}

/** A customer version's title from its snapshot (versions stored before customerTitle). */
function customerTitleFrom(snapshot: unknown, fallback: string): string {
  try {
    return toCustomerSnapshot(parseSnapshot(snapshot)).title;
  } catch {
    // An unreadable snapshot: the incident's key, never the internal title.
    return fallback;
  }
}

/**
 * The reports as each reader's grant shows them. A grant for the customer version lists its
 * report by the customer version's title (names replaced), never the internal one. Searched,
 * such a report counts only when its customer title, team or number matches: the searched text
 * and its snippet are the internal report's (lib/search indexes that text only), so a word of
 * an internal section or a person's name must not find it.
 */
async function asGranted(
  email: string,
  reports: PortalReport[],
  query?: string,
): Promise<PortalReport[]> {
  if (reports.length === 0) return reports;
  const rows = await db.$queryRaw<
    { id: string; customerTitle: string | null; snapshot: unknown }[]
  >`
    SELECT v.id, v."customerTitle", CASE WHEN v."customerTitle" IS NULL THEN v.snapshot END AS snapshot
    FROM "StakeholderGrant" g JOIN "ReportVersion" v ON v.id = g."reportVersionId"
    WHERE g.email = ${email.toLowerCase()} AND g."reportVersionId" = ANY(${reports.map((r) => r.versionId)})
      AND g."revokedAt" IS NULL AND g.audience = 'CUSTOMER'`;
  if (rows.length === 0) return reports;
  const customer = new Map(rows.map((r) => [r.id, r]));
  const needle = query?.trim().toLowerCase();
  return reports.flatMap((r) => {
    const row = customer.get(r.versionId);
    if (!row) return [r];
    const title = row.customerTitle ?? customerTitleFrom(row.snapshot, r.incidentKey);
    if (needle && ![title, r.teamName, r.incidentKey].some((t) => t.toLowerCase().includes(needle)))
      return [];
    return [{ ...r, title, match: null }];
  });
}

export const PORTAL_PAGE_SIZE = 25;

/**
 * One page of the reports shared with this address, newest first, each report once at its
 * newest granted version; de-duplicated, ordered and paged in one statement (by the grant's
 * email index); only the page's rows are joined to their incident and team, so a reader with
 * 1,000 reports costs one pass over 1,000 grants and 26 incident lookups, not 1,000.
 */
export async function listPortalReportsPage(
  email: string,
  page: number,
  pageSize = PORTAL_PAGE_SIZE,
): Promise<{ reports: PortalReport[]; page: number; hasMore: boolean }> {
  const p = Math.min(1000, Math.max(1, Math.floor(page) || 1));
  const rows = await db.$queryRaw<
    {
      versionId: string;
      reportId: string;
      number: number;
      title: string;
      publishedAt: Date;
      sharedAt: Date;
      incidentNumber: number;
      teamName: string;
    }[]
  >`
    SELECT page.*, i.number AS "incidentNumber", t.name AS "teamName"
    FROM (
      SELECT * FROM (
        SELECT DISTINCT ON (v."reportId") v.id AS "versionId", v."reportId", v.number, v.title, v."publishedAt", g."createdAt" AS "sharedAt"
        FROM "StakeholderGrant" g JOIN "ReportVersion" v ON v.id = g."reportVersionId"
        WHERE g.email = ${email.toLowerCase()} AND g."revokedAt" IS NULL
        ORDER BY v."reportId", v.number DESC
      ) newest
      ORDER BY "publishedAt" DESC, "sharedAt" DESC, "versionId"
      LIMIT ${pageSize + 1} OFFSET ${(p - 1) * pageSize}
    ) page
      -- The incident and team only for the page's rows (not for every report the reader holds).
      JOIN "Report" r ON r.id = page."reportId"
      JOIN "Incident" i ON i.id = r."incidentId"
      JOIN "Team" t ON t.id = i."teamId"
    ORDER BY page."publishedAt" DESC, page."sharedAt" DESC, page."versionId"`;
  const reports = rows.slice(0, pageSize).map((r) => ({
    versionId: r.versionId,
    reportId: r.reportId,
    number: r.number,
    title: r.title,
    incidentKey: incidentKey(r.incidentNumber),
    teamName: r.teamName,
    publishedAt: r.publishedAt,
    sharedAt: r.sharedAt,
    match: null,
  }));
  return { reports: await asGranted(email, reports), page: p, hasMore: rows.length > pageSize };
}

/** True when this address may read this version in the portal (an active grant). */
export async function hasPortalGrant(email: string, reportVersionId: string): Promise<boolean> {
  if (typeof reportVersionId !== "string" || !reportVersionId) return false;
  const grant = await db.stakeholderGrant.findFirst({
    where: { email: email.toLowerCase(), reportVersionId, revokedAt: null },
    select: { id: true },
  });
  return Boolean(grant);
}

export async function hasAnyPortalGrant(email: string): Promise<boolean> {
  return Boolean(
    await db.stakeholderGrant.findFirst({
      where: { email: email.toLowerCase(), revokedAt: null },
      select: { id: true },
    }),
  );
}
