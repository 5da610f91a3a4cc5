// The learning queries (search, similar incidents, the dashboard's recurring causes) read their
// team's part of the text indexes. In a database of its own (created, migrated and dropped
// here): 4 teams × 1,500 incidents from the scale bench's generator, root causes rewritten from
// its vocabulary (scripts/bench/scale/extensions/learning.ts), VACUUM ANALYZE; then EXPLAIN of
// the exact statements the app runs. A plan that scans a table sequentially or uses a text
// index without the team in its condition reads every team's rows: at 100k incidents (20 teams)
// that made /insights time out (HTTP 500).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, withDatabaseName } from "../../scripts/db/admin";
import { migrateDeploy } from "../../scripts/db/migrate";
import learning from "../../scripts/bench/scale/extensions/learning";
import { seedBulk, type BulkSeed } from "../../scripts/bench/scale/seed";
import { addMonths, monthOf, parseDashboardParams } from "@/lib/metrics/period";
import {
  durationsSql,
  recurringPairsSql,
  RECURRING_PAIRS_MAX,
  whysHealthSql,
} from "@/lib/metrics/sql";
import { searchParamsSchema } from "./schema";
import { searchSql, similarSql } from "./sql";

const url = withDatabaseName(
  process.env.DATABASE_URL!,
  `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_learning_plans`,
);
let c: pg.Client;
let seed: BulkSeed;
const teamId = "team_1";
const BIG_TABLES =
  /Seq Scan on "?(Incident|ActionItem|TimelineEvent|WhyNode|ReportSectionText)"?\b/;

async function planOf(sql: { text: string; values: unknown[] }): Promise<string> {
  const { rows } = await c.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql.text}`, sql.values);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

function year() {
  const to = monthOf(new Date(), "UTC");
  return parseDashboardParams({ from: addMonths(to, -11), to }, new Date());
}

beforeAll(async () => {
  await adminQuery(url, `CREATE DATABASE "${new URL(url).pathname.slice(1)}"`);
  await migrateDeploy(url, true);
  c = new pg.Client({ connectionString: url });
  await c.connect();
  seed = await seedBulk(c, { teams: 4, incidentsPerTeam: 1500 });
  await learning.seed!(c, { size: "large", seed });
  await c.query("VACUUM ANALYZE");
}, 300_000);

afterAll(async () => {
  await c?.end();
  await adminQuery(url, `DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
}, 60_000);

