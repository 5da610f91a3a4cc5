// The scale bench (`npm run bench -- scale`): the production build on a database of 100,000
// incidents, measured over loopback with autocannon. Prints one table and appends it, with the
// machine, date and commit, to docs/benchmarks.md. What it does and how to read it:
// docs/benchmarks.md ("How the scale bench works").
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { adminQuery } from "../db/admin";
import { embeddedUrl, startEmbeddedServer } from "../db/embedded";
import { encodeCursor } from "../../lib/incidents/cursor";
import { startMailSink } from "../../lib/email/sink";
import { loadExtensions, type Caller, type PageTarget } from "./scale/extensions";
import { prepareDatabases, prepareTemplates, type Templates } from "./scale/databases";
import {
  load as loadOnce,
  startApp,
  type LoadOptions,
  pooled,
  cpuSince,
  hostCpu,
  stealShare,
  type LoadResult,
  type RunningApp,
} from "./scale/load";
import { appendRun, machine, type ScaleReport } from "./scale/report";
import { SERVICES, type BulkSeed } from "./scale/seed";
import { appServerEnv } from "../node-options";

const root = path.resolve(import.meta.dirname, "../..");
const distDir = process.env.BENCH_DIST_DIR ?? ".next-bench";
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const TEAMS = num("BENCH_TEAMS", 20);
const PER_TEAM = num("BENCH_INCIDENTS_PER_TEAM", 5000);
const SMALL = num("BENCH_SMALL_INCIDENTS", 1000);
// Each measurement is split into ROUNDS alternating rounds, pooled (load.ts `pooled`): a view
// and its static file, a page at 1k and at 100k, take turns. The seconds are per side in all.
const ROUNDS = num("BENCH_ROUNDS", 3);
const REPORT_SECONDS = num("BENCH_REPORT_SECONDS", 6);
// A view and its static file take turns in rounds of a second (6 a side; it was 3 of 2 s): on
// this shared host the shorter the turns, the more of a slow or fast spell falls on both sides
// alike. The log prints each round's ratio beside the pooled one.
const REPORT_ROUNDS = num("BENCH_REPORT_ROUNDS", 6);
// 5 s a side (it was 6): with a fresh seed the whole bench took 15.2 min at 6 s; the pages that
// answer slowly still get MIN_RESPONSES, and the fast ones get several hundred.
const LIST_SECONDS = num("BENCH_LIST_SECONDS", 5);
// Responses per side a p95 is taken from, at least: with 200 it is the 10th-worst response. The
// dashboard for a year answers ~13 times a second, so 6 s gave it ~80 and a p95 that was its
// 4th-worst response (its ratio moved between 1.0 and 1.76 from run to run).
const MIN_RESPONSES = num("BENCH_MIN_RESPONSES", 200);
// Unmeasured load on a view and on its static file before their rounds: the first seconds of
// each pay for compilation (the static file's rate rose from ~200 to ~500 req/s over its first
// seconds), and a cold file beside a warm view flattered the ratio.
const WARM_SECONDS = num("BENCH_WARM_SECONDS", 1.5);
const LIST_CONNECTIONS = num("BENCH_LIST_CONNECTIONS", 10);
const MAILS = num("BENCH_MAILS", 200);
const SECRET = "bench-secret-not-for-production-0123456789";
const log = (line: string) => console.log(`[scale] ${line}`);
/** Logs the wall time since the previous call (the bench's phases, to see where the minutes go). */
function phaseClock() {
  let last = performance.now();
  return (label: string) => {
    const now = performance.now();
    log(`phase ${label}: ${((now - last) / 1000).toFixed(1)} s`);
    last = now;
  };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Cursor of the page `page` pages deep (1 = first) of the newest-first incident list. */
async function deepCursor(url: string, teamId: string, page: number, pageSize = 25) {
  const row = await withClient(url, (c) =>
    c.query<{ id: string; startedAt: Date; severity: "SEV1" }>(
      `SELECT id, "startedAt", severity FROM "Incident" WHERE "teamId" = $1 ORDER BY "startedAt" DESC, id DESC OFFSET $2 LIMIT 1`,
      [teamId, (page - 1) * pageSize - 1],
    ),
  );
  const r = row.rows[0]!;
  return encodeCursor({ startedAt: r.startedAt.toISOString(), id: r.id, severity: r.severity });
}

function listTargets(seed: BulkSeed, deepPage: string): PageTarget[] {
  const t = seed.team;
  // The last whole calendar month: both databases have incidents in it (the 1k team's ~1,000 go
  // back ~7 months, the 100k team's 5,000 ~35, both ~140 a month), so each side lists a full
  // page. (A fixed month of last year was empty at 1k: an empty list measured against a full one.)
  const now = new Date();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const month = {
    from: day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))),
    to: day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0))),
  };
  const incidents: [string, string][] = [
    ["incidents: first page", "/incidents"],
    ["incidents: deep page", `/incidents?cursor=${deepPage}`],
    ["incidents: status = investigating", "/incidents?status=INVESTIGATING"],
    ["incidents: status = closed", "/incidents?status=CLOSED"],
    ["incidents: severity = SEV1", "/incidents?severity=SEV1"],
    [`incidents: service = ${SERVICES[5]}`, `/incidents?service=${SERVICES[5]}`],
    ["incidents: one month", `/incidents?from=${month.from}&to=${month.to}`],
    ["incidents: oldest first", "/incidents?sort=oldest"],
    ["incidents: most severe first", "/incidents?sort=severity"],
  ];
  const actions: [string, string][] = [
    ["actions: open or in progress", "/actions"],
    ["actions: open", "/actions?status=OPEN"],
    ["actions: in progress", "/actions?status=IN_PROGRESS"],
    ["actions: done", "/actions?status=DONE"],
    ["actions: won't do", "/actions?status=WONT_DO"],
    ["actions: any status", "/actions?status=ALL"],
    ["actions: mine", "/actions?mine=1"],
    ["actions: overdue", "/actions?overdue=1"],
    ["actions: one owner", `/actions?owner=${t.memberIds[2]}`],
    ["actions: unassigned", "/actions?owner=none"],
    ["actions: one incident", `/actions?incident=${seed.sampleIncidentId}`],
  ];
  return [
    ...incidents.map(([label, p]) => ({ label, path: p, as: "owner" as Caller })),
    ...actions.map(([label, p]) => ({ label, path: p, as: "owner" as Caller })),
    { label: "home page", path: "/", as: "owner" },
    { label: "portal: reports shared with a reader", path: "/portal", as: "reader" },
  ];
}

