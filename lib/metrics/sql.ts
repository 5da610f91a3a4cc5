// The dashboard's heavier SQL, built without running it (no I/O): lib/metrics/dashboard-data.ts runs
// it, and the scale bench EXPLAINs the same statements.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Measure } from "./dashboard";
import { periodBounds, type DashboardParams } from "./period";

/** How many root causes of a period the recurrence check compares (newest first). */
export const RECURRING_CAUSES_MAX = 2000;

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
 * Pairs of similar root causes: each root cause of the period against every root cause of
 * the team through the trigram index (the caller sets pg_trgm.similarity_threshold first).
 */
export function recurringPairsSql(teamId: string, p: DashboardParams): Prisma.Sql {
  const { where } = scopeSql(teamId, p);
  return Prisma.sql`
      WITH rc AS MATERIALIZED (
        SELECT w.id, w.statement, w."incidentId" FROM "WhyNode" w JOIN "Incident" i ON i.id = w."incidentId"
        WHERE ${where} AND w."isRootCause" ORDER BY i."startedAt" DESC LIMIT ${RECURRING_CAUSES_MAX}
      )
      SELECT rc.id AS a, o.id AS b, similarity(rc.statement, o.statement)::float8 AS similarity
      FROM rc JOIN "WhyNode" o ON o.statement % rc.statement AND o."isRootCause" AND o."incidentId" <> rc."incidentId"
        JOIN "Incident" oi ON oi.id = o."incidentId" AND oi."teamId" = ${teamId}
      LIMIT 5000`;
}
