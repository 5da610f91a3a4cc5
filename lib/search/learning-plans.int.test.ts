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
import { addMonths, monthOf, parseDashboardParams, periodBounds } from "@/lib/metrics/period";
import {
  groupRecurring,
  periodRootCauses,
  type PeriodRootCauseTuple,
} from "@/lib/metrics/recurring";
import { dashboardSql, RECURRING_INCIDENTS_MAX } from "@/lib/metrics/sql";
import { SEARCH_WINDOW, searchParamsSchema } from "./schema";
import { correctWith, searchSql, similarSql, vocabularySql } from "./sql";
import { correctableWords, type VocabularyMatch } from "./typos";
import { SIMILAR_THRESHOLD } from "./similarity";

const url = withDatabaseName(
  process.env.DATABASE_URL!,
  `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_learning_plans`,
);
let c: pg.Client;
let seed: BulkSeed;
const teamId = "team_1";
// The statements' trigram index leads with the team's key (hindsight_team_key, a one-point
// range; see the why_statement_team_key migration), not the team id.
const TEAM_KEY_COND = String.raw`Index Cond: \(\(hindsight_team_key\("teamId"\) = '\[\d+,\d+\)'::int8range\)`;
const BIG_TABLES =
  /Seq Scan on "?(Incident|ActionItem|TimelineEvent|WhyNode|ReportSectionText)"?\b/;