function cookieFor(seed: BulkSeed, as: Caller): string | undefined {
  if (as === "owner") return `authjs.session-token=${seed.team.ownerSession}`;
  if (as === "reader") return `authjs.session-token=${seed.readerSession}`;
  return undefined;
}

async function getOk(url: string, cookie?: string, expect?: string) {
  const res = await fetch(url, {
    headers: { ...(cookie ? { cookie } : {}), "x-forwarded-for": "10.254.0.1" },
    redirect: "manual",
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  if (expect && !body.includes(expect))
    throw new Error(`${url} does not show ${JSON.stringify(expect)}`);
  return body;
}

let settleOn: RunningApp[] = [];
/** One autocannon run, after the servers have finished the work a previous run left queued. */
async function load(options: LoadOptions): Promise<LoadResult> {
  await Promise.all(settleOn.map((a) => a.settle()));
  return loadOnce(options);
}

async function main() {
  const started = Date.now();
  const hostCpuAtStart = hostCpu();
  const server = process.env.TEST_DATABASE_URL ? null : await startEmbeddedServer();
  const baseUrl = process.env.TEST_DATABASE_URL ?? embeddedUrl("postgres");
  const stamp = `${Date.now()}_${process.pid}`;
  const keep = process.env.BENCH_KEEP_DB === "1";
  const publicDir = path.join(root, "public");
  const hadPublic = existsSync(publicDir);
  const staticDir = path.join(publicDir, "__bench");
  const mailDir = mkdtempSync(path.join(tmpdir(), "hindsight-scale-mail-"));
  const arrivals: { to: string; at: number }[] = [];
  const sink = await startMailSink({
    dir: mailDir,
    onMail: (m) => arrivals.push({ to: m.to.join(","), at: performance.now() }),
  });
  const apps: RunningApp[] = [];
  const extensions = await loadExtensions();
  let names: Record<string, string> = {};
  const phase = phaseClock();
  try {
    const templateOptions = {
      baseUrl,
      smallShape: { teams: 1, incidentsPerTeam: SMALL },
      bigShape: { teams: TEAMS, incidentsPerTeam: PER_TEAM },
      extensions,
      fresh: process.env.BENCH_FRESH === "1",
      log,
    };
    if (process.env.BENCH_SEED_ONLY === "1") {
      // Templates only (npm run bench runs this beside the build and passes the result on).
      const templates = await prepareTemplates(templateOptions);
      log(
        templates.reused
          ? `templates of seed version ${templates.version} already there`
          : `SEEDED 100k in ${templates.seconds.large.toFixed(1)} s, 1k in ${templates.seconds.small.toFixed(1)} s (seed version ${templates.version})`,
      );
      if (process.env.BENCH_SEED_REPORT)
        writeFileSync(process.env.BENCH_SEED_REPORT, JSON.stringify(templates));
      return;
    }
    const prepared = await prepareDatabases({
      ...templateOptions,
      stamp,
      preseeded: process.env.BENCH_PRESEEDED
        ? (JSON.parse(process.env.BENCH_PRESEEDED) as Templates)
        : undefined,
    });
    const { urls, small, big, large, origin } = prepared;
    names = prepared.names;
    log(
      origin.reused
        ? `REUSED the seeded databases of seed version ${origin.version} (seeded earlier in ${origin.seedSeconds.toFixed(1)} s; copied from their templates in ${origin.copySeconds.toFixed(1)} s; BENCH_FRESH=1 seeds anew)`
        : `SEEDED ${big.incidents.toLocaleString("en")} incidents in ${origin.seedSeconds.toFixed(1)} s${process.env.BENCH_PRESEEDED ? " (by this run, beside the build)" : ""} (${JSON.stringify(big.counts)}); 1k database in ${origin.smallSeedSeconds.toFixed(1)} s; kept as templates of seed version ${origin.version}`,
    );
    phase(
      origin.reused
        ? "databases (reused templates)"
        : process.env.BENCH_PRESEEDED
          ? "databases (copied from the templates seeded beside the build)"
          : "databases (seeded)",
    );

    if (!existsSync(path.join(root, distDir, "BUILD_ID"))) {
      log(`building into ${distDir} …`);
      const tsconfig = readFileSync(path.join(root, "tsconfig.json"), "utf8");
      const built = spawnSync(
        process.execPath,
        [path.join(root, "node_modules/next/dist/bin/next"), "build"],
        {
          cwd: root,
          stdio: "ignore",
          env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
        },
      );
      writeFileSync(path.join(root, "tsconfig.json"), tsconfig);
      if (built.status !== 0) throw new Error("next build failed");
    }
    // As `npm start` runs it (scripts/node-options.ts): the heap cap and two malloc arenas.
    const serverEnv = appServerEnv(process.env);
    const env = (url: string): NodeJS.ProcessEnv => ({
      ...process.env,
      DATABASE_URL: url,
      SMTP_URL: sink.url,
      AUTH_SECRET: SECRET,
      AUTH_TRUST_HOST: "true",
      // As behind one reverse proxy: the client address is the last X-Forwarded-For entry, so
      // each bench request (its own 10.x address) has a full share-link rate-limit bucket.
      TRUSTED_PROXIES: "1",
      // The per-token API limit would cap the API create row at its refill rate (120 burst, 10/s).
      API_RATE_BURST: "1000000",
      API_RATE_PER_SECOND: "100000",
      // Likewise the per-source alert limit (60 burst, 5/s): the benches measure ingestion itself.
      ALERT_RATE_BURST: "1000000",
      ALERT_RATE_PER_SECOND: "100000",
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      MALLOC_ARENA_MAX: serverEnv.MALLOC_ARENA_MAX,
    });
    const nodeOptions = process.env.BENCH_NODE_OPTIONS ?? serverEnv.NODE_OPTIONS;

    const reports = [
      {
        label: "shared link /r/<token>",
        path: `/r/${large.shareToken}`,
        as: "anonymous" as Caller,
        file: "shared.html",
        rotate: true,
      },
      {
        label: "portal report",
        path: `/portal/reports/${large.versionId}`,
        as: "reader" as Caller,
        file: "portal.html",
        rotate: false,
      },
      {
        label: "print",
        path: `/print/reports/${large.versionId}`,
        as: "owner" as Caller,
        file: "print.html",
        rotate: false,
      },
      {
        label: "team report page",
        path: `/incidents/${large.incidentId}/report`,
        as: "owner" as Caller,
        file: "team.html",
        rotate: false,
      },
    ];
    phase("build check");
    // 1. The exact bytes of each report view, saved as static files the same server will serve.
    let app = await startApp(root, env(urls.large), nodeOptions);
    apps.push(app);
    mkdirSync(staticDir, { recursive: true });
    for (const r of reports)
      writeFileSync(
        path.join(staticDir, r.file),
        await getOk(`${app.url}${r.path}`, cookieFor(big, r.as), "Cause 119:"),
      );
    await app.stop();
    apps.pop();

    // 2. Both servers: 1k and 100k. Each list page is measured on one then the other, back to
    // back, in alternating rounds.
    const [smallApp, largeApp] = await Promise.all([
      startApp(root, env(urls.small), nodeOptions),
      startApp(root, env(urls.large), nodeOptions),
    ]);
    apps.push(smallApp, largeApp);
    app = largeApp;
    settleOn = [smallApp, app];

    const reportRows: ScaleReport["reports"] = [];
    for (const r of reports) {
      const cookie = cookieFor(big, r.as);
      const headers = cookie ? { cookie } : undefined;
      await getOk(`${app.url}${r.path}`, cookie);
      await getOk(`${app.url}/__bench/${r.file}`);
      const row: ScaleReport["reports"][number] = { label: r.label, runs: [] };
      for (const connections of [10, 50]) {
        const views: LoadResult[] = [];
        const files: LoadResult[] = [];
        const view = { url: `${app.url}${r.path}`, headers, rotateClientAddress: r.rotate };
        const file = { url: `${app.url}/__bench/${r.file}` };
        // The warm-up's rate sizes the first round; each round's sizes the next (no probes).
        let rates = { view: 0, file: 0 };
        if (WARM_SECONDS > 0)
          rates = {
            view: (await load({ ...view, connections, seconds: WARM_SECONDS })).rps,
            file: (await load({ ...file, connections, seconds: WARM_SECONDS })).rps,
          };
        for (let round = 0; round < REPORT_ROUNDS; round++) {
          const options = {
            connections,
            seconds: REPORT_SECONDS / REPORT_ROUNDS,
            minRequests: 2 * connections,
          };
          views.push(await load({ ...view, ...options, rate: rates.view }));
          files.push(await load({ ...file, ...options, rate: rates.file }));
          rates = { view: views.at(-1)!.rps, file: files.at(-1)!.rps };
        }
        const viewRuns = pooled(views);
        const fileRuns = pooled(files);
        row.runs.push({ connections, view: viewRuns, file: fileRuns });
        const perRound = views.map((v, i) => `${((v.rps / files[i]!.rps) * 100).toFixed(0)}`);
        log(
          `${r.label} @${connections}: ${viewRuns.rps.toFixed(1)} req/s vs static ${fileRuns.rps.toFixed(1)} (${((viewRuns.rps / fileRuns.rps) * 100).toFixed(1)} %; rounds ${perRound.join(" / ")} %), ${(viewRuns.bytes / 1024).toFixed(0)} KB${viewRuns.non2xx ? `, ${viewRuns.non2xx} non-2xx!` : ""}; server peak so far ${app.peakRssMb().toFixed(0)} MB`,
        );
      }
      reportRows.push(row);
    }

    phase("report views vs static files");
    // 50 pages deep; the 1k database has only 40 pages, so there it is the last one.
    const deep = {
      small: await deepCursor(urls.small, small.team.teamId, Math.min(50, Math.floor(SMALL / 25))),
      large: await deepCursor(urls.large, big.team.teamId, Math.min(50, Math.floor(PER_TEAM / 25))),
    };
    const lists = listTargets(big, deep.large);
    const smallLists = listTargets(small, deep.small);
    for (const ext of extensions) {
      if (!ext.pages) continue;
      lists.push(...ext.pages(big));
      smallLists.push(...ext.pages(small));
    }
    const listRows: ScaleReport["lists"] = [];
    for (let i = 0; i < lists.length; i++) {
      const rounds: Record<"small" | "large", LoadResult[]> = { small: [], large: [] };
      // Each side's first round probes it (warm-up and rate); later rounds reuse its rate.
      const rate = (size: "small" | "large") => rounds[size].at(-1)?.rps;
      for (let round = 0; round < ROUNDS; round++) {
        for (const [size, target, seed, a] of [
          ["small", smallLists[i]!, small, smallApp],
          ["large", lists[i]!, big, app],
        ] as const) {
          const cookie = cookieFor(seed, target.as);
          // Warmed up by load's probe in the first round (not measured). A page that fails is a
          // finding, not the end of the run: its row shows the non-2xx count.
          const run = await load({
            url: `${a.url}${target.path}`,
            connections: LIST_CONNECTIONS,
            seconds: LIST_SECONDS / ROUNDS,
            // At least MIN_RESPONSES a side over the rounds (see MIN_RESPONSES).
            minRequests: Math.ceil(MIN_RESPONSES / ROUNDS),
            headers: cookie ? { cookie } : undefined,
            rate: rate(size),
          });
          if (run.probeFailures)
            log(`${target.label} (${size}): ${run.probeFailures} warm-up requests failed`);
          rounds[size].push(run);
        }
      }
      const runs = { small: pooled(rounds.small), large: pooled(rounds.large) };
      listRows.push({ label: lists[i]!.label, small: runs.small, large: runs.large });
      log(
        `${lists[i]!.label}: p95 ${runs.small.p95.toFixed(0)} → ${runs.large.p95.toFixed(0)} ms (×${(runs.large.p95 / runs.small.p95).toFixed(2)}), ${(runs.small.bytes / 1024).toFixed(0)} / ${(runs.large.bytes / 1024).toFixed(0)} KB, ${runs.small.requests} / ${runs.large.requests} responses, steal ${(stealShare(runs.small.cpu) * 100).toFixed(1)} / ${(stealShare(runs.large.cpu) * 100).toFixed(1)} %; 100k server peak so far ${app.peakRssMb().toFixed(0)} MB`,
      );
    }
    await smallApp.stop();
    settleOn = [app];
    phase(`pages at 1k and 100k (${lists.length} pages)`);

    // 3. Share emails: MAILS links queued in one transaction, as one share to many recipients is.
    const mail = await measureShareEmails(urls.large, large.versionId, arrivals);
    log(
      `share emails: ${mail.perSecond.toFixed(1)}/s (${mail.delivered}/${MAILS} delivered, ${mail.duplicates} duplicates, ${mail.sent} marked sent)`,
    );

    phase("share emails");
    const extra: { label: string; value: string }[] = [];
    for (const ext of extensions) {
      if (!ext.measure) continue;
      extra.push(
        ...(await ext.measure({
          appUrl: app.url,
          databaseUrl: urls.large,
          seed: big,
          large,
          cookie: (as) => cookieFor(big, as),
          load,
        })),
      );
    }
    const peakRssMb = app.peakRssMb();
    await app.stop();
    phase("extensions' measurements (writes, plans)");

    const report: ScaleReport = {
      machine: machine(),
      date: new Date().toISOString(),
      commit: commit(),
      nodeOptions,
      seed: {
        incidents: big.incidents,
        teams: TEAMS,
        seconds: origin.seedSeconds,
        reused: origin.reused,
        version: origin.version,
        counts: big.counts,
        smallIncidents: SMALL,
      },
      reports: reportRows,
      lists: listRows,
      mail,
      peakRssMb,
      extra,
      minutes: (Date.now() - started) / 60_000,
      hostCpu: cpuSince(hostCpuAtStart),
      whole: process.env.BENCH_STARTED_AT
        ? {
            minutes: (Date.now() - Number(process.env.BENCH_STARTED_AT)) / 60_000,
            phases: JSON.parse(process.env.BENCH_PHASES ?? "[]") as {
              label: string;
              seconds: number;
            }[],
          }
        : undefined,
    };
    const text = appendRun(path.join(root, "docs/benchmarks.md"), report);
    console.log(`\n${text}`);
  } finally {
    for (const a of apps) await a.stop().catch(() => undefined);
    await sink.close();
    rmSync(mailDir, { recursive: true, force: true });
    rmSync(hadPublic ? staticDir : publicDir, { recursive: true, force: true });
    if (!keep) {
      for (const name of Object.values(names))
        await adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(
          () => undefined,
        );
    } else if (Object.keys(names).length) {
      log(`kept databases ${Object.values(names).join(", ")}`);
    }
    await server?.stop();
  }
}

function commit(): string {
  const rev = spawnSync("git", ["rev-parse", "--short", "HEAD"], {
    cwd: root,
    encoding: "utf8",
  }).stdout.trim();
  const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], {
    cwd: root,
    encoding: "utf8",
  }).stdout.trim();
  return `${rev}${dirty ? " (with uncommitted changes)" : ""}`;
}

