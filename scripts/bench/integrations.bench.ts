// Integration benchmarks against the production server (`next start`) on a fresh database:
//  1. alert → incident latency: 200 generic alerts, each a new alert id, posted one after
//     another; the time from sending to the 202 (the incident exists when it answers).
//  2. REST API throughput: 10 concurrent keep-alive clients for 5 s on GET /api/v1/incidents
//     (list, 50 a page) and on POST /api/v1/incidents (create, numbered, audited).
// The per-token rate limit is raised for the run (API_RATE_BURST / API_RATE_PER_SECOND).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { adminQuery, withDatabaseName } from "../db/admin";
import { embeddedUrl, startEmbeddedServer } from "../db/embedded";
import { migrateDeploy } from "../db/migrate";
import { choosePort, nextBin, startNextApp, StartError, type StartedApp } from "../app-server";

const root = path.resolve(import.meta.dirname, "../..");
const distDir = process.env.NEXT_DIST_DIR ?? ".next-bench";
const ALERTS = 200;
const CONCURRENCY = 10;
const SECONDS = 5;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const sha = (s: string) => createHash("sha256").update(s).digest("hex");

async function seed(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(
      `INSERT INTO "User" (id, email, name, "createdAt", "updatedAt") VALUES ('benchuser', 'bench.owner@example.test', 'Bench Owner', now(), now())`,
    );
    await c.query(
      `INSERT INTO "Team" (id, name, slug, "createdAt", "updatedAt") VALUES ('benchteam', 'Bench Team', 'bench-team', now(), now())`,
    );
    await c.query(
      `INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ('benchm', 'benchteam', 'benchuser', 'OWNER')`,
    );
    await c.query(
      `INSERT INTO "ApiToken" (id, "teamId", name, scope, "tokenHash", prefix, "createdById") VALUES ('benchtok', 'benchteam', 'bench', 'WRITE', $1, 'hs_bench…', 'benchuser')`,
      [sha("hs_bench_token")],
    );
    await c.query(
      `INSERT INTO "AlertSource" (id, "teamId", name, kind, "tokenHash", "severityRules", "defaultSeverity", "createdById") VALUES ('benchsrc', 'benchteam', 'Bench', 'GENERIC', $1, '[]', 'SEV3', 'benchuser')`,
      [sha("hsa_bench_token")],
    );
  } finally {
    await c.end();
  }
}

async function throughput(label: string, request: (n: number) => Promise<Response>) {
  const statuses = new Map<number, number>();
  const times: number[] = [];
  let seq = 0;
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
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
  const ok = [...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
  console.log(
    `${label} (${CONCURRENCY} concurrent clients, ${SECONDS} s): ${(ok / elapsed).toFixed(1)} requests/s ` +
      `(${[...statuses].map(([s, n]) => `${n} × ${s}`).join(", ")}); latency median ${ms(quantile(times, 0.5))}, p95 ${ms(quantile(times, 0.95))}`,
  );
}

async function main() {
  // TEST_DATABASE_URL's server when given (as for tests), else the embedded one.
  // A taken BENCH_PORT stops the run at once; unset, a free port is used.
  const port = await choosePort("BENCH_PORT", process.env.BENCH_PORT);
  const external = process.env.TEST_DATABASE_URL;
  const server = external ? null : await startEmbeddedServer();
  const adminUrl = external ?? embeddedUrl("postgres");
  const name = `hindsight_bench_${Date.now()}_${process.pid}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = external ? withDatabaseName(external, name) : embeddedUrl(name);
  const appUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: url,
    SMTP_URL: "smtp://127.0.0.1:9",
    AUTH_SECRET: "bench-secret-not-for-production-0123456789",
    AUTH_TRUST_HOST: "true",
    APP_URL: appUrl,
    AUTH_URL: appUrl,
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    API_RATE_BURST: "1000000",
    API_RATE_PER_SECOND: "100000",
    // Likewise the per-source alert limit (60 burst, 5/s): the benches measure ingestion itself.
    ALERT_RATE_BURST: "1000000",
    ALERT_RATE_PER_SECOND: "100000",
  };
  let app: StartedApp | undefined;
  try {
    await migrateDeploy(url, true);
    await seed(url);
    if (!existsSync(path.join(root, distDir, "BUILD_ID"))) {
      console.log(`Building into ${distDir} …`);
      const built = spawnSync(process.execPath, [nextBin, "build"], {
        cwd: root,
        env,
        stdio: "inherit",
      });
      if (built.status !== 0) throw new Error("next build failed");
    }
    app = await startNextApp({ port, env });

    // 1. Alert → incident latency.
    const alertHeaders = {
      authorization: "Bearer hsa_bench_token",
      "content-type": "application/json",
    };
    const post = (i: number) =>
      fetch(`${appUrl}/api/v1/alerts/benchsrc`, {
        method: "POST",
        headers: alertHeaders,
        body: JSON.stringify({
          status: "firing",
          id: `bench-${i}`,
          title: `Bench alert ${i}`,
          severity: "critical",
          service: "bench",
        }),
      });
    for (let i = 0; i < 5; i++) await (await post(-1 - i)).arrayBuffer();
    const latencies: number[] = [];
    for (let i = 0; i < ALERTS; i++) {
      const t = performance.now();
      const res = await post(i);
      await res.arrayBuffer();
      if (res.status !== 202) throw new Error(`alert ${i} answered ${res.status}`);
      latencies.push(performance.now() - t);
    }
    latencies.sort((a, b) => a - b);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query(
      `SELECT count(*)::int AS n FROM "Incident" WHERE "teamId" = 'benchteam' AND title LIKE 'Bench alert %' AND title NOT LIKE 'Bench alert -%'`,
    );
    await c.end();
    console.log(
      `Alert → incident (${ALERTS} generic alerts, one after another): median ${ms(quantile(latencies, 0.5))}, p95 ${ms(quantile(latencies, 0.95))}, max ${ms(latencies.at(-1)!)}; incidents opened: ${rows[0].n}`,
    );

    // 2. REST API throughput.
    const apiHeaders = {
      authorization: "Bearer hs_bench_token",
      "content-type": "application/json",
    };
    await throughput("GET /api/v1/incidents (list, 50 a page)", () =>
      fetch(`${appUrl}/api/v1/incidents`, { headers: apiHeaders }),
    );
    await throughput("POST /api/v1/incidents (create)", (n) =>
      fetch(`${appUrl}/api/v1/incidents`, {
        method: "POST",
        headers: apiHeaders,
        body: JSON.stringify({
          title: `Bench incident ${n}`,
          severity: "SEV3",
          startedAt: "2026-11-30T09:00:00Z",
        }),
      }),
    );
  } finally {
    await app?.stop();
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await server?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof StartError ? error.message : error);
    process.exit(1);
  },
);
