// The dashboard's SQL, built without running it (no I/O): lib/metrics/dashboard-data.ts runs
// it, and the scale bench EXPLAINs the same statements.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Measure } from "./dashboard";
import { periodBounds, type DashboardParams } from "./period";

/**
 * How many of a period's incidents (the newest) the recurrence check reads root causes from.
 * The largest bench team has 5,000 incidents in 36 months, the longest period; the page says
 * when a period had more.
 */
export const RECURRING_INCIDENTS_MAX = 6000;

/**
 * The service filter on alias i, as containment (`@>`): the form the (teamId, services) GIN index
 * answers (`= ANY(services)` is tested row by row).
 */
export function serviceSql(service: string): Prisma.Sql {
  return Prisma.sql`AND i.services @> ARRAY[${service}]::text[]`;
}

/**
 * The incidents of the period, as a SQL fragment on alias i: the team, [start, end) of the
 * start time, and the service filter. Every figure counts incidents by the month they started
 * in, in the viewer's zone (lib/metrics/period.ts monthOf is the same rule).
 */
export function scopeSql(teamId: string, p: DashboardParams) {
  const { start, end } = periodBounds(p.from, p.to, p.tz);
  const where = Prisma.sql`i."teamId" = ${teamId} AND i."startedAt" >= ${start} AND i."startedAt" < ${end} ${p.service ? serviceSql(p.service) : Prisma.empty}`;
  const month = Prisma.sql`to_char((i."startedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${p.tz}, 'YYYY-MM')`;
  return { where, month };
}

/** Milliseconds from the measure's origin to the time, NULL when unset or before the origin (as `span`). */
const MS = (col: string, origin: string) =>
  Prisma.raw(
    `CASE WHEN i."${col}" >= ${origin} THEN extract(epoch from (i."${col}" - ${origin})) * 1000 END`,
  );

// The one duration rule (lib/incidents/lifecycle.ts incidentDurations): detect, mitigate and
// resolve count from the start, acknowledge from detection (or the start when undetected); an
// unset time, or one before its origin, is left out of that measure.
export const MEASURE_COLUMNS: [Measure, string, string][] = [
  ["detect", "detectedAt", `i."startedAt"`],
  ["acknowledge", "acknowledgedAt", `COALESCE(i."detectedAt", i."startedAt")`],
  ["mitigate", "mitigatedAt", `i."startedAt"`],
  ["resolve", "resolvedAt", `i."startedAt"`],
];

/**
 * The trigram threshold for the `%` operator, set inside the statement itself: a CTE the
 * trigram scans depend on runs set_config(…, is_local) first, so the threshold holds for this
 * statement's own transaction only and needs no interactive transaction around it (Prisma ends
 * those after 5 s, and they hold a pooled connection across round trips).
 */
export function trigramThresholdCte(threshold: number): Prisma.Sql {
  return Prisma.sql`cfg AS MATERIALIZED (SELECT set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true) AS threshold)`;
}

/** Count, mean, median and p90 of each "time to …" (percentile_cont in the database), on alias i. */
function durationColumns(): Prisma.Sql {
  return Prisma.join(
    MEASURE_COLUMNS.map(([m, col, origin]) => {
      const v = MS(col, origin);
      return Prisma.sql`count(${v})::int AS ${Prisma.raw(`"${m}_n"`)}, avg(${v})::float8 AS ${Prisma.raw(`"${m}_mean"`)},
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ${v}) AS ${Prisma.raw(`"${m}_median"`)}, percentile_cont(0.9) WITHIN GROUP (ORDER BY ${v}) AS ${Prisma.raw(`"${m}_p90"`)}`;
    }),
    ", ",
  );
}

/** The rows of a subquery as one JSON array (`[]` for none). */
const jsonRows = (query: Prisma.Sql) =>
  Prisma.sql`(SELECT COALESCE(json_agg(q), '[]') FROM (${query}) q)`;