async function measureShareEmails(
  url: string,
  versionId: string,
  arrivals: { to: string; at: number }[],
) {
  Object.assign(process.env, { DATABASE_URL: url, AUTH_SECRET: SECRET });
  const { enqueueMail } = await import("../../lib/jobs/email-queue");
  const { stopSender } = await import("../../lib/jobs/sender");
  const { shareEmail } = await import("../../lib/sharing/email");
  const { generateShareToken } = await import("../../lib/sharing/tokens");
  const run = Date.now().toString(36);
  const recipients = Array.from({ length: MAILS }, (_, i) => `stakeholder${i}.${run}@bench.test`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const jobDb = {
    executeSql: async (text: string, values: unknown[] = []) => ({
      rows: (await c.query(text, values as unknown[])).rows,
    }),
  };
  arrivals.length = 0;
  try {
    await c.query("BEGIN");
    for (const [i, to] of recipients.entries()) {
      const { token, tokenHash } = generateShareToken();
      const id = `mail_share_${run}_${i}`;
      await c.query(
        `INSERT INTO "ShareLink" (id, "reportVersionId", "recipientEmail", "tokenHash", "expiresAt", "createdById") VALUES ($1, $2, $3, $4, now() + interval '30 days', 'u_1_1')`,
        [id, versionId, to, tokenHash],
      );
      const message = shareEmail({
        to,
        url: `http://127.0.0.1/r/${token}`,
        reportTitle: "Checkout outage",
        incidentKey: "INC-1",
        summary: "Checkout failed.",
        sharerName: "Bench",
        message: null,
        expiresAt: new Date(Date.now() + 30 * 86_400_000),
        confirmEmail: false,
      });
      await enqueueMail(message, {
        db: jobDb,
        key: `share:${id}:${tokenHash}`,
        share: { id, tokenHash },
      });
    }
    await c.query("COMMIT");
    const start = performance.now();
    const deadline = Date.now() + 180_000;
    while (new Set(arrivals.map((a) => a.to)).size < MAILS && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    // Anything sent twice would arrive within moments of the last one.
    await new Promise((r) => setTimeout(r, 1500));
    const last = Math.max(...arrivals.map((a) => a.at));
    const delivered = new Set(arrivals.map((a) => a.to)).size;
    const sent = Number(
      (
        await c.query(
          `SELECT count(*)::int AS n FROM "ShareLink" WHERE id LIKE 'mail_share_' || $1 || '_%' AND "deliveryState" = 'SENT'`,
          [run],
        )
      ).rows[0].n,
    );
    return {
      perSecond: delivered / ((last - start) / 1000),
      delivered,
      duplicates: arrivals.length - delivered,
      sent,
      total: MAILS,
    };
  } finally {
    await c.end();
    await stopSender();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
