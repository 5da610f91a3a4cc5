// Scale bench rows for the integrations (issue 10) on the 100k server: alert ingestion and REST
// API create throughput, 10 concurrent keep-alive clients each. Every request opens a new
// incident (a new alert id, or a new POST), so both measure the whole write path: token check,
// audit row, incident number from the team's sequence, and (for alerts) matching by fingerprint.
// The per-token API rate limit is raised for the bench server (API_RATE_BURST /
// API_RATE_PER_SECOND in scale.bench.ts), as in scripts/bench/integrations.bench.ts.
import { createHash } from "node:crypto";
import pg from "pg";
import type { ScaleExtension } from "../extensions";

const CONCURRENCY = 10;
const SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 5);
const API_TOKEN = "hs_scale_bench_token";
const ALERT_TOKEN = "hsa_scale_bench_token";
const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;

/** `clients` loops sending requests for `seconds`; requests/s of 2xx answers and latencies. */
async function drive(request: (n: number) => Promise<Response>) {
  const statuses = new Map<number, number>();
  const times: number[] = [];
  let seq = 0;
  const started = performance.now();
  const end = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const res = await request(seq++);
        await res.arrayBuffer();
        times.push(performance.now() - t);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const ok = [...statuses].filter(([s]) => s >= 200 && s < 300).reduce((n, [, c]) => n + c, 0);
  const answers = [...statuses].map(([s, n]) => `${n} × ${s}`).join(", ");
  return {
    perSecond: ok / elapsed,
    ok,
    answers,
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
  };
}

const extension: ScaleExtension = {
  name: "integrations",

  async seed(c, ctx) {
    if (ctx.size !== "large") return;
    await c.query(
      `INSERT INTO "ApiToken" (id, "teamId", name, scope, "tokenHash", prefix, "createdById") VALUES ('scale_tok', 'team_1', 'scale bench', 'WRITE', $1, 'hs_scale…', 'u_1_1')`,
      [sha(API_TOKEN)],
    );
    await c.query(
      `INSERT INTO "AlertSource" (id, "teamId", name, kind, "tokenHash", "severityRules", "defaultSeverity", "createdById") VALUES ('scale_src', 'team_1', 'Scale bench', 'GENERIC', $1, '[]', 'SEV3', 'u_1_1')`,
      [sha(ALERT_TOKEN)],
    );
  },

  async measure(ctx) {
    const run = Date.now().toString(36);
    const alerts = await drive((n) =>
      fetch(`${ctx.appUrl}/api/v1/alerts/scale_src`, {
        method: "POST",
        headers: { authorization: `Bearer ${ALERT_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({
          status: "firing",
          id: `scale-${run}-${n}`,
          title: `Scale alert ${run} ${n}`,
          severity: "critical",
          service: "checkout",
        }),
      }),
    );
    const creates = await drive((n) =>
      fetch(`${ctx.appUrl}/api/v1/incidents`, {
        method: "POST",
        headers: { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({
          title: `Scale API incident ${run} ${n}`,
          severity: "SEV3",
          startedAt: new Date().toISOString(),
        }),
      }),
    );
    // What the answers claim must be in the database: one incident per accepted request.
    const c = new pg.Client({ connectionString: ctx.databaseUrl });
    await c.connect();
    const counts = await c
      .query<{ alerts: number; api: number }>(
        `SELECT count(*) FILTER (WHERE title LIKE 'Scale alert ' || $1 || ' %')::int AS alerts,
                count(*) FILTER (WHERE title LIKE 'Scale API incident ' || $1 || ' %')::int AS api
         FROM "Incident" WHERE "teamId" = 'team_1' AND "createdAt" > now() - interval '1 hour'`,
        [run],
      )
      .finally(() => c.end());
    const ms = (n: number) => `${n.toFixed(0)} ms`;
    return [
      {
        label: `alert ingestion, POST /api/v1/alerts/<source> (${CONCURRENCY} clients, each a new alert → incident)`,
        value: `${alerts.perSecond.toFixed(1)} alerts/s (${alerts.answers}); p50 ${ms(alerts.p50)}, p95 ${ms(alerts.p95)}; incidents opened: ${counts.rows[0]!.alerts}`,
      },
      {
        label: `API create, POST /api/v1/incidents (${CONCURRENCY} clients)`,
        value: `${creates.perSecond.toFixed(1)} incidents/s (${creates.answers}); p50 ${ms(creates.p50)}, p95 ${ms(creates.p95)}; incidents created: ${counts.rows[0]!.api}`,
      },
    ];
  },
};

export default extension;
