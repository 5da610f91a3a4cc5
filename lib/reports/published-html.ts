import "server-only";
// Reads of a published version's stored HTML (rendered once at publish, lib/reports/mutations.ts
// #publishReport). The lookups decide who may read a version and return its facts, never the
// HTML; the HTML then comes from this process's cache (lib/reports/html-cache.ts) or, once per
// version and process, from its column. The snapshot is read only when the stored HTML is missing
// (published before it was stored) or came from another release's renderer, and then the fresh
// rendering is stored so it happens once per version and release.
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import {
  renderPublishedReport,
  rendererFingerprint,
  type ReportVariant,
} from "@/components/reports/report-html";
import { withReaderAids } from "@/components/reports/report-toc";
import { htmlCacheKey, publishedHtmlCache, type CachedHtml } from "./html-cache";
import { parseSnapshot } from "./snapshot-schema";

export interface StoredReportHtml {
  id: string;
  number: number;
  title: string;
  incidentId: string;
  teamId: string;
  /** Whether the variant's HTML is stored, and by which renderer (the HTML itself is not read). */
  hasHtml: boolean;
  htmlRenderer: string | null;
}

type StoredRef = Pick<StoredReportHtml, "id" | "hasHtml" | "htmlRenderer">;

/**
 * The HTML to serve for a version the caller was already authorized for: from the cache when
 * the stored HTML is current, else its column (then cached), else rendered from the snapshot now.
 */
export async function publishedHtml(
  stored: StoredRef,
  variant: ReportVariant,
): Promise<CachedHtml | null> {
  const renderer = rendererFingerprint();
  const cache = publishedHtmlCache();
  const key = htmlCacheKey(stored.id, variant, renderer);
  if (stored.hasHtml && stored.htmlRenderer === renderer) {
    const hit = cache.get(key);
    if (hit) return hit;
    const rows = await db.$queryRawUnsafe<{ html: string | null }[]>(
      `SELECT ${column(variant)} AS html FROM "ReportVersion" v WHERE v.id = $1 AND v."htmlRenderer" = $2`,
      stored.id,
      renderer,
    );
    const html = rows[0]?.html;
    if (html) return cache.set(key, html);
  }
  const row = await db.reportVersion.findUnique({
    where: { id: stored.id },
    select: { snapshot: true },
  });
  if (!row) return null;
  const rendered = renderPublishedReport(parseSnapshot(row.snapshot));
  await db.reportVersion.update({ where: { id: stored.id }, data: rendered });
  return cache.set(key, rendered[COLUMN[variant]]);
}

/**
 * What readers get on screen (shared link, portal, the team's pages, every print view): the
 * stored HTML with its reading aids (table of contents, labelled table cells;
 * components/reports/report-toc.tsx), made once per version and process and cached beside it.
 * The stored HTML is not changed.
 */
export async function publishedReaderHtml(
  stored: StoredRef,
  variant: ReportVariant,
): Promise<CachedHtml | null> {
  const cache = publishedHtmlCache();
  const key = readerKey(stored.id, variant);
  const hit = cache.get(key);
  if (hit) return hit;
  const html = await publishedHtml(stored, variant);
  return html && cache.set(key, withReaderAids(html.html));
}

const readerKey = (id: string, variant: ReportVariant) =>
  `${htmlCacheKey(id, variant, rendererFingerprint())}:reader`;

/**
 * The cache key under which publishedReaderHtml left a version's HTML, for FrozenReportHtml
 * (components/reports/frozen-report.tsx), which renders it without putting it in the React payload.
 */
export async function publishedHtmlKey(
  stored: StoredRef,
  variant: ReportVariant,
): Promise<string | null> {
  const html = await publishedReaderHtml(stored, variant);
  if (!html) return null;
  const key = readerKey(stored.id, variant);
  // Bigger than the cache (served, not kept): kept under its key anyway for this render.
  if (!publishedHtmlCache().get(key)) publishedHtmlCache().set(key, html.html);
  return key;
}

/** publishedHtml as a string. */
export async function currentHtml(stored: StoredRef, variant: ReportVariant) {
  return (await publishedHtml(stored, variant))?.html ?? null;
}

const COLUMN = {
  team: "teamHtml",
  stakeholder: "stakeholderHtml",
  customer: "customerHtml",
} as const satisfies Record<ReportVariant, string>;
const column = (variant: ReportVariant) => `v."${COLUMN[variant]}"`;

/** The variant a share link or portal grant shows (ShareAudience). */
export function variantForAudience(audience: string): ReportVariant {
  return audience === "CUSTOMER" ? "customer" : "stakeholder";
}

