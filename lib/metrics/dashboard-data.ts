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
import { dashboardSql, MEASURE_COLUMNS, RECURRING_INCIDENTS_MAX } from "./sql";
import { groupRecurringOffThread } from "./recurring-pool";
import { ASCII_PROBE, asciiTrigramsAgree } from "./trigram-sets";

/** The one dashboard statement's row (lib/metrics/sql.ts dashboardSql): JSON values. */
interface DashboardRow {
  bySeverity: CountRow[];
  byService: CountRow[];
  durations: Record<string, string | number | null>[];
  reports: ReportRow[];
  actions: (Omit<ActionRow, "by"> & {
    priority: string | null;
    owner: string | null;
    byOwner: number;
  })[];
  owners: Record<string, string>;
  whys: WhysRow;
  categories: CountRow[];
  /** The root cause rows (PeriodRootCauseTuple[]) as JSON text: parsed by the grouping. */
  rows: string;
}

export async function loadDashboard(
  scope: TeamScope,
  p: DashboardParams,
  now = new Date(),
): Promise<{ aggregates: DashboardAggregates; ownerNames: Record<string, string> }> {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const [row] = await db.$queryRaw<[DashboardRow]>(
    dashboardSql(scope.teamId, p, today, RECURRING_INCIDENTS_MAX, await asciiInApp()),
  );
  const recurring = await groupRecurringOffThread(row.rows, RECURRING_INCIDENTS_MAX, p.similarity);
  const num = (v: string | number | null | undefined) =>
    v === null || v === undefined ? null : Number(v);
  return {
    ownerNames: row.owners,
    aggregates: {
      months: monthsBetween(p.from, p.to),
      bySeverity: row.bySeverity,
      byService: row.byService,
      durations: row.durations.flatMap((d) =>
        MEASURE_COLUMNS.map(([m]): DurationRow => ({
          month: String(d.month),
          measure: m,
          count: Number(d[`${m}_n`]),
          mean: num(d[`${m}_mean`]),
          median: num(d[`${m}_median`]),
          p90: num(d[`${m}_p90`]),
        })),
      ),
      reports: row.reports,
      actions: row.actions.map((r) => ({
        by: r.byOwner === 1 ? "owner" : "priority",
        key: r.byOwner === 1 ? r.owner! : r.priority!,
        open: r.open,
        overdue: r.overdue,
        done: r.done,
        doneWithDue: r.doneWithDue,
        onTime: r.onTime,
        medianCompleteMs: r.medianCompleteMs,
      })),
      categories: row.categories,
      whys: row.whys,
      // Root causes that say the same thing as an earlier root cause of the period (another
      // incident): pg_trgm similarity at the team's threshold, over the trigram sets the
      // database computes, or for ASCII statements the same sets computed in the app; the 20
      // most telling groups.
      recurring: recurring.groups,
      recurringCompared: recurring.compared,
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
