import "server-only";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import type {
  ActionRow,
  CountRow,
  DashboardAggregates,
  DurationRow,
  ReportRow,
  WhysRow,
} from "./dashboard";
import { monthsBetween, type DashboardParams } from "./period";
import {
  actionsSql,
  durationsSql,
  MEASURE_COLUMNS,
  RECURRING_INCIDENTS_MAX,
  rootCausesSql,
  scopeSql,
} from "./sql";
import { groupRecurring, periodRootCauses, type PeriodRootCauseTuple } from "./recurring";
import { ASCII_PROBE, asciiTrigramsAgree } from "./trigram-sets";

export async function loadDashboard(
  scope: TeamScope,
  p: DashboardParams,
  now = new Date(),
): Promise<{ aggregates: DashboardAggregates; ownerNames: Record<string, string> }> {
  const { where, month } = scopeSql(scope.teamId, p);
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

  const bySeverity = db.$queryRaw<CountRow[]>`
    SELECT ${month} AS month, i.severity::text AS key, count(*)::int AS count FROM "Incident" i WHERE ${where} GROUP BY 1, 2`;
  const byService = db.$queryRaw<CountRow[]>`
    SELECT ${month} AS month, s AS key, count(*)::int AS count FROM "Incident" i, unnest(i.services) s WHERE ${where} GROUP BY 1, 2`;

  const durations = db.$queryRaw<Record<string, string | number | null>[]>(
    durationsSql(scope.teamId, p),
  );

  // Resolution → first published version of the report.
  const reports = db.$queryRaw<ReportRow[]>`
    SELECT ${month} AS month, count(*)::int AS resolved, count(p.first)::int AS published,
      avg(extract(epoch from (p.first - i."resolvedAt")) * 1000)::float8 AS "meanLagMs",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch from (p.first - i."resolvedAt")) * 1000) AS "medianLagMs"
    FROM "Incident" i
      LEFT JOIN "Report" r ON r."incidentId" = i.id
      LEFT JOIN LATERAL (SELECT min(v."publishedAt") AS first FROM "ReportVersion" v WHERE v."reportId" = r.id) p ON true
    WHERE ${where} AND i."resolvedAt" IS NOT NULL GROUP BY 1`;

  const actions = db.$queryRaw<
    (Omit<ActionRow, "by"> & { priority: string | null; owner: string | null; byOwner: number })[]
  >(actionsSql(scope.teamId, p, today));

  const [sev, svc, dur, rep, act, { whys, categories, recurring }] = await Promise.all([
    bySeverity,
    byService,
    durations,
    reports,
    actions,
    rootCauses(scope, p),
  ]);

  const ownerIds = [
    ...new Set(act.filter((r) => r.byOwner === 1 && r.owner !== "none").map((r) => r.owner!)),
  ];
  const owners = ownerIds.length
    ? await db.user.findMany({
        where: { id: { in: ownerIds } },
        select: { id: true, name: true, email: true },
      })
    : [];
  const num = (v: string | number | null | undefined) =>
    v === null || v === undefined ? null : Number(v);
  return {
    ownerNames: Object.fromEntries(owners.map((o) => [o.id, o.name ?? o.email])),
    aggregates: {
      months: monthsBetween(p.from, p.to),
      bySeverity: sev,
      byService: svc,
      durations: dur.flatMap((row) =>
        MEASURE_COLUMNS.map(([m]): DurationRow => ({
          month: String(row.month),
          measure: m,
          count: Number(row[`${m}_n`]),
          mean: num(row[`${m}_mean`]),
          median: num(row[`${m}_median`]),
          p90: num(row[`${m}_p90`]),
        })),
      ),
      reports: rep.map((r) => ({
        ...r,
        meanLagMs: num(r.meanLagMs),
        medianLagMs: num(r.medianLagMs),
      })),
      actions: act.map((r) => ({
        by: r.byOwner === 1 ? "owner" : "priority",
        key: r.byOwner === 1 ? r.owner! : r.priority!,
        open: r.open,
        overdue: r.overdue,
        done: r.done,
        doneWithDue: r.doneWithDue,
        onTime: r.onTime,
        medianCompleteMs: num(r.medianCompleteMs),
      })),
      categories,
      whys,
      recurring: recurring.groups,
      recurringCompared: recurring.compared,
    },
  };
}

/**
 * The period's root causes in one pass (lib/metrics/sql.ts rootCausesSql): 5 Whys health, root
 * causes by category, and the ones that say the same thing as an earlier root cause of the
 * period (another incident): pg_trgm similarity at the team's threshold, over the trigram sets
 * the database computes, or for ASCII statements the same sets computed here
 * (lib/metrics/recurring.ts groups them). The 20 most telling groups.
 */
async function rootCauses(scope: TeamScope, p: DashboardParams) {
  const [{ whys, categories, rows }] = await db.$queryRaw<
    [{ whys: WhysRow; categories: CountRow[]; rows: PeriodRootCauseTuple[] }]
  >(rootCausesSql(scope.teamId, p, RECURRING_INCIDENTS_MAX, await asciiInApp()));
  const { causes, incidents, limited } = periodRootCauses(rows, RECURRING_INCIDENTS_MAX);
  return {
    whys,
    categories,
    recurring: {
      groups: groupRecurring(causes, p.similarity).slice(0, 20),
      compared: { causes: causes.length, incidents, limited },
    },
  };
}

let asciiCheck: Promise<boolean> | undefined;

/**
 * Whether this database's pg_trgm makes ASCII text's trigrams as lib/metrics/trigram-sets.ts
 * does (then the recurrence query leaves ASCII statements' trigrams to the app): asked once per
 * process, again after an error.
 */
function asciiInApp(): Promise<boolean> {
  asciiCheck ??= db.$queryRaw<{ shown: string[] }[]>`SELECT show_trgm(${ASCII_PROBE}) AS shown`
    .then(([row]) => asciiTrigramsAgree(row!.shown))
    .catch((error: unknown) => {
      asciiCheck = undefined;
      throw error;
    });
  return asciiCheck;
}
