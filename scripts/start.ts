// `npm start`: the whole app on one machine. Without DATABASE_URL it runs an embedded
// PostgreSQL (data in .data/pg); without SMTP_URL it runs a development mail catcher whose
// messages it serves itself on a loopback-only port (linked from /dev/mailbox). Applies
// migrations, seeds demo data on first run, builds when the sources changed, then serves on
// PORT (3000), on 127.0.0.1 unless HOST says otherwise (see start-plan.ts). Ctrl-C stops
// everything cleanly.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  dataDir,
  embeddedUrl,
  ensureDatabase,
  startEmbeddedServer,
  type RunningServer,
} from "./db/embedded";
import { deploy } from "./db/migrate";
import { appServerEnv } from "./node-options";
import { startMailSink, type MailSink } from "../lib/email/sink";
import { startMailboxServer, type MailboxServer } from "../lib/email/mailbox-server";
import {
  buildIsCurrent,
  choosePort,
  newInstanceId,
  StartError,
  waitForOwnServer,
} from "./app-server";
import { localProbeHost, startPlan } from "./start-plan";

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");
const log = (line: string) => console.log(`[hindsight] ${line}`);

let database: RunningServer | undefined;
let mailSink: MailSink | undefined;
let mailboxServer: MailboxServer | undefined;
let web: ChildProcess | undefined;
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  log("Stopping …");
  if (web && web.exitCode === null) {
    const exited = new Promise((resolve) => web!.once("exit", resolve));
    web.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (web.exitCode === null) web.kill("SIGKILL");
  }
  await mailSink?.close();
  await mailboxServer?.close();
  if (database?.startedHere) log("Stopping the embedded PostgreSQL …");
  await database?.stop();
  log("Stopped.");
  process.exit(code);
}

function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

function buildIfNeeded(env: NodeJS.ProcessEnv) {
  if (buildIsCurrent()) return;
  log("Building the app (next build; about a minute on a first run) …");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env,
  });
  if (result.status !== 0) throw new Error("next build failed");
}

async function main() {
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  const started = Date.now();
  // Decided before anything starts, so a refusal costs nothing and says why in one line.
  const requestedPort = process.env.PORT || "3000";
  const plan = startPlan(process.env, Number(requestedPort));
  if (!plan.ok) {
    console.error(`[hindsight] ${plan.error}`);
    process.exit(1);
  }
  const port = await choosePort("PORT", requestedPort, plan.host).catch((error: unknown) => {
    console.error(`[hindsight] ${error instanceof StartError ? error.message : String(error)}`);
    process.exit(1);
  });

  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    log("Using the PostgreSQL server at DATABASE_URL.");
  } else {
    database = await startEmbeddedServer(log);
    await ensureDatabase("hindsight");
    databaseUrl = embeddedUrl("hindsight");
  }

  let smtpUrl = process.env.SMTP_URL;
  let mailboxDir: string | undefined;
  if (!smtpUrl) {
    mailboxDir = path.join(dataDir, "mailbox");
    const sinkPort = Number(process.env.MAILCATCHER_PORT ?? 1025);
    mailSink = await startMailSink({ dir: mailboxDir, port: sinkPort }).catch(() =>
      startMailSink({ dir: mailboxDir!, port: 0 }),
    );
    const mailboxPort = Number(process.env.MAILBOX_PORT ?? 1080);
    mailboxServer = await startMailboxServer({ dir: mailboxDir, port: mailboxPort }).catch(() =>
      startMailboxServer({ dir: mailboxDir!, port: 0 }),
    );
    smtpUrl = mailSink.url;
    log(
      `No SMTP_URL: development mail catcher on ${smtpUrl}; read mail at ${mailboxServer.url} (this machine only)`,
    );
  }

  await deploy(databaseUrl, false);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtpUrl,
    AUTH_SECRET: authSecret(),
    APP_URL: plan.appUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    // Lets the readiness check below recognise this very server (not another one on the port).
    INSTANCE_ID: process.env.INSTANCE_ID || newInstanceId(),
    ...(mailboxDir && mailboxServer
      ? { DEV_MAILBOX_DIR: mailboxDir, DEV_MAILBOX_URL: mailboxServer.url }
      : {}),
  };

  const { seedDemoIfEmpty } = await import("../prisma/seed");
  if (await seedDemoIfEmpty(databaseUrl)) log("Seeded the demo team (first run).");

  if (!dev) buildIfNeeded(env);

  const webEnv = dev ? env : { ...env, ...appServerEnv(env) };
  web = spawn(
    process.execPath,
    [nextBin, dev ? "dev" : "start", "-p", String(port), "-H", plan.host],
    { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: webEnv },
  );
  web.on("exit", (code) => {
    if (!stopping) {
      log(`The web server exited (${code}).`);
      void shutdown(code ?? 1);
    }
  });
  await waitForOwnServer(
    `http://${localProbeHost(plan.host)}:${port}`,
    web,
    env.INSTANCE_ID!,
    150_000,
  );
  log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${plan.appUrl}`);
  if (mailboxServer) {
    log(
      `Sign in as demo@hindsight.local (owner of the demo team), then open ${mailboxServer.url} and click the link.`,
    );
  }
  log("Press Ctrl-C to stop.");
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
});
