// The reliability and learning dashboard as data (pure): turns the database's aggregates
// (grouped by month, priority, owner, category — lib/metrics/data.ts) into chart series and,
// from the same numbers, the table each chart offers as its text alternative and CSV.
import { categoryLabel, priorityLabel } from "@/lib/labels";
import { ratio } from "./stats";
import type { RecurringCause } from "./recurring";

export const SEVERITY_KEYS = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export const MEASURES = ["detect", "acknowledge", "mitigate", "resolve"] as const;
export type Measure = (typeof MEASURES)[number];
export const MEASURE_LABELS: Record<Measure, string> = {
  detect: "Time to detect",
  acknowledge: "Time to acknowledge",
  mitigate: "Time to mitigate",
  resolve: "Time to resolve",
};

export interface CountRow {
  month: string;
  key: string;
  count: number;
}

export interface DurationRow {
  month: string;
  measure: Measure;
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

export interface ReportRow {
  month: string;
  resolved: number;
  published: number;
  meanLagMs: number | null;
  medianLagMs: number | null;
}

export interface ActionRow {
  /** "priority" or "owner" */
  by: "priority" | "owner";
  key: string;
  open: number;
  overdue: number;
  done: number;
  doneWithDue: number;
  onTime: number;
  medianCompleteMs: number | null;
}

export interface WhysRow {
  incidents: number;
  withTree: number;
  withRootCause: number;
  rootCauses: number;
  rootCausesWithoutAction: number;
}

export interface DashboardAggregates {
  months: string[];
  bySeverity: CountRow[];
  byService: CountRow[];
  durations: DurationRow[];
  reports: ReportRow[];
  actions: ActionRow[];
  categories: CountRow[];
  whys: WhysRow;
  recurring: RecurringCause[];
  /** What the recurrence check compared: root causes of the newest incidents; limited: the period had more incidents. */
  recurringCompared?: { causes: number; incidents: number; limited: boolean };
}

export type Cell = string | number | null;
export interface DataTable {
  id: ChartId;
  title: string;
  columns: string[];
  rows: Cell[][];
}

export const CHART_IDS = [
  "severity",
  "services",
  "durations",
  "reports",
  "actions-priority",
  "actions-owner",
  "categories",
  "recurring",
  "whys",
] as const;
export type ChartId = (typeof CHART_IDS)[number];

export type MonthSeries = { month: string } & Record<string, number>;

/** One point per month of the period, every key present (0 for a month without incidents). */
export function countSeries(
  months: string[],
  rows: CountRow[],
  keys: readonly string[],
): MonthSeries[] {
  const at = new Map(rows.map((r) => [`${r.month}|${r.key}`, r.count]));
  return months.map(
    (month) =>
      ({
        month,
        ...Object.fromEntries(keys.map((k) => [k, at.get(`${month}|${k}`) ?? 0])),
      }) as MonthSeries,
  );
}

/** The keys in order of their total, largest first, at most `limit` (services, categories). */
export function topKeys(rows: CountRow[], limit: number): string[] {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.key, (totals.get(r.key) ?? 0) + r.count);
  return [...totals]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([k]) => k);
}

export interface DurationPoint {
  month: string;
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

/** Month by month for one measure; months without a measured incident have nulls (a gap). */
export function durationSeries(
  months: string[],
  rows: DurationRow[],
  measure: Measure,
): DurationPoint[] {
  const at = new Map(rows.filter((r) => r.measure === measure).map((r) => [r.month, r]));
  return months.map((month) => {
    const r = at.get(month);
    return r && r.count > 0
      ? { month, count: r.count, mean: r.mean, median: r.median, p90: r.p90 }
      : { month, count: 0, mean: null, median: null, p90: null };
  });
}

export interface ReportSummary {
  resolved: number;
  published: number;
  withoutReport: number;
  /** Weighted over months by published count. */
  meanLagMs: number | null;
}

export function reportSummary(rows: ReportRow[]): ReportSummary {
  const resolved = rows.reduce((s, r) => s + r.resolved, 0);
  const published = rows.reduce((s, r) => s + r.published, 0);
  const lagSum = rows.reduce((s, r) => s + (r.meanLagMs ?? 0) * r.published, 0);
  return {
    resolved,
    published,
    withoutReport: resolved - published,
    meanLagMs: published ? lagSum / published : null,
  };
}

export interface ActionSummary {
  key: string;
  label: string;
  open: number;
  overdue: number;
  done: number;
  /** Of the done items that had a due date, the share finished by the end of that day. */
  onTimeRate: number | null;
  medianCompleteMs: number | null;
}

export function actionSummaries(
  rows: ActionRow[],
  by: "priority" | "owner",
  ownerNames: Record<string, string>,
): ActionSummary[] {
  return rows
    .filter((r) => r.by === by)
    .map((r) => ({
      key: r.key,
      label:
        by === "priority"
          ? priorityLabel(r.key)
          : r.key === "none"
            ? "Unassigned"
            : (ownerNames[r.key] ?? "Former member"),
      open: r.open,
      overdue: r.overdue,
      done: r.done,
      onTimeRate: ratio(r.onTime, r.doneWithDue),
      medianCompleteMs: r.medianCompleteMs,
    }))
    .sort((a, b) =>
      by === "priority"
        ? a.key.localeCompare(b.key)
        : b.open - a.open || a.label.localeCompare(b.label),
    );
}

export interface WhysHealth extends WhysRow {
  /** Share of the period's incidents whose tree reaches at least one root cause. */
  rootCauseRate: number | null;
  /** Share of root causes with no action item addressing them. */
  withoutActionRate: number | null;
}

export function whysHealth(row: WhysRow): WhysHealth {
  return {
    ...row,
    rootCauseRate: ratio(row.withRootCause, row.incidents),
    withoutActionRate: ratio(row.rootCausesWithoutAction, row.rootCauses),
  };
}

const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6000) / 10);

