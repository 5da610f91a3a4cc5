// The search SQL, built without running it (no I/O of its own; correctWith reads through the
// runner it is given): lib/search/data.ts runs it, and the scale bench EXPLAINs exactly the
// same statement.
import { Prisma } from "@/lib/generated/prisma/client";
import { HEADLINE_OPTIONS } from "./highlight";
import { serviceSql, trigramThresholdCte } from "@/lib/metrics/sql";
import {
  PAGE_SIZE,
  SEARCH_TYPES,
  SEARCH_WINDOW,
  type SearchParams,
  type SearchType,
} from "./schema";
import { SIMILAR_THRESHOLD } from "./similarity";
import { correctableWords, correctQuery, corrections, type VocabularyMatch } from "./typos";

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

/** The query's words (websearch syntax) as an inline constant the planner can estimate. */
function tsquery(q: string): Prisma.Sql {
  return Prisma.sql`websearch_to_tsquery('english', ${q})`;
}

interface Kind {
  alias: string;
  /** The row's columns as the union's rows have them (type, id, incidentId, label, sectionKey, doc). */
  cols: Prisma.Sql;
  from: Prisma.Sql;
  /** The team (and the filters, through the incident when the row carries only its team). */
  where: Prisma.Sql;
  /** The window's order: newest first. */
  newest: string;
}

/**
 * Each record type as the search reads it. Rows that carry their team ("teamId", copied by a
 * trigger) need the incident only for the filters: without filters, no join per matched row
 * (the page's rows are joined to their incident once, after ranking).
 */
function kind(type: SearchType, teamId: string, filters: Prisma.Sql): Kind {
  const team = Prisma.sql`i."teamId" = ${teamId} ${filters}`;
  const filtered = filters !== Prisma.empty;
  const viaIncident = (alias: string) =>
    filtered
      ? Prisma.sql`JOIN "Incident" i ON i.id = ${Prisma.raw(`${alias}."incidentId"`)}`
      : Prisma.empty;
  const incidentFilter = filtered ? Prisma.sql`AND ${team}` : Prisma.empty;
  switch (type) {
    case "incident":
      // The text of the snippet is put together for the page's rows only (searchSql).
      return {
        alias: "i",
        cols: Prisma.sql`'incident' AS type, i.id, i.id AS "incidentId", NULL::text AS label, NULL::text AS "sectionKey", NULL::text AS doc`,
        from: Prisma.sql`"Incident" i`,
        where: team,
        newest: `i."startedAt" DESC, i.id DESC`,
      };
    case "event":
      return {
        alias: "e",
        cols: Prisma.sql`'event' AS type, e.id, e."incidentId", NULL::text AS label, NULL::text AS "sectionKey", e.body AS doc`,
        from: Prisma.sql`"TimelineEvent" e ${viaIncident("e")}`,
        where: Prisma.sql`e."teamId" = ${teamId} ${incidentFilter}`,
        newest: `e."occurredAt" DESC`,
      };
    case "why":
      return {
        alias: "w",
        cols: Prisma.sql`'why' AS type, w.id, w."incidentId", CASE WHEN w."isRootCause" THEN 'Root cause' ELSE 'Why' END AS label,
          NULL::text AS "sectionKey", w.statement AS doc`,
        from: Prisma.sql`"WhyNode" w ${viaIncident("w")}`,
        where: Prisma.sql`w."teamId" = ${teamId} ${incidentFilter}`,
        newest: `w."createdAt" DESC`,
      };
    case "action":
      return {
        alias: "a",
        cols: Prisma.sql`'action' AS type, a.id, a."incidentId", a.title AS label, NULL::text AS "sectionKey",
          a.title || ' — ' || a.description AS doc`,
        from: Prisma.sql`"ActionItem" a ${viaIncident("a")}`,
        where: Prisma.sql`a."teamId" = ${teamId} ${incidentFilter}`,
        newest: `a."createdAt" DESC`,
      };
    case "report":
      // Only the newest published version of each report (older versions would repeat it): the
      // "newest" flag and the incident are on the section row, so a match costs no joins.
      return {
        alias: "s",
        cols: Prisma.sql`'report' AS type, s.id, s."incidentId", s.title AS label, s.key AS "sectionKey", s.body AS doc`,
        from: Prisma.sql`"ReportSectionText" s ${viaIncident("s")}`,
        where: Prisma.sql`s."teamId" = ${teamId} ${incidentFilter} AND s.newest`,
        newest: `s."publishedAt" DESC`,
      };
  }
}

/**
 * A kind's matches of the words, ranked: through its GIN index (the generated tsvector, led by
 * the team) or, when the words match many rows, the newest SEARCH_WINDOW matches in a recency
 * index's order (the planner chooses: the tsquery is a constant it estimates from the column's
 * statistics). Matches score 1 + ts_rank (0..1). ts_rank, not ts_rank_cd: the cover density cost
 * ~9× as much per match and ranks by proximity, which a phrase query already demands. Each row
 * says whether its kind filled the window ("windowFull"), counted after the window's LIMIT (a
 * count beside the ORDER BY would count every match first).
 *
 * The corrected words (`typos`: the query with its typos and partial words replaced from the
 * team's vocabulary, lib/search/typos.ts) run the same way for the rows the words did not
 * match, scored ts_rank alone (below 1: under every exact match), and only when the words
 * matched fewer rows than the page needs (`gate`): with that many, no corrected row reaches it.
 */