/**
 * The whole dashboard in one statement: the period's incidents (service-filtered like every
 * figure) are read once, and so are their action items and why nodes, each incident's by its
 * index. Every figure is one JSON value computed from those three sets:
 * - `bySeverity`, `byService`, `durations`, `reports`: incidents by the month they started in;
 *   reports: resolution → first published version of the report;
 * - `actions`: action items by priority and by owner (GROUPING SETS); overdue and on time follow
 *   lib/action-items/filters.ts (due dates are whole UTC days, `today` is one); `owners`: the
 *   owners' display names;
 * - `whys`: 5 Whys health (incidents with a tree, reaching a root cause, root causes without a
 *   countermeasure: no action item of the incident addressing the node);
 * - `categories`: root causes by month and category;
 * - `rows`: the root causes of the newest `limit` incidents (plus one, to tell a cut period)
 *   with their pg_trgm trigram sets (`show_trgm`, what `similarity()` compares; NULL for an
 *   ASCII statement when `asciiInApp`, lib/metrics/trigram-sets.ts derives those: cheaper than
 *   computing, sending and parsing ~60 strings a row) and countermeasures (done, open, first
 *   completion); an incident without a root cause answers one row with a NULL id. One JSON
 *   array of tuples (lib/metrics/recurring.ts PeriodRootCauseTuple), times in epoch
 *   milliseconds, as text: the grouping thread parses it (lib/metrics/recurring-pool.ts);
 *   decoding ten columns of every root cause row by row cost the app more than grouping them.
 * These were seven statements that each read the period's incidents again (and the root
 *   causes' countermeasures by a probe per root cause): database time per view of a year fell
 *   from 72 to 60 ms at 100k incidents (40 to 36.5 at 1k): at 100k a team's rows lie on
 *   different pages, so each re-read costs a page per incident. One statement runs on one
 *   connection: under load that is cheaper, and a single view waits for the whole sum
 *   (docs/decisions.md).
 * The grouping of recurring causes by similarity happens in lib/metrics/recurring.ts: comparing
 * within the period costs what the period holds, where probing each cause against the team's
 * whole statement index cost what the team ever wrote (9.6 s at 100k with a service filter).
 */
