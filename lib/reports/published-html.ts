import "server-only";
// Reads of a published version's stored HTML (rendered once at publish, lib/reports/mutations.ts
// #publishReport). Each lookup is one statement; the snapshot is read only when the stored HTML
// is missing (published before it was stored) or came from another release's renderer, and
// then the fresh rendering is stored so it happens once per version and release.
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import {
  renderPublishedReport,
  rendererFingerprint,
  type ReportVariant,
} from "@/components/reports/report-html";
import { parseSnapshot } from "./snapshot-schema";

export interface StoredReportHtml {
  id: string;
  number: number;
  title: string;
  incidentId: string;
  teamId: string;
  html: string | null;
  htmlRenderer: string | null;
}

/** The HTML to serve for `stored`: the stored bytes when current, else rendered (and stored) now. */
export async function currentHtml(
  stored: Pick<StoredReportHtml, "id" | "html" | "htmlRenderer">,
  variant: ReportVariant,
): Promise<string | null> {
  if (stored.html && stored.htmlRenderer === rendererFingerprint()) return stored.html;
  const row = await db.reportVersion.findUnique({
    where: { id: stored.id },
    select: { snapshot: true },
  });
  if (!row) return null;
  const rendered = renderPublishedReport(parseSnapshot(row.snapshot));
  await db.reportVersion.update({ where: { id: stored.id }, data: rendered });
  return rendered[COLUMN[variant]];
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
    `SELECT v.id, v.number, v.title, r."incidentId", i."teamId", ${column(variant)} AS html, v."htmlRenderer"
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
    `SELECT v.id, v.number, v.title, r."incidentId", i."teamId", ${column("team")} AS html, v."htmlRenderer"
     FROM "ReportVersion" v JOIN "Report" r ON r.id = v."reportId" JOIN "Incident" i ON i.id = r."incidentId"
     WHERE r."incidentId" = $1 AND i."teamId" = $2 AND ($3::int IS NULL OR v.number = $3::int)
     ORDER BY v.number DESC LIMIT 1`,
    incidentId,
    scope.teamId,
    number,
  );
  return rows[0] ?? null;
}

/**
 * A version this address may read in the portal (an active grant), with the HTML of the version
 * the grant is for (the internal report for stakeholders, or the customer version).
 */
export async function findPortalVersionHtml(
  email: string,
  versionId: string,
): Promise<(StoredReportHtml & { variant: ReportVariant }) | null> {
  if (typeof versionId !== "string" || !versionId) return null;
  const rows = await db.$queryRawUnsafe<(StoredReportHtml & { audience: string })[]>(
    `SELECT v.id, v.number, v.title, r."incidentId", i."teamId", g.audience::text AS audience,
       CASE WHEN g.audience = 'CUSTOMER' THEN ${column("customer")} ELSE ${column("stakeholder")} END AS html, v."htmlRenderer"
     FROM "StakeholderGrant" g JOIN "ReportVersion" v ON v.id = g."reportVersionId" JOIN "Report" r ON r.id = v."reportId" JOIN "Incident" i ON i.id = r."incidentId"
     WHERE g."reportVersionId" = $1 AND g.email = $2 AND g."revokedAt" IS NULL`,
    versionId,
    email.toLowerCase(),
  );
  const row = rows[0];
  return row ? { ...row, variant: variantForAudience(row.audience) } : null;
}
