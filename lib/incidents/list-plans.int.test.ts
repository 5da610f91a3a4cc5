// Every list query reads a bounded page through an index. The approach: in a database of its
// own (created, migrated and dropped here), seed 10,000 incidents (4 teams × 2,500, with
// timelines, 5 Whys chains, 20,000 action items and published reports: the scale bench's own
// generator), ANALYZE, then run each list function with Prisma's query log on and EXPLAIN every
// statement it sent with the same parameters. At this size the planner's choice is meaningful:
// a missing index shows up as a Seq Scan over thousands of rows (with a handful of rows
// PostgreSQL would rightly scan sequentially anyway).
import { PrismaPg } from "@prisma/adapter-pg";
import { mintTeamScope } from "@/lib/auth/scope";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import {
  countActionItems,
  listActionItemsPage,
  listIncidentsWithActions,
} from "@/lib/action-items/data";
import { parseActionFilters } from "@/lib/action-items/filters";
import { listPortalReportsPage } from "@/lib/sharing/data";
import { adminQuery, withDatabaseName } from "../../scripts/db/admin";
import { migrateDeploy } from "../../scripts/db/migrate";
import { seedBulk, SERVICES, type BulkSeed } from "../../scripts/bench/scale/seed";
import { encodeCursor } from "./cursor";
import { getHomeData, listIncidents, listTeamServices } from "./data";
import { incidentListFiltersSchema } from "./schema";

type QueryEvent = { query: string; params: string };
const g = globalThis as unknown as { prisma?: PrismaClient };
let previous: PrismaClient | undefined;
let logged: PrismaClient;
let captured: QueryEvent[] = [];
let seed: BulkSeed;
const url = withDatabaseName(
  process.env.DATABASE_URL!,
  `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_plans`,
);
let explain: pg.Client;

/** The statements `run` sends, each with its plan. */
async function plansOf(run: () => Promise<unknown>) {
  captured = [];
  await run();
  const out: { sql: string; plan: string }[] = [];
  for (const q of captured) {
    const params = JSON.parse(q.params) as unknown[];
    const { rows } = await explain.query<{ "QUERY PLAN": string }>(`EXPLAIN ${q.query}`, params);
    out.push({ sql: q.query, plan: rows.map((r) => r["QUERY PLAN"]).join("\n") });
  }
  return out;
}

async function expectIndexed(name: string, run: () => Promise<unknown>) {
  const plans = await plansOf(run);
  expect(plans.length, `${name} sent no statement`).toBeGreaterThan(0);
  for (const { sql, plan } of plans) {
    expect(plan, `${name}: ${sql}\n${plan}`).not.toMatch(/Seq Scan on "?(Incident|ActionItem)"?\b/);
  }
}

beforeAll(async () => {
  await adminQuery(url, `CREATE DATABASE "${new URL(url).pathname.slice(1)}"`);
  await migrateDeploy(url, true);
  explain = new pg.Client({ connectionString: url });
  await explain.connect();
  seed = await seedBulk(explain, { teams: 4, incidentsPerTeam: 2500 });
  // A reader holds 60 reports among grants to many other addresses (as in a real portal).
  await explain.query(
    `DELETE FROM "StakeholderGrant" WHERE id NOT IN (SELECT id FROM "StakeholderGrant" ORDER BY id LIMIT 60)`,
  );
  await explain.query(
    `INSERT INTO "StakeholderGrant" (id, "reportVersionId", email) SELECT 'g2_' || v.id, v.id, 'other' || (row_number() OVER ()) % 500 || '@example.test' FROM "ReportVersion" v`,
  );
  await explain.query("ANALYZE");
  logged = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url }),
    log: [{ emit: "event", level: "query" }],
  });
  (logged as unknown as { $on(e: "query", cb: (e: QueryEvent) => void): void }).$on("query", (e) =>
    captured.push(e),
  );
  previous = g.prisma;
  g.prisma = logged;
}, 300_000);

afterAll(async () => {
  g.prisma = previous;
  await logged?.$disconnect();
  await explain?.end();
  await adminQuery(url, `DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
}, 60_000);

describe("list queries at 10,000 incidents use indexes (no sequential scan of Incident or ActionItem)", () => {
  const teamId = "team_1";
  const incidents = (params: Record<string, string>) => () =>
    listIncidents(mintTeamScope(teamId), incidentListFiltersSchema.parse(params));

  it("incidents: every filter and sort, first page and deep", async () => {
    const deep = (
      await explain.query(
        `SELECT id, "startedAt", severity FROM "Incident" WHERE "teamId" = $1 ORDER BY "startedAt" DESC, id DESC OFFSET 1224 LIMIT 1`,
        [teamId],
      )
    ).rows[0];
    const cursor = encodeCursor({
      startedAt: deep.startedAt.toISOString(),
      id: deep.id,
      severity: deep.severity,
    });
    const cases: Record<string, string>[] = [
      {},
      { cursor },
      { sort: "oldest" },
      { sort: "oldest", cursor },
      { sort: "severity" },
      { sort: "severity", cursor },
      { status: "INVESTIGATING" },
      { status: "CLOSED", cursor },
      { severity: "SEV1" },
      { service: SERVICES[5]! },
      { from: "2025-03-01", to: "2025-04-01" },
    ];
    for (const params of cases)
      await expectIndexed(`incidents ${JSON.stringify(params)}`, incidents(params));
    await expectIndexed("service filter options", () => listTeamServices(mintTeamScope(teamId)));
    expect(await listTeamServices(mintTeamScope(teamId))).toEqual([...SERVICES].sort());
  });

  it("action items: every filter, paged", async () => {
    const now = new Date();
    const cases: Record<string, string>[] = [
      {},
      { status: "OPEN" },
      { status: "IN_PROGRESS" },
      { status: "DONE" },
      { status: "WONT_DO" },
      { status: "ALL" },
      { mine: "1" },
      { overdue: "1" },
      { owner: seed.team.memberIds[2]! },
      { owner: "none" },
      { incident: seed.sampleIncidentId },
    ];
    for (const params of cases) {
      await expectIndexed(`actions ${JSON.stringify(params)}`, () =>
        listActionItemsPage(
          mintTeamScope(teamId),
          parseActionFilters(params),
          seed.team.ownerId,
          1,
          now,
        ),
      );
    }
    await expectIndexed("actions page 3", () =>
      listActionItemsPage(mintTeamScope(teamId), parseActionFilters({}), seed.team.ownerId, 3, now),
    );
    await expectIndexed("action counts", () =>
      countActionItems(mintTeamScope(teamId), seed.team.ownerId, now),
    );
    await expectIndexed("incident filter options", () =>
      listIncidentsWithActions(mintTeamScope(teamId)),
    );
  });

  it("home page and portal", async () => {
    await expectIndexed("home", () => getHomeData(mintTeamScope(teamId)));
    const home = await getHomeData(mintTeamScope(teamId));
    expect(home.reports).toHaveLength(10);
    expect(home.reports.map((r) => r.publishedAt.getTime())).toEqual(
      home.reports.map((r) => r.publishedAt.getTime()).sort((a, b) => b - a),
    );
    await expectIndexed("portal list", () => listPortalReportsPage("reader@bench.test", 2));
    const page = await listPortalReportsPage("reader@bench.test", 1);
    expect(page.reports).toHaveLength(25);
    expect(page.reports.every((r) => r.teamName === "Bench team 1")).toBe(true);
    expect(page.hasMore).toBe(true);
  });
});
