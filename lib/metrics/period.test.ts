import { describe, expect, it } from "vitest";
import { incidentDurations } from "@/lib/incidents/lifecycle";
import {
  addMonths,
  dashboardQuery,
  monthOf,
  monthsBetween,
  parseDashboardParams,
  periodBounds,
} from "./period";

const now = new Date("2026-12-03T08:00:00Z");

describe("dashboard period", () => {
  it("defaults to the last 12 months up to this month", () => {
    expect(parseDashboardParams({}, now)).toEqual({
      from: "2026-01",
      to: "2026-12",
      service: undefined,
      similarity: 0.5,
      tz: "UTC",
    });
  });

  it("reads the URL, swaps a reversed period, caps it at 36 months and ignores bad values", () => {
    expect(
      parseDashboardParams(
        { from: "2026-06", to: "2026-03", service: "api", similarity: "0.7", tz: "Europe/Berlin" },
        now,
      ),
    ).toEqual({
      from: "2026-03",
      to: "2026-06",
      service: "api",
      similarity: 0.7,
      tz: "Europe/Berlin",
    });
    expect(parseDashboardParams({ from: "2020-01", to: "2026-12" }, now).from).toBe("2024-01");
    expect(
      parseDashboardParams({ from: "2026-13", similarity: "5", tz: "Mars/Base" }, now),
    ).toMatchObject({ from: "2026-01", similarity: 0.5, tz: "UTC" });
  });

  it("lists months across a year end and shifts months", () => {
    expect(monthsBetween("2026-11", "2027-02")).toEqual([
      "2026-11",
      "2026-12",
      "2027-01",
      "2027-02",
    ]);
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(monthsBetween("2026-05", "2026-05")).toEqual(["2026-05"]);
  });

  it("puts an incident in the month of the viewer's zone, around the DST change", () => {
    // 31 March 2026 22:30 UTC is 1 April 00:30 in Berlin (summer time since 29 March).
    expect(monthOf(new Date("2026-03-31T22:30:00Z"), "Europe/Berlin")).toBe("2026-04");
    expect(monthOf(new Date("2026-03-31T22:30:00Z"), "UTC")).toBe("2026-03");
    // March in Berlin starts at 23:00 UTC on 28 Feb (winter time) and ends at 22:00 UTC on 31 March (summer time).
    expect(periodBounds("2026-03", "2026-03", "Europe/Berlin")).toEqual({
      start: new Date("2026-02-28T23:00:00Z"),
      end: new Date("2026-03-31T22:00:00Z"),
    });
  });

  it("measures a duration across the DST change in real time (one hour, not two)", () => {
    // 01:30 CET → 03:30 CEST on 29 March 2026 is one hour.
    const d = incidentDurations({
      startedAt: new Date("2026-03-29T00:30:00Z"),
      detectedAt: null,
      acknowledgedAt: null,
      mitigatedAt: null,
      resolvedAt: new Date("2026-03-29T01:30:00Z"),
    });
    expect(d).toMatchObject({
      toDetect: null,
      toAcknowledge: null,
      toMitigate: null,
      toResolve: 3_600_000,
    });
  });

  it("writes the view into a shareable query string", () => {
    expect(
      dashboardQuery({
        from: "2026-01",
        to: "2026-06",
        service: "api",
        similarity: 0.5,
        tz: "UTC",
      }),
    ).toBe("from=2026-01&to=2026-06&service=api");
    expect(
      dashboardQuery(
        { from: "2026-01", to: "2026-06", similarity: 0.6, tz: "Europe/Berlin" },
        { chart: "severity" },
      ),
    ).toBe("from=2026-01&to=2026-06&similarity=0.6&tz=Europe%2FBerlin&chart=severity");
  });
});
