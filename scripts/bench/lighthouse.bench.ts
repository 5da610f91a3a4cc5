// Lighthouse on the stakeholder's view (`npm run bench -- lighthouse`): the large published
// report of the scale bench (300 timeline events, a 120-node 5 Whys tree, 40 action items, every
// narrative field) on the production build, audited by Lighthouse 12 in Debian's Chromium
// (headless, over loopback) with its default mobile emulation and throttling, three runs. Prints performance and accessibility scores, TBT,
// LCP, JavaScript and total bytes, and appends them to docs/benchmarks.md. Issue 13's goal:
// performance >= 98 for the shared view (the outside run measured 88 / 94 / 95).
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import pg from "pg";
import { adminQuery, withDatabaseName } from "../db/admin";
import { embeddedUrl, startEmbeddedServer } from "../db/embedded";
import { migrateDeploy } from "../db/migrate";
import { appServerEnv } from "../node-options";
import { seedLargeIncident } from "./scale/large";
import { startApp, type RunningApp } from "./scale/load";
import { machine } from "./scale/report";
import { seedBulk } from "./scale/seed";

const root = path.resolve(import.meta.dirname, "../..");
const distDir = process.env.BENCH_DIST_DIR ?? ".next-bench";
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const chromePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

interface Audit {
  performance: number;
  accessibility: number;
  tbtMs: number;
  lcpMs: number;
  scriptKb: number;
  totalKb: number;
}

async function audit(url: string, port: number): Promise<Audit> {
  const result = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility"],
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
  const items = (
    lhr.audits["resource-summary"]?.details as {
      items?: { resourceType: string; transferSize: number }[];
    }
  )?.items;
  const kb = (type: string) =>
    Math.round((items?.find((i) => i.resourceType === type)?.transferSize ?? 0) / 1024);
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    tbtMs: Math.round(lhr.audits["total-blocking-time"]?.numericValue ?? NaN),
    lcpMs: Math.round(lhr.audits["largest-contentful-paint"]?.numericValue ?? NaN),
    scriptKb: kb("script"),
    totalKb: kb("total"),
  };
}

async function main() {
  if (!existsSync(chromePath)) {
    console.error(`No Chromium at ${chromePath} (apt-get install chromium, or set CHROMIUM_PATH).`);
    process.exit(1);
  }
  const server = process.env.TEST_DATABASE_URL ? null : await startEmbeddedServer();
  const baseUrl = process.env.TEST_DATABASE_URL ?? embeddedUrl("postgres");
  const name = `hindsight_bench_lighthouse_${Date.now()}_${process.pid}`;
  const url = withDatabaseName(baseUrl, name);
  let app: RunningApp | undefined;
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  try {
    await adminQuery(baseUrl, `CREATE DATABASE "${name}"`);
    await migrateDeploy(url, true);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const large = await (async () => {
      try {
        await seedBulk(client, { teams: 1, incidentsPerTeam: 20 });
        return await seedLargeIncident(client, 21);
      } finally {
        await client.end();
      }
    })();
    if (!existsSync(path.join(root, distDir, "BUILD_ID"))) {
      console.log(`building into ${distDir} …`);
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
    // As `npm start` runs the server: the heap cap and two malloc arenas.
    const serverEnv = appServerEnv(process.env);
    app = await startApp(
      root,
      {
        ...process.env,
        DATABASE_URL: url,
        AUTH_SECRET: "bench-secret-not-for-production-0123456789",
        NEXT_DIST_DIR: distDir,
        NEXT_TELEMETRY_DISABLED: "1",
        MALLOC_ARENA_MAX: serverEnv.MALLOC_ARENA_MAX,
      },
      serverEnv.NODE_OPTIONS,
    );
    chrome = await chromeLauncher.launch({
      chromePath,
      chromeFlags: [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
      ],
    });
    const targets = [{ label: "shared link /r/<token>", path: `/r/${large.shareToken}` }];
    const rows: string[] = [];
    for (const target of targets) {
      const probe = await fetch(`${app.url}${target.path}`, { redirect: "manual" });
      if (probe.status !== 200) {
        rows.push(`| ${target.label} | answered ${probe.status}; not audited | | | | | |`);
        continue;
      }
      const runs: Audit[] = [];
      for (let i = 0; i < RUNS; i++)
        runs.push(await audit(`${app.url}${target.path}`, chrome.port));
      const list = (f: (a: Audit) => number) => runs.map(f).join(" / ");
      rows.push(
        `| ${target.label} | ${list((a) => a.performance)} | ${list((a) => a.accessibility)} | ${list((a) => a.tbtMs)} | ${list((a) => a.lcpMs)} | ${runs[0]!.scriptKb} | ${runs[0]!.totalKb} |`,
      );
    }
    const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: root,
      encoding: "utf8",
    }).stdout.trim();
    const table = [
      `### Lighthouse ${new Date().toISOString().slice(0, 10)}, commit ${commit}`,
      "",
      `${machine()}; Lighthouse 12.8.2, Chromium headless, mobile emulation with Lighthouse's default throttling; ${RUNS} runs each (run 1 / 2 / 3).`,
      "",
      "| view | performance | accessibility | TBT ms | LCP ms | JS KB | total KB |",
      "|---|---|---|---|---|---|---|",
      ...rows,
      "",
    ].join("\n");
    console.log(`\n${table}`);
    appendFileSync(path.join(root, "docs/benchmarks.md"), `\n${table}`);
  } finally {
    await chrome?.kill();
    await app?.stop();
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(
      () => undefined,
    );
    await server?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