function wordQuery(
  k: Kind,
  q: string,
  take: number,
  typos?: { exact: string; gate: Prisma.Sql },
): Prisma.Sql {
  const a = Prisma.raw(k.alias);
  const tsq = tsquery(q);
  const score = typos
    ? Prisma.sql`ts_rank(${a}.search, ${tsq}, 32)`
    : Prisma.sql`1 + ts_rank(${a}.search, ${tsq}, 32)`;
  const windowFull = typos ? Prisma.sql`false` : Prisma.sql`${a}."windowRows" = ${SEARCH_WINDOW}`;
  const only = typos
    ? Prisma.sql`AND ${typos.gate} AND NOT COALESCE(${a}.search @@ ${tsquery(typos.exact)}, false)`
    : Prisma.empty;
  return Prisma.sql`(SELECT ${k.cols}, ${score} AS score, ${windowFull} AS "windowFull"
      FROM (SELECT m.*, count(*) OVER () AS "windowRows" FROM (
        SELECT ${a}.* FROM ${k.from} WHERE ${k.where} AND ${a}.search @@ ${tsq} ${only}
        ORDER BY ${Prisma.raw(k.newest)} LIMIT ${SEARCH_WINDOW}) m) ${a}
      ORDER BY score DESC LIMIT ${take})`;
}

/**
 * One page of the team's ranked hits (PAGE_SIZE + 1 rows, to know whether more follow), each
 * with the kinds whose matches filled the window (`windowed`, the same on every row) and
 * whether any row matched only the corrected words (`corrected`) and any the words (`exact`), on
 * every page alike. `corrected` is the query with
 * its typos replaced (lib/search/typos.ts correctQuery), or null when it has none.
 */
export function searchSql(
  teamId: string,
  p: SearchParams,
  corrected: string | null = null,
): Prisma.Sql {
  const offset = (p.page - 1) * PAGE_SIZE;
  const take = offset + PAGE_SIZE + 1;
  const filters = incidentFilters(p);
  const types = p.type ? [p.type] : SEARCH_TYPES;
  const kinds = types.map((t) => kind(t, teamId, filters));
  const words = Prisma.join(
    kinds.map((k) => wordQuery(k, p.q, take)),
    " UNION ALL ",
  );
  const gate = Prisma.sql`(SELECT count(*) FROM words) < ${take}`;
  const typos = corrected
    ? Prisma.join(
        kinds.map((k) => wordQuery(k, corrected, take, { exact: p.q, gate })),
        " UNION ALL ",
      )
    : Prisma.sql`SELECT * FROM words WHERE false`;
  // ts_headline is the expensive part: it runs only on the rows of the page.
  return Prisma.sql`
    WITH words AS MATERIALIZED (${words}),
    typos AS MATERIALIZED (${typos})
    SELECT h.type, h.id, h."incidentId", h.label, v.number AS "versionNumber", h."sectionKey", h.score::float8 AS score,
      ts_headline('english', CASE WHEN h.type = 'incident' THEN i.title || ' — ' || i.summary || ' ' || i."customerImpact" ELSE h.doc END,
        CASE WHEN h.score < 1 THEN ${tsquery(corrected ?? p.q)} ELSE ${tsquery(p.q)} END, ${HEADLINE_OPTIONS}) AS snippet,
      i.number, i.title AS "incidentTitle", i.severity::text AS severity, i."startedAt",
      ARRAY(SELECT DISTINCT type FROM words WHERE "windowFull" ORDER BY 1) AS windowed,
      EXISTS (SELECT FROM typos) AS corrected, EXISTS (SELECT FROM words) AS exact
    FROM (
      SELECT * FROM (SELECT * FROM words UNION ALL SELECT * FROM typos) u ORDER BY score DESC, id LIMIT ${PAGE_SIZE + 1} OFFSET ${offset}
    ) h JOIN "Incident" i ON i.id = h."incidentId"
      LEFT JOIN "ReportSectionText" s ON h.type = 'report' AND s.id = h.id
      LEFT JOIN "ReportVersion" v ON v.id = s."reportVersionId"
    ORDER BY h.score DESC, h.id`;
}

/**
 * What the team's vocabulary says about each query word (lib/search/typos.ts VocabularyMatch):
 * whether the team wrote it (the primary key), the shortest word it begins and the nearest word
 * (the vocabulary's trigram index by the team's key, nearest first: one team's few thousand
 * words, whatever the number of incidents).
 */
export function vocabularySql(teamId: string, words: readonly string[]): Prisma.Sql {
  const team = Prisma.sql`hindsight_team_key(v."teamId") = hindsight_team_key(${teamId}) AND v."teamId" = ${teamId}`;
  return Prisma.sql`
    SELECT q.word,
      EXISTS (SELECT FROM "SearchWord" v WHERE v."teamId" = ${teamId} AND v.word = q.word) AS known,
      (SELECT v.word FROM "SearchWord" v WHERE ${team} AND v.word LIKE q.word || '%'
        ORDER BY length(v.word), v.word LIMIT 1) AS prefix,
      n.word AS nearest, n.similarity
    FROM unnest(${words}::text[]) q(word)
      LEFT JOIN LATERAL (
        SELECT v.word, similarity(v.word, q.word)::float8 AS similarity FROM "SearchWord" v
        WHERE ${team} ORDER BY v.word <-> q.word LIMIT 1
      ) n ON true`;
}

/**
 * The query with the words the team never wrote replaced by the nearest ones it did, or null
 * when every word is the team's or none is close (lib/search/typos.ts). `read` runs the
 * vocabulary statement: Prisma in the app, a pg client in the bench and the plan tests.
 */
export async function correctWith(
  teamId: string,
  q: string,
  read: (sql: Prisma.Sql) => Promise<VocabularyMatch[]>,
): Promise<string | null> {
  const words = correctableWords(q);
  if (!words.length) return null;
  return correctQuery(q, corrections(await read(vocabularySql(teamId, words))));
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
