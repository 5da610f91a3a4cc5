// The dashboard's heavier SQL, built without running it (no I/O): lib/metrics/dashboard-data.ts runs
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

/** Count, mean, median and p90 of each "time to …" per month (percentile_cont in the database). */
export function durationsSql(teamId: string, p: DashboardParams): Prisma.Sql {
  const { where, month } = scopeSql(teamId, p);
  const cols = Prisma.join(
    MEASURE_COLUMNS.map(([m, col, origin]) => {
      const v = MS(col, origin);
      return Prisma.sql`count(${v})::int AS ${Prisma.raw(`"${m}_n"`)}, avg(${v})::float8 AS ${Prisma.raw(`"${m}_mean"`)},
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ${v}) AS ${Prisma.raw(`"${m}_median"`)}, percentile_cont(0.9) WITHIN GROUP (ORDER BY ${v}) AS ${Prisma.raw(`"${m}_p90"`)}`;
    }),
    ", ",
  );
  return Prisma.sql`SELECT ${month} AS month, ${cols} FROM "Incident" i WHERE ${where} GROUP BY 1`;
}

/**
 * Action items of the period's incidents, by priority and by owner in one pass; each incident's
 * items by its index (not the team's every item, hashed against the period). Overdue and on
 * time follow lib/action-items/filters.ts: due dates are whole UTC days, `today` is one.
 */
export function actionsSql(teamId: string, p: DashboardParams, today: Date): Prisma.Sql {
  const { where } = scopeSql(teamId, p);
  return Prisma.sql`
    SELECT a.priority::text AS priority, COALESCE(a."ownerId", 'none') AS owner, GROUPING(a.priority) AS "byOwner",
      count(*) FILTER (WHERE a.status IN ('OPEN', 'IN_PROGRESS'))::int AS open,
      count(*) FILTER (WHERE a.status IN ('OPEN', 'IN_PROGRESS') AND a."dueDate" < ${today})::int AS overdue,
      count(*) FILTER (WHERE a.status = 'DONE')::int AS done,
      count(*) FILTER (WHERE a.status = 'DONE' AND a."dueDate" IS NOT NULL AND a."completedAt" IS NOT NULL)::int AS "doneWithDue",
      count(*) FILTER (WHERE a.status = 'DONE' AND a."completedAt" < a."dueDate" + interval '1 day')::int AS "onTime",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch from (a."completedAt" - a."createdAt")) * 1000) FILTER (WHERE a.status = 'DONE') AS "medianCompleteMs"
    FROM "Incident" i CROSS JOIN LATERAL (
      SELECT a.priority, a."ownerId", a.status, a."dueDate", a."completedAt", a."createdAt"
      FROM "ActionItem" a WHERE a."incidentId" = i.id AND a."teamId" = ${teamId} OFFSET 0) a
    WHERE ${where}
    GROUP BY GROUPING SETS ((a.priority), (COALESCE(a."ownerId", 'none')))`;
}

/**
 * The trigram threshold for the `%` operator, set inside the statement itself: a CTE the
 * trigram scans depend on runs set_config(…, is_local) first, so the threshold holds for this
 * statement's own transaction only and needs no interactive transaction around it (Prisma ends
 * those after 5 s, and they hold a pooled connection across round trips).
 */
export function trigramThresholdCte(threshold: number): Prisma.Sql {
  return Prisma.sql`cfg AS MATERIALIZED (SELECT set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true) AS threshold)`;
}