async function planOf(sql: { text: string; values: unknown[] }): Promise<string> {
  const { rows } = await c.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql.text}`, sql.values);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

function periodBoundsOf(p: ReturnType<typeof year>): [Date, Date] {
  const { start, end } = periodBounds(p.from, p.to, p.tz);
  return [start, end];
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
    // Typos: the vocabulary's trigram index by the team's key, nearest first; then the corrected
    // words run through the same text indexes as any words.
    const vocabulary = vocabularySql(teamId, correctableWords("paymnt timeuts"));
    expect(await planOf(vocabulary)).toMatch(
      /"SearchWord_team_word_idx"[\s\S]*Index Cond: \(hindsight_team_key\("teamId"\) = '\[\d+,\d+\)'::int8range\)\s+Order By: \(word <-> q\.word\)/,
    );
    const corrected = await correctWith(teamId, "paymnt timeuts", async (sql) => {
      return (await c.query<VocabularyMatch>(sql.text, sql.values)).rows;
    });
    expect(corrected).toBe("payment timeouts");
    for (const [params, typos] of [
      [{ q: "checkout" }, null],
      [{ q: "paymnt timeuts" }, corrected],
    ] as const) {
      const plan = await planOf(searchSql(teamId, searchParamsSchema.parse(params), typos));
      expect(plan, JSON.stringify(params)).not.toMatch(BIG_TABLES);
      // Each kind through its team-leading text index, or, for a word common enough to fill the
      // window, its recency index led by the team (the planner's choice by the numbers).
      for (const [text, recency] of [
        ["Incident_teamId_search_idx", "Incident_teamId_startedAt_id_idx"],
        ["TimelineEvent_teamId_search_idx", "TimelineEvent_teamId_occurredAt_idx"],
        ["WhyNode_teamId_search_idx", null],
        ["ActionItem_teamId_search_idx", null],
        ["ReportSectionText_teamId_search_idx", "ReportSectionText_teamId_newest_publishedAt_idx"],
      ] as const) {
        const used = plan.includes(text) || (recency !== null && plan.includes(recency));
        expect(used, `${JSON.stringify(params)} uses ${text} or ${recency}`).toBe(true);
      }
      expect(plan).toMatch(/Index Cond: \(\("teamId" = 'team_1'::text\) AND \(search @@/);
    }
    // A phrase in every incident and published report of the team (the bench's generator says
    // it in each): each kind ranks at most its newest SEARCH_WINDOW matches. Whether they are read
    // in a recency index's order or found through the text index and sorted is the planner's
    // choice by the numbers (here, 1,500 incidents a team, it sorts; at 100k, 5,000 a team, it
    // reads the newest in order: docs/benchmarks/learning-plans.md).
    const phrase = await planOf(
      searchSql(teamId, searchParamsSchema.parse({ q: '"dependency was degraded"' })),
    );
    expect(phrase).not.toMatch(BIG_TABLES);
    expect(
      phrase.match(new RegExp(`Limit  \\(cost=[\\d.]+ rows=${SEARCH_WINDOW} `, "g"))?.length,
    ).toBe(2);
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
    // Either a bitmap scan or, for a big team, the index's nearest-first order (KNN, `<->`),
    // which stops at the 20 best instead of fetching and sorting every match.
    expect(plan).toMatch(
      /Index Scan (on|using) "Incident_teamId_title_idx"[\s\S]*Index Cond: \(\("teamId" = 'team_1'::text\) AND \(title %/,
    );
    expect(plan).toMatch(
      new RegExp(
        `Index Scan (on|using) "WhyNode_team_statement_idx"[\\s\\S]*${TEAM_KEY_COND} AND \\(statement %`,
      ),
    );
  });

  it("similar incidents: each probe answers the 20 most similar titles and statements above the threshold, as a full scan ranks them", async () => {
    const title = "Checkout errors #12";
    const cause = "The connection pool was never load-tested under peak traffic";
    const sql = similarSql(teamId, {
      id: seed.sampleIncidentId,
      title,
      statements: [cause],
      services: ["checkout"],
    });
    const { rows } = await c.query<{ kind: string; similarity: number }>(sql.text, sql.values);
    // The same ranking without any index: similarity() of every row of the team.
    const naive = async (sql: string, text: string) =>
      (
        await c.query<{ s: number }>(sql, [teamId, seed.sampleIncidentId, text, SIMILAR_THRESHOLD])
      ).rows.map((r) => r.s);
    const titles = await naive(
      `SELECT similarity(title, $3)::float8 AS s FROM "Incident" WHERE "teamId" = $1 AND id <> $2 AND similarity(title, $3) >= $4 ORDER BY 1 DESC LIMIT 20`,
      title,
    );
    const causes = await naive(
      `SELECT similarity(statement, $3)::float8 AS s FROM "WhyNode" WHERE "teamId" = $1 AND "incidentId" <> $2 AND similarity(statement, $3) >= $4 ORDER BY 1 DESC LIMIT 20`,
      cause,
    );
    const of = (kind: string) =>
      rows
        .filter((r) => r.kind === kind)
        .map((r) => r.similarity)
        .sort((a, b) => b - a);
    expect(titles.length).toBeGreaterThan(0);
    expect(causes).toHaveLength(20);
    expect(of("title")).toEqual(titles);
    expect(of("cause")).toEqual(causes);
  });

  it("dashboard: every figure from the period's incidents and each incident's why nodes and action items by index, with and without a service", async () => {
    for (const p of [year(), { ...year(), service: "checkout" }]) {
      const plan = await planOf(dashboardSql(teamId, p, new Date()));
      expect(plan, p.service).not.toMatch(BIG_TABLES);
      // The period's incidents are read once (one scan of Incident for every figure).
      expect(plan.match(/ on "Incident" /g), p.service).toHaveLength(1);
      if (p.service)
        // For one service: the team's incidents of the service through the team-leading GIN
        // index (the team-less one answered every team's incidents of the service; `=
        // ANY(services)` no index at all, so the period of the team was read whole).
        expect(plan).toMatch(
          /Bitmap Index Scan on "Incident_teamId_services_idx"[^\n]*\n\s+Index Cond: \(\("teamId" = 'team_1'::text\) AND \(services @> '\{checkout\}'::text\[\]\)\)/,
        );
      // Otherwise through a team-leading index ((teamId, startedAt) at 100k; here, where the
      // whole team falls in the year, the planner may take another team-leading one).
      else
        expect(plan).toMatch(
          /(on|using) "Incident_teamId_\w+"[^\n]*\n\s+Index Cond: \(+"teamId" = 'team_1'::text/,
        );
      // Each incident's why nodes and action items by its index (joined plainly, the planner
      // scanned every team's rows in parallel workers at 100k); the root causes'
      // countermeasures come from those action items, not from a probe per root cause; no
      // trigram index (no probe of the team's history).
      expect(plan).toContain("WhyNode_incidentId_parentId_position_idx");
      expect(plan).toContain("ActionItem_incidentId_idx");
      expect(plan).not.toContain("ActionItem_whyNodeId_idx");
      expect(plan).not.toContain("WhyNode_team_statement_idx");
    }
  });

  async function periodCauses(p: ReturnType<typeof year>, limit = RECURRING_INCIDENTS_MAX) {
    const sql = dashboardSql(teamId, p, new Date(), limit);
    const { rows } = await c.query<{ rows: string }>(sql.text, sql.values);
    return periodRootCauses(JSON.parse(rows[0]!.rows) as PeriodRootCauseTuple[], limit);
  }

  it("recurring causes: every root cause of the period (and service) is compared, with pg_trgm's own similarity", async () => {
    const p = { ...year(), service: "checkout", similarity: 0.5 };
    const { causes, limited } = await periodCauses(p);
    expect(limited).toBe(false);
    // The period's and service's root causes, all of them, of this team only.
    const expected = await c.query<{ id: string }>(
      `SELECT w.id FROM "WhyNode" w JOIN "Incident" i ON i.id = w."incidentId"
       WHERE i."teamId" = $1 AND w."isRootCause" AND i.services @> '{checkout}' AND i."startedAt" >= $2 AND i."startedAt" < $3`,
      [teamId, ...periodBoundsOf(p)],
    );
    expect(causes.length).toBeGreaterThan(20);
    expect(causes.map((x) => x.id).sort()).toEqual(expected.rows.map((r) => r.id).sort());

    // The groups equal a plain "earliest cause it resembles most" pass over every pair, with
    // the similarity PostgreSQL computes (not the trigram sets' arithmetic in TypeScript).
    const sims = await c.query<{ a: string; b: string; s: number }>(
      `SELECT a.id AS a, b.id AS b, similarity(a.statement, b.statement)::float8 AS s
       FROM "WhyNode" a, "WhyNode" b WHERE a.id = ANY($1) AND b.id = ANY($1) AND a.id <> b.id`,
      [causes.map((x) => x.id)],
    );
    const sim = new Map(sims.rows.map((r) => [`${r.a} ${r.b}`, r.s]));
    const order = [...causes].sort(
      (x, y) => x.startedAt.getTime() - y.startedAt.getTime() || x.id.localeCompare(y.id),
    );
    const leaders: typeof causes = [];
    const members = new Map<string, string[]>();
    for (const x of order) {
      let best: { id: string; s: number } | null = null;
      for (const l of leaders) {
        const s = Math.fround(sim.get(`${x.id} ${l.id}`)!);
        if (l.incidentId !== x.incidentId && s >= p.similarity && (!best || s > best.s))
          best = { id: l.id, s };
      }
      if (best) members.get(best.id)!.push(x.id);
      else {
        leaders.push(x);
        members.set(x.id, [x.id]);
      }
    }
    const naive = [...members.values()]
      .filter(
        (ids) => new Set(ids.map((id) => causes.find((x) => x.id === id)!.incidentId)).size > 1,
      )
      .map((ids) => ids.join(" "))
      .sort();
    const groups = groupRecurring(causes, p.similarity);
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.map((g) => g.incidents.map((i) => i.nodeId).join(" ")).sort()).toEqual(naive);
    // Every member resembles its group's first statement at the threshold, in PostgreSQL's words.
    for (const g of groups)
      for (const m of g.incidents.slice(1))
        expect(sim.get(`${m.nodeId} ${g.incidents[0]!.nodeId}`)).toBeGreaterThanOrEqual(0.5);
  });

  it("recurring causes: a period with more incidents than the limit compares the newest, and says so", async () => {
    const p = year();
    const all = await periodCauses(p);
    const cut = await periodCauses(p, 50);
    expect(all.incidents).toBeGreaterThan(50);
    expect(cut).toMatchObject({ incidents: 50, limited: true });
    // The root causes of the 50 newest incidents, no more, no fewer.
    const newest = await c.query<{ id: string }>(
      `SELECT w.id FROM (SELECT id FROM "Incident" WHERE "teamId" = $1 AND "startedAt" >= $2 AND "startedAt" < $3
         ORDER BY "startedAt" DESC, id DESC LIMIT 50) i JOIN "WhyNode" w ON w."incidentId" = i.id AND w."isRootCause"`,
      [teamId, ...periodBoundsOf(p)],
    );
    expect(cut.causes.map((x) => x.id).sort()).toEqual(newest.rows.map((r) => r.id).sort());
  });
});
