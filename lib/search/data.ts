import "server-only";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { incidentKey } from "@/lib/incidents/constants";
import { HEADLINE_OPTIONS } from "./highlight";
import { hitHref, portalHref } from "./links";
import { PAGE_SIZE, SEARCH_TYPES, type SearchParams, type SearchType } from "./schema";

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
}

const DAY_MS = 86_400_000;

function incidentFilters(p: SearchParams): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (p.severity) parts.push(Prisma.sql`AND i.severity = ${p.severity}::"Severity"`);
  if (p.service) parts.push(Prisma.sql`AND ${p.service} = ANY(i.services)`);
  if (p.from) parts.push(Prisma.sql`AND i."startedAt" >= ${new Date(`${p.from}T00:00:00Z`)}`);
  if (p.to) parts.push(Prisma.sql`AND i."startedAt" < ${new Date(new Date(`${p.to}T00:00:00Z`).getTime() + DAY_MS)}`);
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}

/**
 * One ranked query per record type, each using its GIN index (the generated tsvector, and the
 * trigram index for typos in short text), confined to the team through the incident. Exact
 * word matches score 1 + ts_rank_cd (0..1); typo-only matches score their word similarity
 * (< 1), so a correctly spelled hit always outranks a near miss.
 */
function typeQuery(type: SearchType, teamId: string, q: string, filters: Prisma.Sql, take: number): Prisma.Sql {
  const team = Prisma.sql`i."teamId" = ${teamId} ${filters}`;
  switch (type) {
    case "incident":
      return Prisma.sql`(SELECT 'incident' AS type, i.id, i.id AS "incidentId", NULL::text AS label, NULL::int AS "versionNumber", NULL::text AS "sectionKey",
          i.title || ' — ' || i.summary || ' ' || i."customerImpact" AS doc,
          CASE WHEN i.search @@ q.tsq THEN 1 + ts_rank_cd(i.search, q.tsq, 32) ELSE word_similarity(${q}, i.title) END AS score
        FROM "Incident" i, q WHERE ${team} AND (i.search @@ q.tsq OR ${q} <% i.title)
        ORDER BY score DESC LIMIT ${take})`;
    case "event":
      return Prisma.sql`(SELECT 'event' AS type, e.id, e."incidentId", NULL::text AS label, NULL::int AS "versionNumber", NULL::text AS "sectionKey", e.body AS doc,
          1 + ts_rank_cd(e.search, q.tsq, 32) AS score
        FROM "TimelineEvent" e JOIN "Incident" i ON i.id = e."incidentId", q WHERE ${team} AND e.search @@ q.tsq
        ORDER BY score DESC LIMIT ${take})`;
    case "why":
      return Prisma.sql`(SELECT 'why' AS type, w.id, w."incidentId", CASE WHEN w."isRootCause" THEN 'Root cause' ELSE 'Why' END AS label,
          NULL::int AS "versionNumber", NULL::text AS "sectionKey", w.statement AS doc,
          CASE WHEN w.search @@ q.tsq THEN 1 + ts_rank_cd(w.search, q.tsq, 32) ELSE word_similarity(${q}, w.statement) END AS score
        FROM "WhyNode" w JOIN "Incident" i ON i.id = w."incidentId", q WHERE ${team} AND (w.search @@ q.tsq OR ${q} <% w.statement)
        ORDER BY score DESC LIMIT ${take})`;
    case "action":
      return Prisma.sql`(SELECT 'action' AS type, a.id, a."incidentId", a.title AS label, NULL::int AS "versionNumber", NULL::text AS "sectionKey",
          a.title || ' — ' || a.description AS doc,
          CASE WHEN a.search @@ q.tsq THEN 1 + ts_rank_cd(a.search, q.tsq, 32) ELSE word_similarity(${q}, a.title) END AS score
        FROM "ActionItem" a JOIN "Incident" i ON i.id = a."incidentId", q
        WHERE a."teamId" = ${teamId} AND ${team} AND (a.search @@ q.tsq OR ${q} <% a.title)
        ORDER BY score DESC LIMIT ${take})`;
    case "report":
      // Only the newest published version of each report: older versions would repeat it.
      return Prisma.sql`(SELECT 'report' AS type, s.id, r."incidentId", s.title AS label, v.number AS "versionNumber", s.key AS "sectionKey", s.body AS doc,
          1 + ts_rank_cd(s.search, q.tsq, 32) AS score
        FROM "ReportSectionText" s JOIN "ReportVersion" v ON v.id = s."reportVersionId" JOIN "Report" r ON r.id = v."reportId"
          JOIN "Incident" i ON i.id = r."incidentId", q
        WHERE ${team} AND s.search @@ q.tsq
          AND v.number = (SELECT max(v2.number) FROM "ReportVersion" v2 WHERE v2."reportId" = v."reportId")
        ORDER BY score DESC LIMIT ${take})`;
  }
}

/** The team's records matching the words and filters, best first, one page at a time. */
export async function searchTeam(scope: TeamScope, p: SearchParams): Promise<SearchPage> {
  if (!p.q) return { hits: [], hasMore: false };
  const offset = (p.page - 1) * PAGE_SIZE;
  const take = offset + PAGE_SIZE + 1;
  const filters = incidentFilters(p);
  const types = p.type ? [p.type] : SEARCH_TYPES;
  const union = Prisma.join(types.map((t) => typeQuery(t, scope.teamId, p.q, filters, take)), " UNION ALL ");
  // ts_headline is the expensive part: it runs only on the rows of the page.
  const rows = await db.$queryRaw<Row[]>`
    WITH q AS (SELECT websearch_to_tsquery('english', ${p.q}) AS tsq)
    SELECT h.type, h.id, h."incidentId", h.label, h."versionNumber", h."sectionKey", h.score::float8 AS score,
      ts_headline('english', h.doc, q.tsq, ${HEADLINE_OPTIONS}) AS snippet,
      i.number, i.title AS "incidentTitle", i.severity::text AS severity, i."startedAt"
    FROM (
      SELECT * FROM (${union}) u ORDER BY score DESC, id LIMIT ${PAGE_SIZE + 1} OFFSET ${offset}
    ) h JOIN "Incident" i ON i.id = h."incidentId", q
    ORDER BY h.score DESC, h.id`;
  return {
    hasMore: rows.length > PAGE_SIZE,
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
      href: hitHref({ type: r.type, id: r.id, incidentId: r.incidentId, versionNumber: r.versionNumber, sectionKey: r.sectionKey }),
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
export async function searchSharedReports(email: string, query: string): Promise<SharedReportHit[]> {
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
        SELECT s.key, s.title, s.body, ts_rank_cd(s.search, q.tsq, 32) AS rank
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
        ? { sectionKey: r.sectionKey, sectionTitle: r.sectionTitle, snippet: r.snippet, href: portalHref(r.versionId, r.sectionKey) }
        : null,
  }));
}
