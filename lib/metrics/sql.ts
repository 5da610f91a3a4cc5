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
 * 5 Whys health of the period's incidents: with a tree, reaching a root cause, and root causes
 * without a countermeasure (an action item addressing the node, through ActionItem(whyNodeId)).
 * One pass over each incident's nodes (an index probe per incident), not one per figure.
 */
export function whysHealthSql(teamId: string, p: DashboardParams): Prisma.Sql {
  const { where } = scopeSql(teamId, p);
  return Prisma.sql`
    SELECT count(*)::int AS incidents,
      count(*) FILTER (WHERE n.nodes > 0)::int AS "withTree",
      count(*) FILTER (WHERE n.roots > 0)::int AS "withRootCause",
      COALESCE(sum(n.roots), 0)::int AS "rootCauses", COALESCE(sum(n.bare), 0)::int AS "rootCausesWithoutAction"
    FROM "Incident" i CROSS JOIN LATERAL (
      SELECT count(*) AS nodes, count(*) FILTER (WHERE w."isRootCause") AS roots,
        count(*) FILTER (WHERE w."isRootCause" AND NOT EXISTS (SELECT 1 FROM "ActionItem" a WHERE a."whyNodeId" = w.id)) AS bare
      FROM "WhyNode" w WHERE w."incidentId" = i.id) n
    WHERE ${where}`;
}

/**
 * Root causes of the period's incidents by month and category. Each incident's root causes by
 * its index (OFFSET 0 keeps the lateral a per-incident probe: joined plainly, the planner scanned
 * every team's WhyNode rows in parallel, ~45 ms and three processes busy per view at 100k).
 */
export function categoriesSql(teamId: string, p: DashboardParams): Prisma.Sql {
  const { where, month } = scopeSql(teamId, p);
  return Prisma.sql`
    SELECT ${month} AS month, COALESCE(w.category::text, 'UNCATEGORISED') AS key, count(*)::int AS count
    FROM "Incident" i CROSS JOIN LATERAL (
      SELECT w.category FROM "WhyNode" w WHERE w."incidentId" = i.id AND w."isRootCause" OFFSET 0) w
    WHERE ${where} GROUP BY 1, 2`;
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
 * The root causes of the period's incidents (service-filtered like every figure), with their
 * pg_trgm trigram sets (`show_trgm`, what `similarity()` compares; NULL for an ASCII statement
 * when `asciiInApp`, lib/metrics/trigram-sets.ts derives those: cheaper than computing, sending
 * and parsing ~60 strings a row) and their countermeasures
 * (done, open, first completion) through ActionItem(whyNodeId). The grouping by similarity
 * happens in lib/metrics/recurring.ts: comparing within the period costs what the period holds,
 * where probing each cause against the team's whole statement index cost what the team ever
 * wrote (with a service filter it matched little and never reached its pair limit: 9.6 s at
 * 100k). The newest `limit` incidents, read in their (teamId, startedAt) index order, plus one
 * to tell a cut period; an incident without a root cause answers one row with a NULL id.
 */
export function recurringCausesSql(
  teamId: string,
  p: DashboardParams,
  limit = RECURRING_INCIDENTS_MAX,
  asciiInApp = true,
): Prisma.Sql {
  const { where } = scopeSql(teamId, p);
  // One JSON array of tuples (lib/metrics/recurring.ts PeriodRootCauseTuple), times in epoch
  // milliseconds: decoding ten columns of every root cause row by row cost the app more than
  // grouping them.
  return Prisma.sql`
    SELECT COALESCE(json_agg(json_build_array(w.id, w.statement,
        CASE WHEN ${asciiInApp} AND w.statement !~ ${"[^\\x01-\\x7f]"} THEN NULL ELSE show_trgm(w.statement) END,
        i.id, i.number, i.title, (extract(epoch from i."startedAt") * 1000)::float8,
        a.done, a.open, (extract(epoch from a."firstDoneAt") * 1000)::float8)
      ORDER BY i."startedAt" DESC, i.id DESC, w.id), '[]') AS rows
    FROM (
      SELECT i.id, i.number, i.title, i."startedAt" FROM "Incident" i WHERE ${where}
      ORDER BY i."startedAt" DESC, i.id DESC LIMIT ${limit + 1}
    ) i
      -- One index probe per incident (OFFSET 0 keeps it a per-incident lookup: otherwise at
      -- 100k the planner hashes every root cause of every team).
      LEFT JOIN LATERAL (
        SELECT w.id, w.statement FROM "WhyNode" w WHERE w."incidentId" = i.id AND w."isRootCause" OFFSET 0
      ) w ON true
      LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE x.status = 'DONE')::int AS done,
          count(*) FILTER (WHERE x.status IN ('OPEN', 'IN_PROGRESS'))::int AS open,
          min(x."completedAt") FILTER (WHERE x.status = 'DONE') AS "firstDoneAt"
        FROM "ActionItem" x WHERE x."whyNodeId" = w.id) a ON true`;
}
