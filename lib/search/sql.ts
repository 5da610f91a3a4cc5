// The search SQL, built without running it (no I/O): lib/search/data.ts runs it, and the
// scale bench EXPLAINs exactly the same statement.
import { Prisma } from "@/lib/generated/prisma/client";
import { HEADLINE_OPTIONS } from "./highlight";
import { serviceSql, trigramThresholdCte } from "@/lib/metrics/sql";
import { PAGE_SIZE, SEARCH_TYPES, type SearchParams, type SearchType } from "./schema";
import { SIMILAR_THRESHOLD } from "./similarity";

const DAY_MS = 86_400_000;

function incidentFilters(p: SearchParams): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (p.severity) parts.push(Prisma.sql`AND i.severity = ${p.severity}::"Severity"`);
  if (p.service) parts.push(serviceSql(p.service));
  if (p.from) parts.push(Prisma.sql`AND i."startedAt" >= ${new Date(`${p.from}T00:00:00Z`)}`);
  if (p.to)
    parts.push(
      Prisma.sql`AND i."startedAt" < ${new Date(new Date(`${p.to}T00:00:00Z`).getTime() + DAY_MS)}`,
    );
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}

/**
 * The condition that reaches a team's part of the 5 Whys statements' trigram index
 * ("WhyNode_team_statement_idx" leads with hindsight_team_key("teamId"), a one-point range of a
 * hash of the team id, whose GiST pages never mix teams; see the why_statement_team_key
 * migration). Teams whose hashes collide share that part: callers test "teamId" too.
 */
function whyTeamKey(teamId: string): Prisma.Sql {
  return Prisma.sql`hindsight_team_key(w."teamId") = hindsight_team_key(${teamId})`;
}

/**
 * One ranked query per record type, each using its GIN index (the generated tsvector, and the
 * trigram index for typos in short text). The indexes of events, 5 Whys statements and report
 * text lead with the team (their "teamId" copy), so a search reads only its team's entries; the
 * join to the incident confines every type to the team as well and applies the filters. Exact
 * word matches score 1 + ts_rank (0..1); typo-only matches score their word similarity
 * (< 1), so a correctly spelled hit always outranks a near miss. ts_rank, not ts_rank_cd: the
 * cover density cost ~9× as much per match (18 of 33 ms for 5,000 matching incidents at 100k)
 * and ranks by proximity, which a phrase query already demands.
 */
function typeQuery(
  type: SearchType,
  teamId: string,
  q: string,
  filters: Prisma.Sql,
  take: number,
): Prisma.Sql {
  const team = Prisma.sql`i."teamId" = ${teamId} ${filters}`;
  // Rows that carry their team need the incident only for the filters: without filters, no join
  // per matched row (the page's rows are joined to their incident once, after ranking).
  const filtered = filters !== Prisma.empty;
  const viaIncident = (alias: string) =>
    filtered
      ? Prisma.sql`JOIN "Incident" i ON i.id = ${Prisma.raw(`${alias}."incidentId"`)}`
      : Prisma.empty;
  const incidentFilter = filtered ? Prisma.sql`AND ${team}` : Prisma.empty;
  /**
   * Word matches score 1 + ts_rank; typo-only matches of the short text (the trigram index) score
   * their word similarity, in a query of their own that skips the word matches: each candidate
   * tests the words once, where one OR query tested them three times per match.
   */
  const wordsOrTypos = (
    cols: Prisma.Sql,
    from: Prisma.Sql,
    where: Prisma.Sql,
    alias: string,
    short: string,
    trigramKey: Prisma.Sql = Prisma.empty,
  ) => {
    const search = Prisma.raw(`${alias}.search`);
    const text = Prisma.raw(`${alias}.${short}`);
    return Prisma.sql`(SELECT ${cols}, 1 + ts_rank(${search}, q.tsq, 32) AS score
        FROM ${from}, q WHERE ${where} AND ${search} @@ q.tsq ORDER BY score DESC LIMIT ${take})
      UNION ALL
      (SELECT ${cols}, word_similarity(${q}, ${text}) AS score
        FROM ${from}, q WHERE ${where} ${trigramKey} AND ${q} <% ${text} AND NOT COALESCE(${search} @@ q.tsq, false)
        ORDER BY score DESC LIMIT ${take})`;
  };
  switch (type) {
    case "incident":
      // The text of the snippet is put together for the page's rows only (searchSql).
      return wordsOrTypos(
        Prisma.sql`'incident' AS type, i.id, i.id AS "incidentId", NULL::text AS label, NULL::text AS "sectionKey", NULL::text AS doc`,
        Prisma.sql`"Incident" i`,
        team,
        "i",
        "title",
      );
    case "event":
      return Prisma.sql`(SELECT 'event' AS type, e.id, e."incidentId", NULL::text AS label, NULL::text AS "sectionKey", e.body AS doc,
          1 + ts_rank(e.search, q.tsq, 32) AS score
        FROM "TimelineEvent" e ${viaIncident("e")}, q WHERE e."teamId" = ${teamId} ${incidentFilter} AND e.search @@ q.tsq
        ORDER BY score DESC LIMIT ${take})`;
    case "why":
      return wordsOrTypos(
        Prisma.sql`'why' AS type, w.id, w."incidentId", CASE WHEN w."isRootCause" THEN 'Root cause' ELSE 'Why' END AS label,
          NULL::text AS "sectionKey", w.statement AS doc`,
        Prisma.sql`"WhyNode" w ${viaIncident("w")}`,
        Prisma.sql`w."teamId" = ${teamId} ${incidentFilter}`,
        "w",
        "statement",
        // The statements' trigram index leads with the team's key (see whyTeamKey).
        Prisma.sql`AND ${whyTeamKey(teamId)}`,
      );
    case "action":
      return wordsOrTypos(
        Prisma.sql`'action' AS type, a.id, a."incidentId", a.title AS label, NULL::text AS "sectionKey",
          a.title || ' — ' || a.description AS doc`,
        Prisma.sql`"ActionItem" a ${viaIncident("a")}`,
        Prisma.sql`a."teamId" = ${teamId} ${incidentFilter}`,
        "a",
        "title",
      );
    case "report":
      // Only the newest published version of each report (older versions would repeat it): the
      // "newest" flag and the incident are on the section row, so a match costs no joins.
      return Prisma.sql`(SELECT 'report' AS type, s.id, s."incidentId", s.title AS label, s.key AS "sectionKey", s.body AS doc,
          1 + ts_rank(s.search, q.tsq, 32) AS score
        FROM "ReportSectionText" s ${viaIncident("s")}, q
        WHERE s."teamId" = ${teamId} ${incidentFilter} AND s.newest AND s.search @@ q.tsq
        ORDER BY score DESC LIMIT ${take})`;
  }
}

