// Scale bench rows for issue 11: search, the dashboard for a year and "this happened before",
// at 1k and 100k incidents, plus the query plans of their SQL and the sizes of their indexes.
//
// The bulk seed gives every incident the same three 5 Whys statements; real teams write
// varied causes, and identical text would make every root cause "similar" to every other one
// (a worst case no team has). So this seed rewrites the root-cause statements from a
// vocabulary of 30 × 20 × 10 phrases (deterministic by id) and writes the published report
// text that publishing stores for search (ReportSectionText; the seed runs with triggers off,
// so the columns they keep are written here).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { parseDashboardParams, addMonths, monthOf } from "../../../../lib/metrics/period";
import { dashboardSql } from "../../../../lib/metrics/sql";
import { composeReport } from "../../../../lib/reports/snapshot";
import { sampleSource } from "../../../../lib/reports/test-fixtures";
import { reportSearchSections } from "../../../../lib/search/report-text";
import { searchParamsSchema } from "../../../../lib/search/schema";
import { correctWith, searchSql, similarSql, vocabularySql } from "../../../../lib/search/sql";
import { correctableWords, type VocabularyMatch } from "../../../../lib/search/typos";
import type { ScaleExtension } from "../extensions";

const SUBJECTS = [
  "The connection pool",
  "The retry policy",
  "The cache eviction job",
  "The deploy pipeline",
  "The DNS resolver",
  "The TLS certificate renewal",
  "The payment provider client",
  "The search index rebuild",
  "The feature flag rollout",
  "The database failover",
  "The message queue consumer",
  "The rate limiter",
  "The autoscaling policy",
  "The CDN configuration",
  "The schema migration",
  "The on-call runbook",
  "The alert threshold",
  "The load balancer health check",
  "The batch export job",
  "The session store",
  "The image resizer",
  "The config reload",
  "The canary analysis",
  "The backup job",
  "The inventory sync",
  "The email relay",
  "The auth token refresh",
  "The GraphQL gateway",
  "The log shipper",
  "The billing cron",
];
const FAILURES = [
  "was never load-tested",
  "had no timeout",
  "retried without backoff",
  "ran out of memory",
  "was misconfigured after the last change",
  "had no alert",
  "was skipped in review",
  "leaked connections",
  "exhausted its disk",
  "used a stale certificate",
  "was not documented",
  "blocked on a lock",
  "had a race condition",
  "was sized for last year's traffic",
  "ignored error responses",
  "silently dropped messages",
  "was rolled out to all regions at once",
  "had a hard-coded limit",
  "depended on a single zone",
  "was owned by nobody",
];
const CONDITIONS = [
  "under peak traffic",
  "during the failover",
  "after the holiday sale",
  "when the primary lagged",
  "during a deploy",
  "at month end",
  "after a config change",
  "when a region went down",
  "during the nightly batch",
  "under retry storms",
];
const CATEGORIES = [
  "PROCESS",
  "TOOLING",
  "MONITORING",
  "TESTING",
  "CHANGE_MANAGEMENT",
  "CAPACITY",
  "DEPENDENCY",
  "COMMUNICATION",
  "KNOWLEDGE",
  "OTHER",
];

const TYPED_CAUSE = "The connection pool was never load-tested under peak traffic";
/** Two typos: search corrects them from the team's vocabulary to "payment timeouts". */
const TYPO_QUERY = "paymnt timeuts";
const INDEXES = [
  "Incident_teamId_search_idx",
  "Incident_teamId_title_idx",
  "TimelineEvent_teamId_search_idx",
  "WhyNode_teamId_search_idx",
  "WhyNode_team_statement_idx",
  "ActionItem_teamId_search_idx",
  "ReportSectionText_teamId_search_idx",
  // The team's vocabulary (typos and partial words in search).
  "SearchWord_team_word_idx",
  "SearchWord_pkey",
  // The recency orders search's window reads the newest matches in (lib/search/schema.ts
  // SEARCH_WINDOW; incidents use their list's (teamId, startedAt) index).
  "TimelineEvent_teamId_occurredAt_idx",
  "ReportSectionText_teamId_newest_publishedAt_idx",
  // The service filter of the dashboard and search.
  "Incident_teamId_services_idx",
];