describe("learning queries read their team's part of the text indexes", () => {
  it("every row carries its team (copied by the trigger), also for rows inserted without it", async () => {
    const missing = await c.query(`SELECT
      (SELECT count(*) FROM "TimelineEvent" e JOIN "Incident" i ON i.id = e."incidentId" WHERE e."teamId" IS DISTINCT FROM i."teamId")::int AS events,
      (SELECT count(*) FROM "WhyNode" w JOIN "Incident" i ON i.id = w."incidentId" WHERE w."teamId" IS DISTINCT FROM i."teamId")::int AS whys`);
    expect(missing.rows[0]).toEqual({ events: 0, whys: 0 });
    const inserted = await c.query<{ teamId: string }>(
      `INSERT INTO "WhyNode" (id, "incidentId", statement, "updatedAt") VALUES ('plan_w', $1, 'Inserted without a team', now()) RETURNING "teamId"`,
      [seed.sampleIncidentId],
    );
    expect(inserted.rows[0]!.teamId).toBe(teamId);
    await c.query(`DELETE FROM "WhyNode" WHERE id = 'plan_w'`);
  });

  it("search: each record type through its team-leading index; with filters, no table scanned whole", async () => {
    for (const params of [{ q: "checkout" }, { q: "paymnt timeuts" }]) {
      const plan = await planOf(searchSql(teamId, searchParamsSchema.parse(params)));
      expect(plan, JSON.stringify(params)).not.toMatch(BIG_TABLES);
      for (const index of [
        "Incident_teamId_search_idx",
        "TimelineEvent_teamId_search_idx",
        "WhyNode_teamId_search_idx",
        "ActionItem_teamId_search_idx",
        "ReportSectionText_teamId_search_idx",
      ]) {
        expect(plan, `${JSON.stringify(params)} uses ${index}`).toContain(index);
      }
      expect(plan).toMatch(/Index Cond: \(\("teamId" = 'team_1'::text\) AND \(search @@/);
    }
    // With selective incident filters the planner may start from the incidents instead (their
    // (teamId, severity, startedAt) index): still no scan of a whole table.
    const filtered = await planOf(
      searchSql(
        teamId,
        searchParamsSchema.parse({ q: "load-tested", severity: "SEV1", service: "checkout" }),
      ),
    );
    expect(filtered).not.toMatch(BIG_TABLES);
  });

  it("similar incidents: titles and statements through the team's GiST trigram indexes", async () => {
    const plan = await planOf(
      similarSql(teamId, {
        id: seed.sampleIncidentId,
        title: "Checkout errors #12",
        statements: ["The connection pool was never load-tested under peak traffic"],
        services: ["checkout"],
      }),
    );
    expect(plan).not.toMatch(BIG_TABLES);
    expect(plan).toMatch(
      /Index Scan on "Incident_teamId_title_idx"[\s\S]*Index Cond: \(\("teamId" = 'team_1'::text\) AND \(title %/,
    );
    expect(plan).toMatch(
      /Index Scan on "WhyNode_teamId_statement_idx"[\s\S]*Index Cond: \(\("teamId" = 'team_1'::text\) AND \(statement %/,
    );
  });

  it("dashboard: durations and 5 Whys health through indexes; recurring causes per incident, then the team's statement index", async () => {
    const durations = await planOf(durationsSql(teamId, year()));
    expect(durations).not.toMatch(BIG_TABLES);
    // Root causes without a countermeasure: one index probe per root cause, not a scan of
    // every action item per root cause (that took /insights past the statement timeout at 100k).
    const whys = await planOf(whysHealthSql(teamId, year()));
    expect(whys).not.toMatch(BIG_TABLES);
    expect(whys).toContain("ActionItem_whyNodeId_idx");
    const recurring = await planOf(recurringPairsSql(teamId, year()));
    expect(recurring).not.toMatch(BIG_TABLES);
    expect(recurring).toContain("Incident_teamId_startedAt_id_idx");
    expect(recurring).toContain("WhyNode_incidentId_parentId_position_idx");
    expect(recurring).toMatch(
      /Index Cond: \(\("teamId" = 'team_1'::text\) AND \(statement % rc\.statement\)\)/,
    );
    // Nothing sorts the period's root causes: reading stops at the pair limit.
    expect(recurring).not.toMatch(/Sort\b/);
  });

  it("recurring causes: the threshold set inside the statement holds (no transaction around it), pairs stay in the team", async () => {
    const run = async (similarity: number) => {
      const p = { ...year(), similarity };
      const sql = recurringPairsSql(teamId, p);
      const { rows } = await c.query<{ a: string; b: string; similarity: number }>(
        sql.text,
        sql.values,
      );
      return rows;
    };
    const loose = await run(0.5);
    const strict = await run(0.9);
    expect(loose.length).toBeGreaterThan(0);
    expect(loose.length).toBeLessThanOrEqual(RECURRING_PAIRS_MAX);
    expect(loose.every((r) => r.similarity >= 0.5)).toBe(true);
    expect(strict.every((r) => r.similarity >= 0.9)).toBe(true);
    expect(strict.length).toBeLessThan(loose.length);
    const teams = await c.query<{ team: string }>(
      `SELECT DISTINCT i."teamId" AS team FROM "WhyNode" w JOIN "Incident" i ON i.id = w."incidentId" WHERE w.id = ANY($1)`,
      [[...new Set(loose.flatMap((r) => [r.a, r.b]))]],
    );
    expect(teams.rows).toEqual([{ team: teamId }]);
    // The session's own setting is untouched afterwards.
    expect(
      (await c.query(`SELECT current_setting('pg_trgm.similarity_threshold') AS t`)).rows[0].t,
    ).toBe("0.3");
  });
});
