import { beforeAll, describe, expect, it } from "vitest";
import { mintTeamScope } from "@/lib/auth/scope";
import { createTeamWithMembers, testDb } from "@/test/factory";
import { getHomeData, listIncidents } from "./data";
import { incidentListFiltersSchema } from "./schema";

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
let otherTeamId: string;
const sev = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;

beforeAll(async () => {
  t = await createTeamWithMembers("List");
  const other = await createTeamWithMembers("Other");
  otherTeamId = other.team.id;
  // 30 incidents, one a day from 1 Jan, with two sharing a start time to exercise the id tie-break.
  await testDb.incident.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({
      teamId: t.team.id,
      number: i + 1,
      title: `Incident ${i + 1}`,
      severity: sev[i % 4],
      status: i % 3 === 0 ? ("RESOLVED" as const) : ("INVESTIGATING" as const),
      resolvedAt: i % 3 === 0 ? new Date(Date.UTC(2026, 0, 1 + Math.min(i, 28), 12)) : null,
      startedAt: new Date(Date.UTC(2026, 0, 1 + Math.min(i, 28), 10)),
      services: i % 2 ? ["api"] : ["db"],
      tags: [],
      createdById: t.owner.id,
    })),
  });
  await testDb.incident.create({
    data: {
      teamId: otherTeamId,
      number: 1,
      title: "Not yours",
      severity: "SEV1",
      startedAt: new Date(),
      services: ["api"],
      tags: [],
      createdById: other.owner.id,
    },
  });
});

const filters = (raw: Record<string, string | undefined>) => incidentListFiltersSchema.parse(raw);

async function allPages(raw: Record<string, string | undefined>, pageSize: number) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await listIncidents(
      mintTeamScope(t.team.id),
      filters({ ...raw, cursor }),
      pageSize,
    );
    seen.push(...page.rows.map((r) => r.title));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return seen;
}

describe("listIncidents", () => {
  it("pages through everything exactly once, newest first, with only this team's rows", async () => {
    const titles = await allPages({}, 7);
    expect(titles).toHaveLength(30);
    expect(new Set(titles).size).toBe(30);
    expect(titles).not.toContain("Not yours");
    expect(titles[0]).toMatch(/Incident (29|30)/);
  });

  it("pages oldest first and by severity without gaps", async () => {
    const oldest = await allPages({ sort: "oldest" }, 4);
    expect(oldest.slice(0, 2)).toEqual(["Incident 1", "Incident 2"]);
    expect(new Set(oldest).size).toBe(30);
    const bySeverity = await allPages({ sort: "severity" }, 5);
    expect(new Set(bySeverity).size).toBe(30);
    const rows = await testDb.incident.findMany({
      where: { teamId: t.team.id },
      select: { title: true, severity: true },
    });
    const sevOf = new Map(rows.map((r) => [r.title, r.severity]));
    const order = bySeverity.map((title) => sevOf.get(title)!);
    expect(order).toEqual([...order].sort());
  });

  it("filters by status, severity, service and date range", async () => {
    const { rows } = await listIncidents(
      mintTeamScope(t.team.id),
      filters({
        status: "RESOLVED",
        severity: "SEV1",
        service: "db",
        from: "2026-01-01",
        to: "2026-01-13",
      }),
    );
    // i = 0 and 12 are resolved, SEV1 and on "db"; i = 24 is outside the range.
    expect(rows.map((r) => r.title).sort()).toEqual(["Incident 1", "Incident 13"]);
  });

  it("starts again from the top on a malformed cursor", async () => {
    const { rows } = await listIncidents(
      mintTeamScope(t.team.id),
      filters({ cursor: "garbage" }),
      3,
    );
    expect(rows).toHaveLength(3);
  });
});

describe("getHomeData", () => {
  it("lists open incidents, most severe first, and no other team's", async () => {
    const { open, reports } = await getHomeData(mintTeamScope(t.team.id));
    expect(open.every((i) => i.status !== "RESOLVED")).toBe(true);
    expect(open[0].severity).toBe("SEV1");
    expect(open.map((i) => i.title)).not.toContain("Not yours");
    expect(reports).toEqual([]);
  });
});