export function dashboardSql(
  teamId: string,
  p: DashboardParams,
  today: Date,
  limit = RECURRING_INCIDENTS_MAX,
  asciiInApp = true,
): Prisma.Sql {
  const { where, month } = scopeSql(teamId, p);
  const lagMs = Prisma.sql`extract(epoch from (p.first - i."resolvedAt")) * 1000`;
  const active = Prisma.sql`a.status IN ('OPEN', 'IN_PROGRESS')`;
  // OFFSET 0 keeps each lateral a per-incident index probe: joined plainly, the planner scanned
  // or hashed every team's WhyNode or ActionItem rows at 100k (~45 ms, parallel workers).
  return Prisma.sql`
    WITH i AS MATERIALIZED (
      SELECT i.id, i.number, i.title, i.severity, i.services, i."startedAt", i."detectedAt",
        i."acknowledgedAt", i."mitigatedAt", i."resolvedAt", ${month} AS month,
        row_number() OVER (ORDER BY i."startedAt" DESC, i.id DESC) AS newest
      FROM "Incident" i WHERE ${where}
    ), a AS MATERIALIZED (
      SELECT a.* FROM i CROSS JOIN LATERAL (
        SELECT a."whyNodeId", a.priority, a."ownerId", a.status, a."dueDate", a."completedAt", a."createdAt"
        FROM "ActionItem" a WHERE a."incidentId" = i.id AND a."teamId" = ${teamId} OFFSET 0) a
    ), n AS MATERIALIZED (
      SELECT i.id AS incident, w.id, w."isRootCause" AS root, w.category, w.statement
      FROM i CROSS JOIN LATERAL (
        SELECT w.id, w."isRootCause", w.category, w.statement FROM "WhyNode" w WHERE w."incidentId" = i.id OFFSET 0
      ) w
    ), r AS MATERIALIZED (
      SELECT n.incident, n.id, n.category, n.statement, COALESCE(x.items, 0) AS items,
        COALESCE(x.done, 0) AS done, COALESCE(x.open, 0) AS open, x."firstDoneAt"
      FROM n LEFT JOIN (
        SELECT a."whyNodeId", count(*)::int AS items, count(*) FILTER (WHERE a.status = 'DONE')::int AS done,
          count(*) FILTER (WHERE ${active})::int AS open,
          min(a."completedAt") FILTER (WHERE a.status = 'DONE') AS "firstDoneAt"
        FROM a WHERE a."whyNodeId" IS NOT NULL GROUP BY 1
      ) x ON x."whyNodeId" = n.id
      WHERE n.root
    )
    SELECT
      ${jsonRows(Prisma.sql`SELECT i.month, i.severity::text AS key, count(*)::int AS count FROM i GROUP BY 1, 2`)} AS "bySeverity",
      ${jsonRows(Prisma.sql`SELECT i.month, s AS key, count(*)::int AS count FROM i, unnest(i.services) s GROUP BY 1, 2`)} AS "byService",
      ${jsonRows(Prisma.sql`SELECT i.month, ${durationColumns()} FROM i GROUP BY 1`)} AS durations,
      ${jsonRows(Prisma.sql`
        SELECT i.month, count(*)::int AS resolved, count(p.first)::int AS published,
          avg(${lagMs})::float8 AS "meanLagMs", percentile_cont(0.5) WITHIN GROUP (ORDER BY ${lagMs}) AS "medianLagMs"
        FROM i LEFT JOIN "Report" r ON r."incidentId" = i.id
          LEFT JOIN LATERAL (SELECT min(v."publishedAt") AS first FROM "ReportVersion" v WHERE v."reportId" = r.id) p ON true
        WHERE i."resolvedAt" IS NOT NULL GROUP BY 1`)} AS reports,
      ${jsonRows(Prisma.sql`
        SELECT a.priority::text AS priority, COALESCE(a."ownerId", 'none') AS owner, GROUPING(a.priority) AS "byOwner",
          count(*) FILTER (WHERE ${active})::int AS open,
          count(*) FILTER (WHERE ${active} AND a."dueDate" < ${today})::int AS overdue,
          count(*) FILTER (WHERE a.status = 'DONE')::int AS done,
          count(*) FILTER (WHERE a.status = 'DONE' AND a."dueDate" IS NOT NULL AND a."completedAt" IS NOT NULL)::int AS "doneWithDue",
          count(*) FILTER (WHERE a.status = 'DONE' AND a."completedAt" < a."dueDate" + interval '1 day')::int AS "onTime",
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch from (a."completedAt" - a."createdAt")) * 1000) FILTER (WHERE a.status = 'DONE') AS "medianCompleteMs"
        FROM a GROUP BY GROUPING SETS ((a.priority), (COALESCE(a."ownerId", 'none')))`)} AS actions,
      (SELECT COALESCE(json_object_agg(u.id, COALESCE(u.name, u.email)), '{}')
        FROM "User" u WHERE u.id IN (SELECT a."ownerId" FROM a)) AS owners,
      json_build_object(
        'incidents', (SELECT count(*) FROM i)::int,
        'withTree', (SELECT count(*) FROM (SELECT n.incident FROM n GROUP BY 1) t)::int,
        'withRootCause', (SELECT count(*) FROM (SELECT r.incident FROM r GROUP BY 1) t)::int,
        'rootCauses', (SELECT count(*) FROM r)::int,
        'rootCausesWithoutAction', (SELECT count(*) FROM r WHERE r.items = 0)::int
      ) AS whys,
      ${jsonRows(Prisma.sql`
        SELECT i.month, COALESCE(r.category::text, 'UNCATEGORISED') AS key, count(*)::int AS count
        FROM r JOIN i ON i.id = r.incident GROUP BY 1, 2`)} AS categories,
      (SELECT COALESCE(json_agg(json_build_array(r.id, r.statement,
          CASE WHEN ${asciiInApp} AND r.statement !~ ${"[^\\x01-\\x7f]"} THEN NULL ELSE show_trgm(r.statement) END,
          i.id, i.number, i.title, (extract(epoch from i."startedAt") * 1000)::float8,
          COALESCE(r.done, 0), COALESCE(r.open, 0), (extract(epoch from r."firstDoneAt") * 1000)::float8)
        ORDER BY i."startedAt" DESC, i.id DESC, r.id), '[]')::text
        FROM i LEFT JOIN r ON r.incident = i.id WHERE i.newest <= ${limit + 1}) AS rows`;
}
