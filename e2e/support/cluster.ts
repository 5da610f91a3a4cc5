// Several Hindsight processes on one database, as a deployment runs them: web instances from the
// standalone build the container image runs (`node server.js`, laid out as the Dockerfile does)
// and standalone email workers (`npm run worker`). Each process can be stopped gracefully
// (SIGTERM), killed (SIGKILL) and started again on the same port.
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, newInstanceId, waitForOwnServer } from "../../scripts/app-server";

const root = path.resolve(import.meta.dirname, "../..");
const distDir = process.env.NEXT_DIST_DIR ?? ".next";

/**
 * The Dockerfile's runtime stage without Docker: `.next/standalone` (which holds the traced
 * prisma/migrations that /api/ready compares with the database) plus the static assets, in a
 * temporary directory.
 */
export function layoutStandalone(): { dir: string; remove(): void } {
  const standalone = path.join(root, distDir, "standalone");
  if (!existsSync(path.join(standalone, "server.js"))) {
    throw new Error(
      `No ${distDir}/standalone/server.js: build with BUILD_STANDALONE=1 npm run build (npm test does) before the fault tests.`,
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), "hindsight-cluster-"));
  cpSync(standalone, dir, { recursive: true, verbatimSymlinks: true });
  cpSync(path.join(root, distDir, "static"), path.join(dir, distDir, "static"), {
    recursive: true,
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Proc {
  name: string;
  child: ChildProcess | null;
  /** Resolves when the process has exited; `ms` is how long that took after the signal. */
  stop(
    signal?: NodeJS.Signals,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

export interface Instance extends Proc {
  port: number;
  url: string;
  instanceId: string;
  start(): Promise<void>;
}

function stopper(proc: { child: ChildProcess | null }) {
  return (signal: NodeJS.Signals = "SIGTERM") =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) => {
      const child = proc.child;
      const started = Date.now();
      if (!child || child.exitCode !== null || child.signalCode !== null)
        return resolve({ code: child?.exitCode ?? null, signal: child?.signalCode ?? null, ms: 0 });
      // A process that ignores SIGTERM past its grace is killed, as an orchestrator would.
      const timer = setTimeout(() => child.kill("SIGKILL"), 40_000);
      child.once("exit", (code, sig) => {
        clearTimeout(timer);
        resolve({ code, signal: sig, ms: Date.now() - started });
      });
      child.kill(signal);
    });
}

/** Only what a container gets: no development variables from this shell. */
function containerEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env };
}

export { freePort };

/** A web instance: `node server.js` from the standalone layout in `dir`, on `port` (kept across restarts). */
export function createInstance(
  name: string,
  dir: string,
  port: number,
  env: Record<string, string>,
): Instance {
  const instance: Instance = {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    instanceId: "",
    child: null,
    start: async () => {
      instance.instanceId = `${name}-${newInstanceId()}`;
      const child = spawn(process.execPath, ["server.js"], {
        cwd: dir,
        env: containerEnv({
          ...env,
          PORT: String(port),
          HOSTNAME: "127.0.0.1",
          INSTANCE_ID: instance.instanceId,
          WORKER: "off",
        }),
        stdio: ["ignore", "ignore", process.env.FAULTS_LOG ? "inherit" : "ignore"],
      });
      instance.child = child;
      await waitForOwnServer(instance.url, child, instance.instanceId, 120_000);
    },
    stop: (signal) => stopper(instance)(signal),
  };
  return instance;
}

export interface Worker extends Proc {
  start(): Promise<void>;
  log(): string;
}

/** A standalone email worker (`npm run worker`, as the tools image runs it). */
export function createWorker(name: string, env: Record<string, string>): Worker {
  let output = "";
  const worker: Worker = {
    name,
    child: null,
    log: () => output,
    start: () =>
      new Promise<void>((resolve, reject) => {
        output = "";
        const child = spawn(
          process.execPath,
          ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"],
          {
            cwd: root,
            env: containerEnv(env),
            stdio: ["ignore", "pipe", "pipe"],
          },
        );
        worker.child = child;
        const timer = setTimeout(
          () => reject(new Error(`worker ${name} did not start within 60 s:\n${output}`)),
          60_000,
        );
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (process.env.FAULTS_LOG) process.stderr.write(`[${name}] ${chunk}`);
          if (output.includes("Email worker started")) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout!.on("data", onData);
        child.stderr!.on("data", onData);
        child.once("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`worker ${name} exited (${code}) during start-up:\n${output}`));
        });
      }),
    stop: (signal) => stopper(worker)(signal),
  };
  return worker;
}
