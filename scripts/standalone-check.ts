// Checks the standalone build the container image runs, without Docker: lays it out as the
// Dockerfile does (static files beside server.js), starts `node server.js` against a fresh,
// migrated database, and checks that it serves, reports metrics, runs the queue, and stops
// cleanly on SIGTERM.
//   BUILD_STANDALONE=1 npm run build && tsx scripts/standalone-check.ts
// Uses TEST_DATABASE_URL's server (or the embedded one) like the other test scripts.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { adminQuery, withDatabaseName } from "./db/admin";
import { embeddedUrl, startEmbeddedServer } from "./db/embedded";
import { migrateDeploy } from "./db/migrate";
import { startMailSink } from "../lib/email/sink";
import { freePort, newInstanceId, StartError, waitForOwnServer } from "./app-server";

const root = path.resolve(import.meta.dirname, "..");
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const standalone = path.join(root, distDir, "standalone");

function check(ok: boolean, what: string) {
  if (!ok) throw new Error(`standalone check failed: ${what}`);
  console.log(`ok  ${what}`);
}

async function main() {
  if (!existsSync(path.join(standalone, "server.js")))
    throw new StartError(
      `No ${distDir}/standalone/server.js: build with BUILD_STANDALONE=1 npm run build first.`,
    );
  // The Dockerfile's runtime stage: the traced server plus the static assets, nothing else.
  const app = mkdtempSync(path.join(tmpdir(), "hindsight-standalone-"));
  cpSync(standalone, app, { recursive: true, verbatimSymlinks: true });
  cpSync(path.join(root, distDir, "static"), path.join(app, distDir, "static"), {
    recursive: true,
  });

  const server = process.env.TEST_DATABASE_URL ? null : await startEmbeddedServer();
  const baseUrl = process.env.TEST_DATABASE_URL ?? embeddedUrl("postgres");
  const name = `hindsight_standalone_${Date.now()}_${process.pid}`;
  const url = withDatabaseName(baseUrl, name);
  await adminQuery(baseUrl, `CREATE DATABASE "${name}"`);
  const mailDir = mkdtempSync(path.join(tmpdir(), "hindsight-standalone-mail-"));
  const sink = await startMailSink({ dir: mailDir });
  try {
    await migrateDeploy(url, true);
    const port = await freePort();
    const instanceId = newInstanceId();
    const token = "standalone-check-metrics-token";
    const started = Date.now();
    const child = spawn(process.execPath, ["server.js"], {
      cwd: app,
      // Only what a container gets: no development variables from this shell.
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        DATABASE_URL: url,
        AUTH_SECRET: "standalone-check-secret-0123456789",
        APP_URL: `http://127.0.0.1:${port}`,
        AUTH_URL: `http://127.0.0.1:${port}`,
        AUTH_TRUST_HOST: "true",
        SMTP_URL: sink.url,
        METRICS_TOKEN: token,
        INSTANCE_ID: instanceId,
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let log = "";
    child.stdout!.on("data", (d: Buffer) => (log += d));
    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    );
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForOwnServer(base, child, instanceId, 120_000);
      check(
        true,
        `node server.js answers /api/health as this run's instance (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      const live = await fetch(`${base}/api/live`);
      check(
        live.status === 200 && ((await live.json()) as { status?: string }).status === "live",
        "answers /api/live (the image's HEALTHCHECK and the liveness probe)",
      );
      // Ready once the in-app worker has started too (it retries while the database is slow).
      let ready: { ready?: boolean; migrations?: { ok?: boolean } } = {};
      for (let i = 0; i < 60 && !ready.ready; i++) {
        if (i) await new Promise((r) => setTimeout(r, 500));
        ready = (await (await fetch(`${base}/api/ready`)).json()) as typeof ready;
      }
      check(
        ready.ready === true && ready.migrations?.ok === true,
        "is ready: database, every migration (traced into the standalone build) and the queue",
      );
      const signIn = await fetch(`${base}/sign-in`);
      const html = await signIn.text();
      check(signIn.status === 200 && html.includes("Sign in"), "renders the sign-in page");
      const css = html.match(/href="(\/_next\/static\/[^"]+\.css)"/)?.[1];
      check(
        Boolean(css) && (await fetch(`${base}${css}`)).status === 200,
        "serves its static assets",
      );
      const incidents = await fetch(`${base}/incidents`, { redirect: "manual" });
      check(
        incidents.status >= 300 &&
          incidents.status < 400 &&
          (incidents.headers.get("location") ?? "").includes("/sign-in"),
        "sends a signed-out visitor to sign in",
      );
      check(
        (await fetch(`${base}/api/metrics`)).status === 401,
        "refuses /api/metrics without the token",
      );
      const scrape = await (
        await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${token}` } })
      ).text();
      check(
        /hindsight_http_request_duration_seconds_count\{route="\/sign-in",method="GET",status="2xx"\} [1-9]/.test(
          scrape,
        ),
        "counts the sign-in page in /api/metrics",
      );
      check(
        /hindsight_db_pool_connections\{state="total"\} [1-9]/.test(scrape),
        "reports its database pool",
      );
      const stopAt = Date.now();
      child.kill("SIGTERM");
      const code = await exited;
      check(
        code === 143 || code === 0,
        `stops on SIGTERM (exit ${code} after ${Date.now() - stopAt} ms)`,
      );
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      if (process.env.STANDALONE_LOG) console.log(log);
    }
  } finally {
    await sink.close();
    rmSync(mailDir, { recursive: true, force: true });
    rmSync(app, { recursive: true, force: true });
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await server?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
