import "server-only";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { incidentKey } from "@/lib/incidents/constants";
import { HEADLINE_OPTIONS } from "./highlight";
import { hitHref, portalHref } from "./links";
import { PAGE_SIZE, type SearchParams, type SearchType } from "./schema";
import { correctWith, searchSql } from "./sql";
import type { VocabularyMatch } from "./typos";

export interface SearchHit {
  type: SearchType;
  id: string;
  incidentId: string;
  incidentKey: string;
  incidentTitle: string;
  severity: string;
  startedAt: Date;
  /** What the hit is: a root cause, a report section's title… (null for incidents). */
  label: string | null;
  /** The matched text with the matched words between highlight markers (lib/search/highlight). */
  snippet: string;
  href: string;
  score: number;
}

export interface SearchPage {
  hits: SearchHit[];
  hasMore: boolean;
  /** The kinds with SEARCH_WINDOW or more matches: ranked among their newest (lib/search/schema). */
  windowed: SearchType[];
  /**
   * The query with its typos and partial words corrected from the team's vocabulary, when
   * records matched only it (below every exact match; lib/search/typos.ts), else null.
   */
  corrected: string | null;
  /** No record matched the words as written: every hit matched only the corrected words. */
  onlyCorrected: boolean;
}

interface Row {
  type: SearchType;
  id: string;
  incidentId: string;
  label: string | null;
  versionNumber: number | null;
  sectionKey: string | null;
  score: number;
  snippet: string;
  number: number;
  incidentTitle: string;
  severity: string;
  startedAt: Date;
  windowed: SearchType[];
  corrected: boolean;
  exact: boolean;
}

/** The team's records matching the words and filters, best first, one page at a time. */
export async function searchTeam(scope: TeamScope, p: SearchParams): Promise<SearchPage> {
  if (!p.q)
    return { hits: [], hasMore: false, windowed: [], corrected: null, onlyCorrected: false };
  const corrected = await correctWith(scope.teamId, p.q, (sql) =>
    db.$queryRaw<VocabularyMatch[]>(sql),
  );
  const rows = await db.$queryRaw<Row[]>(searchSql(scope.teamId, p, corrected));
  return {
    hasMore: rows.length > PAGE_SIZE,
    windowed: rows[0]?.windowed ?? [],
    corrected: rows[0]?.corrected ? corrected : null,
    onlyCorrected: rows[0] ? rows[0].corrected && !rows[0].exact : false,
    hits: rows.slice(0, PAGE_SIZE).map((r) => ({
      type: r.type,
      id: r.id,
      incidentId: r.incidentId,
      incidentKey: incidentKey(r.number),
      incidentTitle: r.incidentTitle,
      severity: r.severity,
      startedAt: r.startedAt,
      label: r.label,
      snippet: r.snippet,
      href: hitHref({
        type: r.type,
        id: r.id,
        incidentId: r.incidentId,
        versionNumber: r.versionNumber,
        sectionKey: r.sectionKey,
      }),
      score: r.score,
    })),
  };
}

export interface SharedReportHit {
  versionId: string;
  reportId: string;
  number: number;
  title: string;
  incidentKey: string;
  teamName: string;
  publishedAt: Date;
  sharedAt: Date;
  /** The best-matching section, when the words matched the report's text. */
  match: { sectionKey: string; sectionTitle: string; snippet: string; href: string } | null;
}

/**
 * A stakeholder's search, in the database: only versions granted to this address (not
 * revoked), the newest granted version of each report, matched by title, incident number or
 * team name (substring) or by the words of the published text (ranked, with a snippet).
 */
export async function searchSharedReports(
  email: string,
  query: string,
): Promise<SharedReportHit[]> {
  const q = query.trim();
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.$queryRaw<
    {
      versionId: string;
      reportId: string;
      number: number;
      title: string;
      incidentNumber: number;
      teamName: string;
      publishedAt: Date;
      sharedAt: Date;
      sectionKey: string | null;
      sectionTitle: string | null;
      snippet: string | null;
      rank: number | null;
    }[]
  >`
    WITH q AS (SELECT websearch_to_tsquery('english', ${q}) AS tsq),
    granted AS (
      SELECT DISTINCT ON (v."reportId") v.id AS "versionId", v."reportId", v.number, v.title, v."publishedAt",
        g."createdAt" AS "sharedAt", i.number AS "incidentNumber", t.name AS "teamName"
      FROM "StakeholderGrant" g
        JOIN "ReportVersion" v ON v.id = g."reportVersionId"
        JOIN "Report" r ON r.id = v."reportId"
        JOIN "Incident" i ON i.id = r."incidentId"
        JOIN "Team" t ON t.id = i."teamId"
      WHERE g.email = ${email.toLowerCase()} AND g."revokedAt" IS NULL
      ORDER BY v."reportId", v.number DESC
    )
    SELECT g.*, m.key AS "sectionKey", m.title AS "sectionTitle", m.rank::float8 AS rank,
      CASE WHEN m.key IS NULL THEN NULL ELSE ts_headline('english', m.body, q.tsq, ${HEADLINE_OPTIONS}) END AS snippet
    FROM granted g CROSS JOIN q
      LEFT JOIN LATERAL (
        SELECT s.key, s.title, s.body, ts_rank(s.search, q.tsq, 32) AS rank
        FROM "ReportSectionText" s WHERE s."reportVersionId" = g."versionId" AND s.search @@ q.tsq
        ORDER BY rank DESC, s.position LIMIT 1
      ) m ON true
    WHERE m.key IS NOT NULL OR g.title ILIKE ${like} OR g."teamName" ILIKE ${like}
      OR ('INC-' || g."incidentNumber") ILIKE ${like}
    ORDER BY (m.key IS NULL), m.rank DESC NULLS LAST, g."publishedAt" DESC, g."sharedAt" DESC
    LIMIT 100`;
  return rows.map((r) => ({
    versionId: r.versionId,
    reportId: r.reportId,
    number: r.number,
    title: r.title,
    incidentKey: incidentKey(r.incidentNumber),
    teamName: r.teamName,
    publishedAt: r.publishedAt,
    sharedAt: r.sharedAt,
    match:
      r.sectionKey && r.sectionTitle && r.snippet
        ? {
            sectionKey: r.sectionKey,
            sectionTitle: r.sectionTitle,
            snippet: r.snippet,
            href: portalHref(r.versionId, r.sectionKey),
          }
        : null,
  }));
}