/** One page of the team's ranked hits (PAGE_SIZE + 1 rows, to know whether more follow). */
export function searchSql(teamId: string, p: SearchParams): Prisma.Sql {
  const offset = (p.page - 1) * PAGE_SIZE;
  const take = offset + PAGE_SIZE + 1;
  const filters = incidentFilters(p);
  const types = p.type ? [p.type] : SEARCH_TYPES;
  const union = Prisma.join(
    types.map((t) => typeQuery(t, teamId, p.q, filters, take)),
    " UNION ALL ",
  );
  // ts_headline is the expensive part: it runs only on the rows of the page.
  return Prisma.sql`
    WITH q AS (SELECT websearch_to_tsquery('english', ${p.q}) AS tsq)
    SELECT h.type, h.id, h."incidentId", h.label, v.number AS "versionNumber", h."sectionKey", h.score::float8 AS score,
      ts_headline('english', CASE WHEN h.type = 'incident' THEN i.title || ' — ' || i.summary || ' ' || i."customerImpact" ELSE h.doc END,
        q.tsq, ${HEADLINE_OPTIONS}) AS snippet,
      i.number, i.title AS "incidentTitle", i.severity::text AS severity, i."startedAt"
    FROM (
      SELECT * FROM (${union}) u ORDER BY score DESC, id LIMIT ${PAGE_SIZE + 1} OFFSET ${offset}
    ) h JOIN "Incident" i ON i.id = h."incidentId"
      LEFT JOIN "ReportSectionText" s ON h.type = 'report' AND s.id = h.id
      LEFT JOIN "ReportVersion" v ON v.id = s."reportVersionId", q
    ORDER BY h.score DESC, h.id`;
}

/**
 * Candidates for "this happened before": other incidents of the team with a similar title
 * (trigram index on Incident.title) or a similar 5 Whys statement (index on WhyNode.statement
 * by the team's key, whyTeamKey),
 * with how many services they share, above SIMILAR_THRESHOLD (set inside the statement).
 * Each probe takes its 20 best in the GiST index's nearest-first order (`<->`, distance =
 * 1 − similarity, so the same 20 as sorting by similarity): a broad title or cause matches
 * hundreds of rows in a big team, and sorting them fetched and scored every one (625 title
 * matches of team 1 at 100k).
 */
export function similarSql(
  teamId: string,
  self: { id: string; title: string | null; statements: string[]; services: string[] },
): Prisma.Sql {
  const title = self.title;
  const statements = self.statements;
  return Prisma.sql`
      WITH ${trigramThresholdCte(SIMILAR_THRESHOLD)}, hits AS MATERIALIZED (
        -- Every trigram probe takes its text through cfg (|| left(cfg.threshold, 0) adds nothing),
        -- so the threshold is set before the first index scan, whatever the join order.
        ${
          title
            ? Prisma.sql`(SELECT i.id AS "incidentId", 'title' AS kind, similarity(i.title, x.stmt)::float8 AS similarity, NULL::text AS statement
                FROM cfg, LATERAL (SELECT ${title} || left(cfg.threshold, 0) AS stmt) x
                CROSS JOIN LATERAL (
                  SELECT i.id, i.title FROM "Incident" i
                  WHERE i."teamId" = ${teamId} AND i.title % x.stmt AND i.id <> ${self.id}
                  ORDER BY i.title <-> x.stmt LIMIT 20
                ) i)`
            : Prisma.sql`(SELECT NULL::text AS "incidentId", 'title' AS kind, 0::float8 AS similarity, NULL::text AS statement WHERE false)`
        }
        UNION ALL
        (SELECT w."incidentId", 'cause', similarity(w.statement, x.stmt)::float8, w.statement
          FROM cfg, unnest(${statements}::text[]) s(raw), LATERAL (SELECT s.raw || left(cfg.threshold, 0) AS stmt) x
          CROSS JOIN LATERAL (
            SELECT w.* FROM "WhyNode" w
            WHERE ${whyTeamKey(teamId)} AND w."teamId" = ${teamId} AND w.statement % x.stmt AND w."incidentId" <> ${self.id}
            ORDER BY w.statement <-> x.stmt LIMIT 20
          ) w)
      )
      SELECT h.*, cardinality(ARRAY(SELECT unnest(i.services) INTERSECT SELECT unnest(${self.services}::text[])))::int AS "sharedServices"
      FROM hits h JOIN "Incident" i ON i.id = h."incidentId"`;
}