function yearParams(now = new Date()) {
  const to = monthOf(now, "UTC");
  return parseDashboardParams({ from: addMonths(to, -11), to }, now);
}

const extension: ScaleExtension = {
  name: "learning",

  async seed(c) {
    await c.query(
      `UPDATE "WhyNode" w SET statement = ($1::text[])[1 + abs(hashtext(w.id)) % 30] || ' ' || ($2::text[])[1 + abs(hashtext(w.id || 'f')) % 20] || ' ' || ($3::text[])[1 + abs(hashtext(w.id || 'c')) % 10],
         category = ($4::text[])[1 + abs(hashtext(w.id || 'k')) % 10]::"RootCauseCategory"
       WHERE w."isRootCause"`,
      [SUBJECTS, FAILURES, CONDITIONS, CATEGORIES],
    );
    // What publishing writes: each section's text, here the sample report's with this incident's words.
    const sections = reportSearchSections(
      composeReport({
        ...sampleSource(),
        publication: { number: 1, publishedAt: new Date(), publishedBy: "Bench" },
      }),
    );
    await c.query(
      `INSERT INTO "ReportSectionText" (id, "reportVersionId", "teamId", "incidentId", newest, position, key, title, body)
       SELECT v.id || '_s' || s.position, v.id, i."teamId", i.id,
         NOT EXISTS (SELECT 1 FROM "ReportVersion" v2 WHERE v2."reportId" = v."reportId" AND v2.number > v.number),
         s.position, s.key, s.title, s.body || ' ' || i.title || '. ' || i.summary
       FROM "ReportVersion" v JOIN "Report" r ON r.id = v."reportId" JOIN "Incident" i ON i.id = r."incidentId",
         unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS s(position, key, title, body)
       ON CONFLICT DO NOTHING`,
      [
        sections.map((s) => s.position),
        sections.map((s) => s.key),
        sections.map((s) => s.title),
        sections.map((s) => s.body),
      ],
    );
  },

  pages(seed) {
    const year = yearParams();
    const incident = seed.sampleIncidentId;
    return [
      { label: "search: checkout", path: "/search?q=checkout", as: "owner" },
      {
        label: 'search: "dependency was degraded" (phrase)',
        path: "/search?q=%22dependency+was+degraded%22",
        as: "owner",
      },
      {
        label: `search: ${TYPO_QUERY} (typos)`,
        path: `/search?q=${encodeURIComponent(TYPO_QUERY)}`,
        as: "owner",
      },
      {
        label: "search: load-tested + SEV1 + service",
        path: "/search?q=load-tested&severity=SEV1&service=checkout",
        as: "owner",
      },
      {
        label: "portal search: checkout (1,000 reports)",
        path: "/portal?q=checkout",
        as: "reader",
      },
      { label: "insights: a year", path: `/insights?from=${year.from}&to=${year.to}`, as: "owner" },
      {
        label: "insights: a year, one service",
        path: `/insights?from=${year.from}&to=${year.to}&service=checkout`,
        as: "owner",
      },
      {
        label: "similar: incident's title and causes",
        path: `/api/incidents/${incident}/similar`,
        as: "owner",
      },
      {
        label: "similar: cause being typed",
        path: `/api/incidents/${incident}/similar?text=${encodeURIComponent(TYPED_CAUSE)}`,
        as: "owner",
      },
    ];
  },

  async measure(ctx) {
    const c = new pg.Client({ connectionString: ctx.databaseUrl });
    await c.connect();
    const rows: { label: string; value: string }[] = [];
    const plans: string[] = [
      "# Query plans of the learning queries at 100k incidents (team 1)",
      "",
      `Written by scripts/bench/scale/extensions/learning.ts on ${new Date().toISOString()}.`,
      "",
    ];
    try {
      const teamId = ctx.seed.team.teamId;
      const year = yearParams();
      const self = await c.query<{ title: string; services: string[]; statements: string[] }>(
        `SELECT i.title, i.services, ARRAY(SELECT statement FROM "WhyNode" w WHERE w."incidentId" = i.id AND w."isRootCause") AS statements FROM "Incident" i WHERE i.id = $1`,
        [ctx.seed.sampleIncidentId],
      );
      // Search corrects typos from the team's vocabulary first (lib/search/data.ts searchTeam).
      const vocabulary = vocabularySql(teamId, correctableWords(TYPO_QUERY));
      const corrected = await correctWith(teamId, TYPO_QUERY, async (sql) => {
        return (await c.query<VocabularyMatch>(sql.text, sql.values)).rows;
      });
      const queries = [
        {
          label: "search 'checkout'",
          sql: searchSql(teamId, searchParamsSchema.parse({ q: "checkout" })),
        },
        { label: `vocabulary of '${TYPO_QUERY}'`, sql: vocabulary },
        {
          label: `search '${TYPO_QUERY}' (corrected: '${corrected}')`,
          sql: searchSql(teamId, searchParamsSchema.parse({ q: TYPO_QUERY }), corrected),
        },
        {
          label: `search '"dependency was degraded"' (a phrase in every incident and report)`,
          sql: searchSql(teamId, searchParamsSchema.parse({ q: '"dependency was degraded"' })),
        },
        {
          label: "dashboard: every figure in one statement (a year)",
          sql: dashboardSql(teamId, year, new Date()),
        },
        {
          label: "dashboard: every figure in one statement (a year, one service)",
          sql: dashboardSql(teamId, { ...year, service: "checkout" }, new Date()),
        },
        {
          label: "similar incidents (title + causes)",
          sql: similarSql(teamId, {
            id: ctx.seed.sampleIncidentId,
            title: self.rows[0]!.title,
            statements: self.rows[0]!.statements,
            services: self.rows[0]!.services,
          }),
        },
        {
          label: "similar incidents (cause being typed)",
          sql: similarSql(teamId, {
            id: ctx.seed.sampleIncidentId,
            title: null,
            statements: [TYPED_CAUSE],
            services: self.rows[0]!.services,
          }),
        },
      ];
      for (const q of queries) {
        // The trigram statements set their threshold themselves (lib/metrics/sql.ts trigramThresholdCte).
        await c.query("BEGIN");
        const plan = (
          await c.query<{ "QUERY PLAN": string }>(
            `EXPLAIN (ANALYZE, BUFFERS) ${q.sql.text}`,
            q.sql.values as unknown[],
          )
        ).rows.map((r) => r["QUERY PLAN"]);
        await c.query("ROLLBACK");
        const used = [
          ...new Set(
            plan.join("\n").match(/"?[A-Za-z]+_[A-Za-z]+(_[A-Za-z]+)*_idx"?|[A-Za-z]+_pkey/g) ?? [],
          ),
        ].map((s) => s.replace(/"/g, ""));
        const time =
          plan.find((l) => l.startsWith("Execution Time"))?.replace("Execution Time: ", "") ?? "?";
        rows.push({
          label: `plan: ${q.label}`,
          value: `${time}; indexes: ${used.join(", ") || "none"}`,
        });
        plans.push(`## ${q.label}`, "", "```", ...plan, "```", "");
      }
      const sizes = await c.query<{ name: string; size: string; bytes: string }>(
        `SELECT c.relname AS name, pg_size_pretty(pg_relation_size(c.oid)) AS size, pg_relation_size(c.oid) AS bytes FROM pg_class c WHERE c.relname = ANY($1) ORDER BY c.relname`,
        [INDEXES],
      );
      const total = sizes.rows.reduce((s, r) => s + Number(r.bytes), 0);
      rows.push({
        label: "learning index sizes (100k)",
        value: `${sizes.rows.map((r) => `${r.name} ${r.size}`).join(", ")}; total ${(total / 2 ** 20).toFixed(1)} MB`,
      });
      const dir = path.resolve(import.meta.dirname, "../../../../docs/benchmarks");
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "learning-plans.md"), plans.join("\n"));
    } finally {
      await c.end();
    }
    return rows;
  },
};

export default extension;
