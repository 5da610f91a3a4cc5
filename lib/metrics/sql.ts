// The dashboard's heavier SQL, built without running it (no I/O): lib/metrics/dashboard-data.ts runs
// it, and the scale bench EXPLAINs the same statements.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Measure } from "./dashboard";
import { periodBounds, type DashboardParams } from "./period";

/** How many of a period's incidents the recurrence check reads root causes from (newest first). */
export const RECURRING_INCIDENTS_MAX = 2000;
/** How many similar pairs it reads at most. */
export const RECURRING_PAIRS_MAX = 1000;

/**
 * The incidents of the period, as a SQL fragment on alias i: the team, [start, end) of the
 * start time, and the service filter. Every figure counts incidents by the month they started
 * in, in the viewer's zone (lib/metrics/period.ts monthOf is the same rule).
 */
export function scopeSql(teamId: string, p: DashboardParams) {
  const { start, end } = periodBounds(p.from, p.to, p.tz);
  const where = Prisma.sql`i."teamId" = ${teamId} AND i."startedAt" >= ${start} AND i."startedAt" < ${end} ${p.service ? Prisma.sql`AND ${p.service} = ANY(i.services)` : Prisma.empty}`;
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
 */
export function whysHealthSql(teamId: string, p: DashboardParams): Prisma.Sql {
  const { where } = scopeSql(teamId, p);
  return Prisma.sql`
    SELECT count(*)::int AS incidents,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "WhyNode" w WHERE w."incidentId" = i.id))::int AS "withTree",
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "WhyNode" w WHERE w."incidentId" = i.id AND w."isRootCause"))::int AS "withRootCause",
      COALESCE(sum(rc.n), 0)::int AS "rootCauses", COALESCE(sum(rc.bare), 0)::int AS "rootCausesWithoutAction"
    FROM "Incident" i LEFT JOIN LATERAL (
      SELECT count(*) AS n, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM "ActionItem" a WHERE a."whyNodeId" = w.id)) AS bare
      FROM "WhyNode" w WHERE w."incidentId" = i.id AND w."isRootCause") rc ON true
    WHERE ${where}`;
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
 * Pairs of similar root causes: the root causes of the period's incidents, newest incident
 * first, each against every root cause of the team through the team-leading trigram index
 * on WhyNode (teamId, statement), at the team's threshold. Nothing is sorted: incidents are read
 * in the order of their (teamId, startedAt) index and their root causes one incident at a time
 * (OFFSET 0 keeps that lookup per incident), and reading stops at the pair limit. So the work
 * is bounded by the limits, and a larger team costs about the same: each probe reads more of
 * the index, and fewer probes reach the limit.
 */
export function recurringPairsSql(teamId: string, p: DashboardParams): Prisma.Sql {
  const { where } = scopeSql(teamId, p);
  return Prisma.sql`
      WITH ${trigramThresholdCte(p.similarity)},
      rc AS MATERIALIZED (
        -- The statement passes through cfg (|| left(cfg.threshold, 0) adds nothing): the
        -- threshold is set before any trigram probe reads it, whatever the join order.
        SELECT w.id, w.statement, w."incidentId"
        FROM cfg, (SELECT i.id FROM "Incident" i WHERE ${where} ORDER BY i."startedAt" DESC, i.id DESC LIMIT ${RECURRING_INCIDENTS_MAX}) i
          CROSS JOIN LATERAL (
            SELECT w.id, w.statement || left(cfg.threshold, 0) AS statement, w."incidentId" FROM "WhyNode" w
            WHERE w."incidentId" = i.id AND w."isRootCause" OFFSET 0
          ) w
      )
      SELECT rc.id AS a, o.id AS b, similarity(rc.statement, o.statement)::float8 AS similarity
      FROM rc JOIN "WhyNode" o ON o."teamId" = ${teamId} AND o.statement % rc.statement AND o."isRootCause" AND o."incidentId" <> rc."incidentId"
      LIMIT ${RECURRING_PAIRS_MAX}`;
}