/**
 * One pass over the root causes of the period's incidents (service-filtered like every figure):
 * each incident's why nodes by its index, each root cause's countermeasures through
 * ActionItem(whyNodeId), read once for three figures (they were three statements, each reading
 * the period's incidents and probing their nodes again: ~30 % of their database time):
 * - `whys`: 5 Whys health (incidents with a tree, reaching a root cause, root causes without a
 *   countermeasure: no action item addressing the node);
 * - `categories`: root causes by month and category;
 * - `rows`: the root causes of the newest `limit` incidents (plus one, to tell a cut period)
 *   with their pg_trgm trigram sets (`show_trgm`, what `similarity()` compares; NULL for an
 *   ASCII statement when `asciiInApp`, lib/metrics/trigram-sets.ts derives those: cheaper than
 *   computing, sending and parsing ~60 strings a row) and countermeasures (done, open, first
 *   completion); an incident without a root cause answers one row with a NULL id. One JSON
 *   array of tuples (lib/metrics/recurring.ts PeriodRootCauseTuple), times in epoch
 *   milliseconds: decoding ten columns of every root cause row by row cost the app more than
 *   grouping them.
 * The grouping by similarity happens in lib/metrics/recurring.ts: comparing within the period
 * costs what the period holds, where probing each cause against the team's whole statement
 * index cost what the team ever wrote (with a service filter it matched little and never
 * reached its pair limit: 9.6 s at 100k).
 */
export function rootCausesSql(
  teamId: string,
  p: DashboardParams,
  limit = RECURRING_INCIDENTS_MAX,
  asciiInApp = true,
): Prisma.Sql {
  const { where, month } = scopeSql(teamId, p);
  // OFFSET 0 keeps each lateral a per-incident (per-node) index probe: joined plainly, the
  // planner scanned or hashed every team's WhyNode rows at 100k (~45 ms, parallel workers).
  return Prisma.sql`
    WITH i AS MATERIALIZED (
      SELECT i.id, i.number, i.title, i."startedAt", ${month} AS month,
        row_number() OVER (ORDER BY i."startedAt" DESC, i.id DESC) AS newest
      FROM "Incident" i WHERE ${where}
    ), n AS MATERIALIZED (
      SELECT i.id AS incident, w.id, w."isRootCause" AS root, w.category, w.statement
      FROM i CROSS JOIN LATERAL (
        SELECT w.id, w."isRootCause", w.category, w.statement FROM "WhyNode" w WHERE w."incidentId" = i.id OFFSET 0
      ) w
    ), r AS MATERIALIZED (
      SELECT n.incident, n.id, n.category, n.statement, a.*
      FROM n CROSS JOIN LATERAL (
        SELECT count(*)::int AS items, count(*) FILTER (WHERE x.status = 'DONE')::int AS done,
          count(*) FILTER (WHERE x.status IN ('OPEN', 'IN_PROGRESS'))::int AS open,
          min(x."completedAt") FILTER (WHERE x.status = 'DONE') AS "firstDoneAt"
        FROM "ActionItem" x WHERE x."whyNodeId" = n.id
      ) a
      WHERE n.root
    )
    SELECT
      json_build_object(
        'incidents', (SELECT count(*) FROM i)::int,
        'withTree', (SELECT count(DISTINCT incident) FROM n)::int,
        'withRootCause', (SELECT count(DISTINCT incident) FROM r)::int,
        'rootCauses', (SELECT count(*) FROM r)::int,
        'rootCausesWithoutAction', (SELECT count(*) FROM r WHERE r.items = 0)::int
      ) AS whys,
      (SELECT COALESCE(json_agg(json_build_object('month', c.month, 'key', c.key, 'count', c.count)), '[]')
        FROM (SELECT i.month, COALESCE(r.category::text, 'UNCATEGORISED') AS key, count(*)::int AS count
          FROM r JOIN i ON i.id = r.incident GROUP BY 1, 2) c) AS categories,
      (SELECT COALESCE(json_agg(json_build_array(r.id, r.statement,
          CASE WHEN ${asciiInApp} AND r.statement !~ ${"[^\\x01-\\x7f]"} THEN NULL ELSE show_trgm(r.statement) END,
          i.id, i.number, i.title, (extract(epoch from i."startedAt") * 1000)::float8,
          COALESCE(r.done, 0), COALESCE(r.open, 0), (extract(epoch from r."firstDoneAt") * 1000)::float8)
        ORDER BY i."startedAt" DESC, i.id DESC, r.id), '[]')
        FROM i LEFT JOIN r ON r.incident = i.id WHERE i.newest <= ${limit + 1}) AS rows`;
}
