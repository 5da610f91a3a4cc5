// Issue 9: `npm start` (scripts/start.ts) stops everything it started when it gets SIGTERM by
// PID (a container stop, a service manager, `kill PID`): the web server with the email worker
// inside it, the development mail catcher and its mailbox page, and the embedded PostgreSQL.
// Here, not in test/embedded-signals.int.test.ts: `npm start` serves the production build, which
// exists only from `npm test`'s build step on (integration tests run before it).
//
// The script runs as `npm start` runs it (node --import tsx scripts/start.ts; scripts/run.mjs only
// adds an install check) with its own data directory and free ports for everything, so it never
// touches this run's app or database. Every process below it is recorded from /proc while it
// runs; after the signal each must be gone and each port free.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { buildIsCurrent, freePort, portIsFree } from "../scripts/app-server";

const root = path.resolve(import.meta.dirname, "..");

/** pid → parent pid, state and command line of every process now (Linux /proc). */
function processTable() {
  const table = new Map<number, { ppid: number; state: string; cmd: string }>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cmd = readFileSync(`/proc/${name}/cmdline`, "utf8").replace(/\0/g, " ").trim();
      table.set(Number(name), { ppid: Number(ppid), state: state!, cmd });
    } catch {
      // exited while we read
    }
  }
  return table;
}

/** Every process below `pid`, with its command line. */
function descendants(pid: number): Map<number, string> {
  const table = processTable();
  const found = new Map<number, string>();
  let frontier = [pid];
  while (frontier.length) {
    const next: number[] = [];
    for (const [p, info] of table)
      if (frontier.includes(info.ppid) && !found.has(p)) {
        found.set(p, info.cmd);
        next.push(p);
      }
    frontier = next;
  }
  return found;
}

/** Running (a zombie holds no port or file and is reaped by init once its parent is gone). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

let dataDir: string;
let start: ChildProcess | undefined;
let seen = new Map<number, string>();

test.afterAll(() => {
  // A failed run must not leave its processes behind: only the ones this test started.
  if (start?.exitCode === null) start.kill("SIGKILL");
  for (const pid of seen.keys()) if (running(pid)) process.kill(pid, "SIGKILL");
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("SIGTERM to npm start's script stops the web server, its worker, the mail catcher and the embedded PostgreSQL, and frees every port", async () => {
  test.setTimeout(240_000);
  expect(
    buildIsCurrent(),
    "The build is older than the sources: run `npm run build` first (npm start would build again, under this run's app).",
  ).toBe(true);
  dataDir = mkdtempSync(path.join(tmpdir(), "hindsight-start-"));
  // As root, PostgreSQL runs as `postgres`, which must be able to enter the data directory.
  chmodSync(dataDir, 0o755);
  const ports = { app: 0, database: 0, mail: 0, mailbox: 0 };
  const taken = new Set<number>();
  for (const key of Object.keys(ports) as (keyof typeof ports)[]) {
    let port = await freePort();
    while (taken.has(port)) port = await freePort();
    taken.add(port);
    ports[key] = port;
  }

  // Only what the script needs: none of this run's DATABASE_URL, SMTP_URL, APP_URL or INSTANCE_ID.
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(ports.app),
    HINDSIGHT_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(ports.database),
    MAILCATCHER_PORT: String(ports.mail),
    MAILBOX_PORT: String(ports.mailbox),
  };
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: env as NodeJS.ProcessEnv, // NODE_ENV unset, as for a person typing npm start
    stdio: ["ignore", "pipe", "pipe"],
  });
  start = child;
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));

  await until(
    "npm start to say it is ready",
    () => /Ready in/.test(output) || child.exitCode !== null,
    180_000,
  );
  expect(child.exitCode, output).toBeNull();
  expect(output).toContain(`127.0.0.1:${ports.mail}`);

  // Ready for traffic means the in-app email worker runs (api/ready says "still starting" before).
  const app = `http://127.0.0.1:${ports.app}`;
  await until(
    "/api/ready",
    () =>
      fetch(`${app}/api/ready`).then(
        (r) => r.ok,
        () => false,
      ),
    60_000,
  );
  const client = new pg.Client({
    connectionString: `postgresql://hindsight:hindsight@127.0.0.1:${ports.database}/hindsight`,
  });
  await client.connect();
  const { rows } = await client.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'hindsight-worker'",
  );
  await client.end();
  expect(rows[0]!.n, "the email worker's connections").toBeGreaterThan(0);

  seen = descendants(child.pid!);
  const commands = [...seen.values()];
  expect(
    // `next start` renames itself (process.title) "next-server (vX.Y.Z)".
    commands.some((c) => c.startsWith("next-server")),
    commands.join("\n"),
  ).toBe(true);
  const postmaster = Number(
    readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0],
  );
  expect(seen.has(postmaster), "the embedded PostgreSQL runs below the script").toBe(true);
  for (const port of Object.values(ports)) expect(await portIsFree(port)).toBe(false);

  process.kill(child.pid!, "SIGTERM");
  expect(await exited, output).toBe(0);
  expect(output).toContain("[hindsight] Stopped.");
  const left = [...seen].filter(([pid]) => running(pid)).map(([pid, cmd]) => `${pid} ${cmd}`);
  expect(left, "processes npm start left running").toEqual([]);
  for (const [name, port] of Object.entries(ports))
    expect(await portIsFree(port), `the ${name} port ${port} is free`).toBe(true);
  expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);
});
