// Runs a command against a fresh, migrated database that is dropped afterwards.
//   tsx scripts/with-test-db.ts <command…>          integration tests
//   tsx scripts/with-test-db.ts --e2e <command…>    also starts an SMTP sink and the built app
// The database is created on the embedded server, or on TEST_DATABASE_URL's server when given.
// The e2e app gets E2E_PORT when that port is free (else the run stops at once, saying so) or a
// free port, and the tests only start once /api/health answers with this run's INSTANCE_ID: a
// program that already listened on the port can never be tested by mistake.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { constants } from "node:os";
import path from "node:path";
import { adminQuery, withDatabaseName } from "./db/admin";
import { embeddedUrl, startEmbeddedServer } from "./db/embedded";
import { migrateDeploy } from "./db/migrate";
import { startMailSink } from "../lib/email/sink";
import { choosePort, nextBin, startNextApp, StartError } from "./app-server";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const e2e = args[0] === "--e2e";
const command = e2e ? args.slice(1) : args;

// SIGINT/SIGTERM (Ctrl-C, a CI timeout, `kill PID`): the command gets the same signal, and once
// it has exited the app, mail sink, test database and embedded server are stopped in order.
// A signal during set-up stops the set-up at its next step, with the same clean-up.
let child: ChildProcess | undefined;
let stopSignal: NodeJS.Signals | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopSignal ??= signal;
    if (child && child.exitCode === null) child.kill(signal);
  });
}
class Stopped extends Error {}
const unlessStopped = () => {
  if (stopSignal) throw new Stopped(`Stopped by ${stopSignal}.`);
};

function run(cmd: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const bin =
      cmd[0] === "vitest"
        ? path.join(root, "node_modules/vitest/vitest.mjs")
        : cmd[0] === "playwright"
          ? path.join(root, "node_modules/@playwright/test/cli.js")
          : null;
    unlessStopped();
    child = bin
      ? spawn(process.execPath, [bin, ...cmd.slice(1)], { stdio: "inherit", env, cwd: root })
      : spawn(cmd[0]!, cmd.slice(1), { stdio: "inherit", env, cwd: root });
    child.on("exit", (code, signal) =>
      resolve(code ?? (signal ? 128 + constants.signals[signal] : 1)),
    );
  });
}

async function main() {
  // Decided before anything starts, so a taken port costs nothing and says why in one line.
  const port = e2e ? await choosePort("E2E_PORT", process.env.E2E_PORT) : 0;
  const server = process.env.TEST_DATABASE_URL ? null : await startEmbeddedServer();
  const baseUrl = process.env.TEST_DATABASE_URL ?? embeddedUrl("postgres");
  const name = `hindsight_test_${Date.now()}_${process.pid}`;
  const url = withDatabaseName(baseUrl, name);
  await adminQuery(baseUrl, `CREATE DATABASE "${name}"`);
  let code = 1;
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    await migrateDeploy(url, true);
    unlessStopped();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: url,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    if (e2e) {
      const mailboxDir = mkdtempSync(path.join(tmpdir(), "hindsight-mail-"));
      const sink = await startMailSink({ dir: mailboxDir });
      cleanups.push(
        () => sink.close(),
        () => rmSync(mailboxDir, { recursive: true, force: true }),
      );
      const appUrl = `http://localhost:${port}`;
      Object.assign(env, {
        SMTP_URL: sink.url,
        E2E_MAILBOX_DIR: mailboxDir,
        E2E_BASE_URL: appUrl,
        // APP_URL alone: the app must never need AUTH_URL to build safe sign-in links.
        APP_URL: appUrl,
        AUTH_SECRET: "e2e-secret-not-for-production-0123456789",
        // /api/metrics exists, as in production: the insights spec reads what the server counted.
        METRICS_TOKEN: "e2e-metrics-token-0123456789",
        // Every spec signs in from 127.0.0.1; the attacker spec runs its own app with the default.
        EMAIL_LIMIT_CLIENT_BURST: "100000",
        // The notification specs' receivers listen on loopback, which production refuses (SSRF).
        NOTIFICATIONS_ALLOW_PRIVATE: "1",
        // Switches on the optional GitHub provider so the e2e suite sees it offered (never followed).
        AUTH_GITHUB_ID: process.env.AUTH_GITHUB_ID ?? "e2e-github-client",
        AUTH_GITHUB_SECRET: process.env.AUTH_GITHUB_SECRET ?? "e2e-github-secret",
      });
      if (process.env.E2E_BUILD === "1") {
        const built = spawnSync(process.execPath, [nextBin, "build"], {
          cwd: root,
          stdio: "inherit",
          env: { ...env, BUILD_STANDALONE: "1" },
        });
        if (built.status !== 0) throw new Error("next build failed");
      }
      const app = await startNextApp({
        port,
        env,
        stdio: ["ignore", process.env.E2E_SERVER_LOG ? "inherit" : "ignore", "inherit"],
      });
      cleanups.push(() => app.stop());
      // Playwright and the specs reach the app only through E2E_BASE_URL (playwright.config.ts).
      env.E2E_INSTANCE_ID = app.instanceId;
    }
    code = await run(command, env);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
    if (!process.env.KEEP_TEST_DB)
      await adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await server?.stop();
  }
  process.exit(stopSignal ? 128 + constants.signals[stopSignal] : code);
}

main().catch((error) => {
  if (error instanceof Stopped) {
    console.error(`[with-test-db] ${error.message}`);
    process.exit(128 + constants.signals[stopSignal!]);
  }
  console.error(error instanceof StartError ? `[with-test-db] ${error.message}` : error);
  process.exit(1);
});