/** A version of one of this team's incidents, by id (print view; preview of what recipients see). */
export async function findTeamVersionHtml(
  scope: TeamScope,
  versionId: string,
  variant: ReportVariant = "team",
): Promise<StoredReportHtml | null> {
  if (typeof versionId !== "string" || !versionId) return null;
  const rows = await db.$queryRawUnsafe<StoredReportHtml[]>(
    `SELECT v.id, v.number, v.title, r."incidentId", i."teamId", (${column(variant)} IS NOT NULL) AS "hasHtml", v."htmlRenderer"
     FROM "ReportVersion" v JOIN "Report" r ON r.id = v."reportId" JOIN "Incident" i ON i.id = r."incidentId"
     WHERE v.id = $1 AND i."teamId" = $2`,
    versionId,
    scope.teamId,
  );
  return rows[0] ?? null;
}

/** A version of this team's incident by its number (version pages), or the newest (number null). */
export async function findTeamVersionHtmlByNumber(
  scope: TeamScope,
  incidentId: string,
  number: number | null,
): Promise<StoredReportHtml | null> {
  const rows = await db.$queryRawUnsafe<StoredReportHtml[]>(
    `SELECT v.id, v.number, v.title, r."incidentId", i."teamId", (${column("team")} IS NOT NULL) AS "hasHtml", v."htmlRenderer"
     FROM "ReportVersion" v JOIN "Report" r ON r.id = v."reportId" JOIN "Incident" i ON i.id = r."incidentId"
     WHERE r."incidentId" = $1 AND i."teamId" = $2 AND ($3::int IS NULL OR v.number = $3::int)
     ORDER BY v.number DESC LIMIT 1`,
    incidentId,
    scope.teamId,
    number,
  );
  return rows[0] ?? null;
}

export type PortalVersion = StoredReportHtml & { variant: ReportVariant };

// A granted version's columns (g: the grant, v, r, i: its version, report and incident).
const PORTAL_COLUMNS = `v.id, v.number, v.title, r."incidentId", i."teamId", g.audience::text AS audience,
  (CASE WHEN g.audience = 'CUSTOMER' THEN ${column("customer")} ELSE ${column("stakeholder")} END IS NOT NULL) AS "hasHtml", v."htmlRenderer"`;
const PORTAL_JOINS = `"StakeholderGrant" g JOIN "ReportVersion" v ON v.id = g."reportVersionId" JOIN "Report" r ON r.id = v."reportId" JOIN "Incident" i ON i.id = r."incidentId"`;

function toPortalVersion(row: StoredReportHtml & { audience: string }): PortalVersion {
  const { audience, ...version } = row;
  return { ...version, variant: variantForAudience(audience) };
}

/**
 * A version this address may read in the portal (an active grant), with the HTML of the version
 * the grant is for (the internal report for stakeholders, or the customer version).
 */
export async function findPortalVersionHtml(
  email: string,
  versionId: string,
): Promise<PortalVersion | null> {
  if (typeof versionId !== "string" || !versionId) return null;
  const rows = await db.$queryRawUnsafe<(StoredReportHtml & { audience: string })[]>(
    `SELECT ${PORTAL_COLUMNS} FROM ${PORTAL_JOINS}
     WHERE g."reportVersionId" = $1 AND g.email = $2 AND g."revokedAt" IS NULL`,
    versionId,
    email.toLowerCase(),
  );
  return rows[0] ? toPortalVersion(rows[0]) : null;
}

/**
 * The session with this token, its user, and the version of findPortalVersionHtml for the
 * user's address (null when not granted), in one statement (the portal's report view; see
 * lib/auth/session.ts currentUserWith). Null when no session has this token.
 */
export async function findPortalVersionForSession(
  sessionToken: string,
  versionId: string,
): Promise<{
  user: { id: string; email: string; name: string | null };
  expires: Date;
  row: PortalVersion | null;
} | null> {
  const rows = await db.$queryRawUnsafe<
    ({ userId: string; email: string; name: string | null; expires: Date } & (
      (StoredReportHtml & { audience: string }) | { id: null; audience: null }
    ))[]
  >(
    `SELECT s.expires, u.id AS "userId", u.email, u.name, p.*
     FROM "Session" s JOIN "User" u ON u.id = s."userId"
       LEFT JOIN LATERAL (SELECT ${PORTAL_COLUMNS} FROM ${PORTAL_JOINS}
         WHERE g."reportVersionId" = $2 AND g.email = lower(u.email) AND g."revokedAt" IS NULL) p ON true
     WHERE s."sessionToken" = $1`,
    sessionToken,
    versionId,
  );
  const found = rows[0];
  if (!found) return null;
  const { userId, email, name, expires, ...version } = found;
  return {
    user: { id: userId, email, name },
    expires,
    row: version.id === null ? null : toPortalVersion(version),
  };
}