/** Every chart's numbers as a table: the on-page alternative and the CSV download. */
export function dashboardTables(
  a: DashboardAggregates,
  ownerNames: Record<string, string>,
): Record<ChartId, DataTable> {
  const services = topKeys(a.byService, 8);
  const categories = topKeys(a.categories, 10);
  const severity = countSeries(a.months, a.bySeverity, SEVERITY_KEYS);
  const svc = countSeries(a.months, a.byService, services);
  const cat = countSeries(a.months, a.categories, categories);
  const reportAt = new Map(a.reports.map((r) => [r.month, r]));
  const actionRows = (by: "priority" | "owner") =>
    actionSummaries(a.actions, by, ownerNames).map((s) => [
      s.label,
      s.open,
      s.overdue,
      s.done,
      pct(s.onTimeRate),
      minutes(s.medianCompleteMs),
    ]);
  const health = whysHealth(a.whys);
  return {
    severity: {
      id: "severity",
      title: "Incidents by severity, by month",
      columns: ["Month", ...SEVERITY_KEYS, "Total"],
      rows: severity.map((m) => [
        m.month,
        ...SEVERITY_KEYS.map((k) => m[k]!),
        SEVERITY_KEYS.reduce((s, k) => s + m[k]!, 0),
      ]),
    },
    services: {
      id: "services",
      title: "Incidents by service, by month",
      columns: ["Month", ...services],
      rows: svc.map((m) => [m.month, ...services.map((k) => m[k]!)]),
    },
    durations: {
      id: "durations",
      title: "Response times by month (minutes; mean, median, p90)",
      columns: [
        "Month",
        "Measure",
        "Incidents measured",
        "Mean (min)",
        "Median (min)",
        "p90 (min)",
      ],
      rows: a.months.flatMap((month) =>
        MEASURES.map((m) => {
          const p = durationSeries([month], a.durations, m)[0]!;
          return [
            month,
            MEASURE_LABELS[m],
            p.count,
            minutes(p.mean),
            minutes(p.median),
            minutes(p.p90),
          ];
        }),
      ),
    },
    reports: {
      id: "reports",
      title: "Resolved incidents and their published reports, by month",
      columns: [
        "Month",
        "Resolved",
        "With a published report",
        "Without a report",
        "Mean time to report (h)",
        "Median time to report (h)",
      ],
      rows: a.months.map((month) => {
        const r = reportAt.get(month);
        const h = (ms: number | null | undefined) =>
          ms == null ? null : Math.round(ms / 360_000) / 10;
        return [
          month,
          r?.resolved ?? 0,
          r?.published ?? 0,
          (r?.resolved ?? 0) - (r?.published ?? 0),
          h(r?.meanLagMs),
          h(r?.medianLagMs),
        ];
      }),
    },
    "actions-priority": {
      id: "actions-priority",
      title: "Action items by priority",
      columns: [
        "Priority",
        "Open",
        "Overdue",
        "Done",
        "Done on time (%)",
        "Median time to complete (min)",
      ],
      rows: actionRows("priority"),
    },
    "actions-owner": {
      id: "actions-owner",
      title: "Action items by owner",
      columns: [
        "Owner",
        "Open",
        "Overdue",
        "Done",
        "Done on time (%)",
        "Median time to complete (min)",
      ],
      rows: actionRows("owner"),
    },
    categories: {
      id: "categories",
      title: "Root causes by category, by month",
      columns: ["Month", ...categories.map(categoryLabel)],
      rows: cat.map((m) => [m.month, ...categories.map((k) => m[k]!)]),
    },
    recurring: {
      id: "recurring",
      title: "Recurring root causes",
      columns: [
        "Root cause",
        "Incidents",
        "Action items done",
        "Action items open",
        "Came back after its countermeasure was done",
      ],
      rows: a.recurring.map((r) => [
        r.statement,
        r.incidents.map((i) => i.incidentKey).join(" "),
        r.actionsDone,
        r.actionsOpen,
        r.cameBackAfterDone ? "yes" : "no",
      ]),
    },
    whys: {
      id: "whys",
      title: "5 Whys health",
      columns: ["Figure", "Value"],
      rows: [
        ["Incidents in the period", health.incidents],
        ["Incidents with a 5 Whys tree", health.withTree],
        ["Incidents whose tree reaches a root cause", health.withRootCause],
        ["Share reaching a root cause (%)", pct(health.rootCauseRate)],
        ["Root causes", health.rootCauses],
        ["Root causes without a countermeasure", health.rootCausesWithoutAction],
        ["Share without a countermeasure (%)", pct(health.withoutActionRate)],
      ],
    },
  };
}
