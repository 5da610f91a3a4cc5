import { describe, expect, it } from "vitest";
import {
  actionSummaries,
  countSeries,
  dashboardTables,
  durationSeries,
  reportSummary,
  topKeys,
  whysHealth,
  type DashboardAggregates,
} from "./dashboard";

const months = ["2026-01", "2026-02", "2026-03"];

describe("dashboard series", () => {
  it("fills months without incidents with zeros, every key present", () => {
    expect(
      countSeries(months, [{ month: "2026-02", key: "SEV1", count: 2 }], ["SEV1", "SEV2"]),
    ).toEqual([
      { month: "2026-01", SEV1: 0, SEV2: 0 },
      { month: "2026-02", SEV1: 2, SEV2: 0 },
      { month: "2026-03", SEV1: 0, SEV2: 0 },
    ]);
  });

  it("orders keys by their total and keeps the top ones", () => {
    const rows = [
      { month: "2026-01", key: "api", count: 1 },
      { month: "2026-02", key: "db", count: 3 },
      { month: "2026-03", key: "api", count: 1 },
      { month: "2026-03", key: "web", count: 2 },
    ];
    expect(topKeys(rows, 2)).toEqual(["db", "api"]);
  });

  it("leaves a gap (nulls) in months where nothing was measured", () => {
    const rows = [
      { month: "2026-02", measure: "resolve" as const, count: 2, mean: 90, median: 90, p90: 114 },
    ];
    expect(durationSeries(months, rows, "resolve").map((p) => p.median)).toEqual([null, 90, null]);
    expect(durationSeries(months, rows, "detect").every((p) => p.count === 0)).toBe(true);
  });

  it("weights the report lag by the months' published counts", () => {
    // Jan: 2 published, mean 1 h; Feb: 1 published, mean 4 h → (2·1 + 1·4) / 3 = 2 h; 5 resolved − 3 = 2 without.
    const h = 3_600_000;
    expect(
      reportSummary([
        { month: "2026-01", resolved: 3, published: 2, meanLagMs: h, medianLagMs: h },
        { month: "2026-02", resolved: 2, published: 1, meanLagMs: 4 * h, medianLagMs: 4 * h },
      ]),
    ).toEqual({ resolved: 5, published: 3, withoutReport: 2, meanLagMs: 2 * h });
    expect(reportSummary([])).toEqual({
      resolved: 0,
      published: 0,
      withoutReport: 0,
      meanLagMs: null,
    });
  });

  it("summarises action items: on-time share of items with a due date, unassigned and departed owners named", () => {
    const rows = [
      {
        by: "owner" as const,
        key: "u1",
        open: 1,
        overdue: 1,
        done: 4,
        doneWithDue: 3,
        onTime: 2,
        medianCompleteMs: 10,
      },
      {
        by: "owner" as const,
        key: "none",
        open: 3,
        overdue: 0,
        done: 0,
        doneWithDue: 0,
        onTime: 0,
        medianCompleteMs: null,
      },
      {
        by: "owner" as const,
        key: "gone",
        open: 0,
        overdue: 0,
        done: 1,
        doneWithDue: 0,
        onTime: 0,
        medianCompleteMs: 5,
      },
      {
        by: "priority" as const,
        key: "P2",
        open: 1,
        overdue: 0,
        done: 0,
        doneWithDue: 0,
        onTime: 0,
        medianCompleteMs: null,
      },
    ];
    const owners = actionSummaries(rows, "owner", { u1: "Ada" });
    expect(owners.map((o) => [o.label, o.onTimeRate])).toEqual([
      ["Unassigned", null],
      ["Ada", 2 / 3],
      ["Former member", null],
    ]);
    expect(actionSummaries(rows, "priority", {}).map((p) => p.label)).toEqual(["P2 · high"]);
  });

  it("computes 5 Whys health shares, none for an empty period", () => {
    expect(
      whysHealth({
        incidents: 4,
        withTree: 3,
        withRootCause: 2,
        rootCauses: 4,
        rootCausesWithoutAction: 1,
      }),
    ).toMatchObject({ rootCauseRate: 0.5, withoutActionRate: 0.25 });
    expect(
      whysHealth({
        incidents: 0,
        withTree: 0,
        withRootCause: 0,
        rootCauses: 0,
        rootCausesWithoutAction: 0,
      }),
    ).toMatchObject({ rootCauseRate: null, withoutActionRate: null });
  });

  it("builds one table per chart from the same numbers (durations in minutes)", () => {
    const a: DashboardAggregates = {
      months: ["2026-01"],
      bySeverity: [{ month: "2026-01", key: "SEV2", count: 2 }],
      byService: [],
      durations: [
        {
          month: "2026-01",
          measure: "detect",
          count: 2,
          mean: 90_000,
          median: 90_000,
          p90: 114_000,
        },
      ],
      reports: [],
      actions: [],
      categories: [],
      whys: {
        incidents: 2,
        withTree: 1,
        withRootCause: 1,
        rootCauses: 1,
        rootCausesWithoutAction: 1,
      },
      recurring: [],
    };
    const t = dashboardTables(a, {});
    expect(t.severity.rows).toEqual([["2026-01", 0, 2, 0, 0, 2]]);
    expect(t.durations.rows[0]).toEqual(["2026-01", "Time to detect", 2, 1.5, 1.5, 1.9]);
    expect(t.durations.rows[1]).toEqual(["2026-01", "Time to acknowledge", 0, null, null, null]);
    expect(t.reports.rows).toEqual([["2026-01", 0, 0, 0, null, null]]);
    expect(t.whys.rows).toContainEqual(["Share reaching a root cause (%)", 50]);
  });
});
