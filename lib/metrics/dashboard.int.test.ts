// The dashboard's SQL against a small fixed data set, with every figure worked out by hand,
// and the similarity query behind recurring root causes.
import { beforeAll, describe, expect, it } from "vitest";
import { mintTeamScope } from "@/lib/auth/scope";
import { incidentDurations } from "@/lib/incidents/lifecycle";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { dashboardTables, durationSeries, reportSummary } from "./dashboard";
import { loadDashboard } from "./dashboard-data";
import { parseDashboardParams } from "./period";
import { summarize } from "./stats";

const now = new Date("2026-06-15T12:00:00Z");
const min = 60_000;
let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
const at = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * min);

async function incident(
  title: string,
  startedAt: string,
  o: {
    severity?: "SEV1" | "SEV2" | "SEV3";
    services?: string[];
    detect?: number;
    ack?: number;
    mitigate?: number;
    resolve?: number;
  },
) {
  const inc = await createIncident(t.team.id, t.owner.id, {
    title,
    startedAt: new Date(startedAt),
  });
  return testDb.incident.update({
    where: { id: inc.id },
    data: {
      severity: o.severity ?? "SEV2",
      services: o.services ?? ["api"],
      status: o.resolve === undefined ? "INVESTIGATING" : "RESOLVED",
      detectedAt: o.detect === undefined ? null : at(startedAt, o.detect),
      acknowledgedAt: o.ack === undefined ? null : at(startedAt, o.ack),
      mitigatedAt: o.mitigate === undefined ? null : at(startedAt, o.mitigate),
      resolvedAt: o.resolve === undefined ? null : at(startedAt, o.resolve),
    },
  });
}

let march1: { id: string };
let march2: { id: string };
let april: { id: string };

beforeAll(async () => {
  t = await createTeamWithMembers("Metrics");
  // March: two resolved incidents and one still open (no resolve time, no detect time).
  march1 = await incident("Database connection pool exhausted", "2026-03-02T10:00:00Z", {
    severity: "SEV1",
    services: ["api", "db"],
    detect: 10,
    ack: 15,
    mitigate: 40,
    resolve: 60,
  });
  march2 = await incident("Checkout errors", "2026-03-20T10:00:00Z", {
    detect: 30,
    ack: 35,
    mitigate: 50,
    resolve: 120,
  });
  await incident("Slow search", "2026-03-25T10:00:00Z", { severity: "SEV3", ack: 5 });
  // 31 March 23:30 UTC: still March in UTC, April in Berlin.
  april = await incident("Database connection pool exhausted again", "2026-03-31T23:30:00Z", {
    detect: 20,
    resolve: 90,
  });
  // Outside the period (and another team's incident) never count.
  await incident("Old", "2025-12-31T10:00:00Z", { resolve: 5 });
  const other = await createTeamWithMembers("Metrics other");
  await createIncident(other.team.id, other.owner.id, {
    title: "Other team",
    startedAt: new Date("2026-03-10T10:00:00Z"),
  });

  // Reports: march1 published 2 h after resolution (and a later version that does not count).
  const r1 = await testDb.report.create({ data: { incidentId: march1.id, status: "PUBLISHED" } });
  await testDb.reportVersion.create({
    data: {
      reportId: r1.id,
      number: 1,
      snapshot: {},
      title: "v1",
      publishedById: t.owner.id,
      publishedAt: at("2026-03-02T10:00:00Z", 60 + 120),
    },
  });
  await testDb.reportVersion.create({
    data: {
      reportId: r1.id,
      number: 2,
      snapshot: {},
      title: "v2",
      publishedById: t.owner.id,
      publishedAt: at("2026-03-02T10:00:00Z", 60 + 999),
    },
  });

  // 5 Whys: march1 reaches a root cause with a countermeasure done before "april" started;
  // april's root cause says the same thing (it came back); march2 has a tree without a root cause.
  const rc1 = await testDb.whyNode.create({
    data: {
      incidentId: march1.id,
      statement: "Connection pool too small for the failover traffic",
      isRootCause: true,
      category: "CAPACITY",
    },
  });
  await testDb.whyNode.create({
    data: { incidentId: march2.id, statement: "Payment provider timed out" },
  });
  await testDb.whyNode.create({
    data: {
      incidentId: april.id,
      statement: "Connection pool too small for failover traffic",
      isRootCause: true,
      category: "CAPACITY",
    },
  });
  const created = new Date("2026-03-03T10:00:00Z");
  await testDb.actionItem.create({
    data: {
      teamId: t.team.id,
      incidentId: march1.id,
      whyNodeId: rc1.id,
      title: "Raise the pool size",
      priority: "P1",
      ownerId: t.editor.id,
      status: "DONE",
      dueDate: new Date("2026-03-10T00:00:00Z"),
      createdAt: created,
      completedAt: new Date("2026-03-05T10:00:00Z"),
    },
  });
  await testDb.actionItem.create({
    data: {
      teamId: t.team.id,
      incidentId: march1.id,
      title: "Alert on pool saturation",
      priority: "P1",
      ownerId: t.editor.id,
      status: "DONE",
      dueDate: new Date("2026-03-04T00:00:00Z"),
      createdAt: created,
      completedAt: new Date("2026-03-07T10:00:00Z"),
    },
  });
  await testDb.actionItem.create({
    data: {
      teamId: t.team.id,
      incidentId: march2.id,
      title: "Retry payments",
      priority: "P2",
      status: "OPEN",
      dueDate: new Date("2026-04-01T00:00:00Z"),
    },
  });
  await testDb.actionItem.create({
    data: {
      teamId: t.team.id,
      incidentId: march2.id,
      title: "Document the timeout",
      priority: "P2",
      status: "IN_PROGRESS",
      dueDate: new Date("2026-07-01T00:00:00Z"),
    },
  });
});

describe("loadDashboard", () => {
  const params = (over: Record<string, string> = {}) =>
    parseDashboardParams({ from: "2026-02", to: "2026-04", ...over }, now);

  it("counts incidents by severity and service per month, with empty months at zero", async () => {
    const { aggregates, ownerNames } = await loadDashboard(mintTeamScope(t.team.id), params(), now);
    const tables = dashboardTables(aggregates, ownerNames);
    expect(tables.severity.rows).toEqual([
      ["2026-02", 0, 0, 0, 0, 0],
      ["2026-03", 1, 2, 1, 0, 4],
      ["2026-04", 0, 0, 0, 0, 0],
    ]);
    expect(tables.services.columns).toEqual(["Month", "api", "db"]);
    expect(tables.services.rows).toEqual([
      ["2026-02", 0, 0],
      ["2026-03", 4, 1],
      ["2026-04", 0, 0],
    ]);
  });

  it("buckets by the viewer's month: the 23:30 UTC incident is April in Berlin", async () => {
    const { aggregates } = await loadDashboard(
      mintTeamScope(t.team.id),
      params({ tz: "Europe/Berlin" }),
      now,
    );
    expect(aggregates.bySeverity.filter((r) => r.month === "2026-04")).toEqual([
      { month: "2026-04", key: "SEV2", count: 1 },
    ]);
  });

  it("computes mean, median and p90 of each duration per month, leaving out missing times", async () => {
    const { aggregates } = await loadDashboard(mintTeamScope(t.team.id), params(), now);
    const march = (m: "detect" | "acknowledge" | "mitigate" | "resolve") =>
      durationSeries(["2026-03"], aggregates.durations, m)[0];
    // detect: 10, 30, 20 min (the open incident has none): mean 20, median 20, p90 = 20 + 0.8·10 = 28.
    expect(march("detect")).toEqual({
      month: "2026-03",
      count: 3,
      mean: 20 * min,
      median: 20 * min,
      p90: 28 * min,
    });
    // acknowledge counts from detection (15 − 10, 35 − 30), or from the start when undetected (5): 5, 5, 5.
    expect(march("acknowledge")).toEqual({
      month: "2026-03",
      count: 3,
      mean: 5 * min,
      median: 5 * min,
      p90: 5 * min,
    });
    // resolve: 60, 120, 90: mean 90, median 90, p90 = 90 + 0.8·30 = 114.
    expect(march("resolve")).toEqual({
      month: "2026-03",
      count: 3,
      mean: 90 * min,
      median: 90 * min,
      p90: 114 * min,
    });
    expect(durationSeries(["2026-02"], aggregates.durations, "resolve")[0]).toEqual({
      month: "2026-02",
      count: 0,
      mean: null,
      median: null,
      p90: null,
    });
  });

  it("uses the one duration rule: SQL agrees with incidentDurations + summarize for every measure", async () => {
    const rows = await testDb.incident.findMany({
      where: {
        teamId: t.team.id,
        startedAt: { gte: new Date("2026-03-01T00:00:00Z"), lt: new Date("2026-04-01T00:00:00Z") },
      },
    });
    const { aggregates } = await loadDashboard(mintTeamScope(t.team.id), params(), now);
    const pairs = [
      ["detect", "toDetect"],
      ["acknowledge", "toAcknowledge"],
      ["mitigate", "toMitigate"],
      ["resolve", "toResolve"],
    ] as const;
    for (const [measure, key] of pairs) {
      const pure = summarize(rows.map((r) => incidentDurations(r)[key]));
      const sql = durationSeries(["2026-03"], aggregates.durations, measure)[0]!;
      expect({ count: sql.count, mean: sql.mean, median: sql.median, p90: sql.p90 }).toEqual(pure);
    }
  });

  it("measures resolution → first published report, and counts resolved incidents without one", async () => {
    const { aggregates } = await loadDashboard(mintTeamScope(t.team.id), params(), now);
    expect(reportSummary(aggregates.reports)).toEqual({
      resolved: 3,
      published: 1,
      withoutReport: 2,
      meanLagMs: 120 * min,
    });
  });

  it("sums action items by priority and owner: open, overdue, done on time, median time to complete", async () => {
    const { aggregates, ownerNames } = await loadDashboard(mintTeamScope(t.team.id), params(), now);
    const tables = dashboardTables(aggregates, ownerNames);
    // P1: both done; one by its due day (5 Mar ≤ 10 Mar), one late (7 Mar > 4 Mar) → 50 %; 2 d and 4 d → median 3 d = 4320 min.
    // P2: one open past its due day (1 Apr < 15 Jun), one in progress due later.
    expect(tables["actions-priority"].rows).toEqual([
      ["P1 · urgent", 0, 0, 2, 50, 4320],
      ["P2 · high", 2, 1, 0, null, null],
    ]);
    expect(tables["actions-owner"].rows).toEqual([
      ["Unassigned", 2, 1, 0, null, null],
      ["Metrics Editor", 0, 0, 2, 50, 4320],
    ]);
  });

  it("reports root causes by category, 5 Whys health and the cause that came back after its fix", async () => {
    const { aggregates, ownerNames } = await loadDashboard(mintTeamScope(t.team.id), params(), now);
    const tables = dashboardTables(aggregates, ownerNames);
    expect(tables.categories.rows).toEqual([
      ["2026-02", 0],
      ["2026-03", 2],
      ["2026-04", 0],
    ]);
    // 4 incidents; 2 with a tree reaching a root cause, 3 with a tree; 2 root causes, 1 without an action.
    expect(aggregates.whys).toEqual({
      incidents: 4,
      withTree: 3,
      withRootCause: 2,
      rootCauses: 2,
      rootCausesWithoutAction: 1,
    });
    expect(aggregates.recurring).toHaveLength(1);
    expect(aggregates.recurring[0]).toMatchObject({
      cameBackAfterDone: true,
      actionsDone: 1,
      actionsOpen: 0,
    });
    expect(aggregates.recurring[0]!.incidents.map((i) => i.incidentId)).toEqual([
      march1.id,
      april.id,
    ]);
    // A stricter threshold than these two statements' similarity finds no recurrence.
    const strict = await loadDashboard(
      mintTeamScope(t.team.id),
      params({ similarity: "0.95" }),
      now,
    );
    expect(strict.aggregates.recurring).toEqual([]);
  });

  it("filters by service and sees nothing of other teams", async () => {
    const { aggregates } = await loadDashboard(
      mintTeamScope(t.team.id),
      params({ service: "db" }),
      now,
    );
    expect(aggregates.bySeverity).toEqual([{ month: "2026-03", key: "SEV1", count: 1 }]);
    const other = await createTeamWithMembers("Metrics empty");
    const empty = await loadDashboard(mintTeamScope(other.team.id), params(), now);
    expect(empty.aggregates).toMatchObject({
      bySeverity: [],
      durations: [],
      reports: [],
      actions: [],
      categories: [],
      recurring: [],
    });
    expect(empty.aggregates.whys).toEqual({
      incidents: 0,
      withTree: 0,
      withRootCause: 0,
      rootCauses: 0,
      rootCausesWithoutAction: 0,
    });
  });
});
