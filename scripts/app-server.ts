// Starting the built app from a script (tests, benchmarks, `npm start`) so that the script can
// never end up talking to a program it did not start: the port is checked free (or picked free)
// before anything starts, and readiness only counts when /api/health answers with the random
// INSTANCE_ID this run gave its own child process.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
export const nextBin = path.join(root, "node_modules/next/dist/bin/next");

/** Thrown with a one-line reason a person can act on; scripts print the message alone. */
export class StartError extends Error {}

/**
 * Resolves true when nothing listens on host:port (we could bind it ourselves). Without a host
 * it probes the dual-stack wildcard, which is taken when anyone listens on the port on any
 * address (IPv4 or IPv6), falling back to 0.0.0.0 where IPv6 is off.
 */
export function portIsFree(port: number, host?: string): Promise<boolean> {
  const tryBind = (h: string) =>
    new Promise<boolean | "unsupported">((resolve) => {
      const probe = net.createServer();
      probe.once("error", (error: NodeJS.ErrnoException) =>
        resolve(
          error.code === "EAFNOSUPPORT" || error.code === "EADDRNOTAVAIL" ? "unsupported" : false,
        ),
      );
      probe.listen({ port, host: h, exclusive: true }, () => probe.close(() => resolve(true)));
    });
  if (host) return tryBind(host).then((r) => r === true);
  return tryBind("::").then(async (r) =>
    r === "unsupported" ? (await tryBind("0.0.0.0")) === true : r,
  );
}

/** A port the operating system just gave us (free at this moment on every address). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const probe = net.createServer();
      probe.once("error", reject);
      probe.listen({ port: 0, host: "127.0.0.1", exclusive: true }, () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    if (await portIsFree(port)) return port;
  }
  throw new StartError("Could not find a free TCP port.");
}

/**
 * The port to serve on: the one named by `variable` when set (refused at once when something
 * already listens there), else a free one.
 */
export async function choosePort(
  variable: string,
  value: string | undefined,
  host?: string,
): Promise<number> {
  if (value === undefined || value === "") return freePort();
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new StartError(`${variable}=${value} is not a port number (1–65535).`);
  if (!(await portIsFree(port, host))) {
    const instead =
      variable === "PORT"
        ? `set ${variable} to a free port`
        : `set ${variable} to a free port or unset it to pick one`;
    throw new StartError(
      `Port ${port} (${variable}) is already in use by another program: stop that program or ${instead}.`,
    );
  }
  return port;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * True when the build in NEXT_DIST_DIR (.next) is newer than every source it is made from:
 * `npm start` then serves it as it is instead of building again.
 */
export function buildIsCurrent(distDir = process.env.NEXT_DIST_DIR ?? ".next"): boolean {
  const buildId = path.join(root, distDir, "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const sources = ["app", "components", "lib", "next.config.js", "package-lock.json"].map((p) =>
    path.join(root, p),
  );
  const newest = Math.max(
    ...sources
      .filter(existsSync)
      .map((p) => (statSync(p).isDirectory() ? newestSource(p) : statSync(p).mtimeMs)),
  );
  return statSync(buildId).mtimeMs > newest;
}

export function newInstanceId() {
  return `run-${randomBytes(12).toString("hex")}`;
}

/**
 * Polls `${baseUrl}/api/health` until it answers with our instance id. Fails at once when the
 * child exits (e.g. EADDRINUSE after a race for the port), and when a different program answers
 * (a health answer without our id means someone else owns the port).
 */
export async function waitForOwnServer(
  baseUrl: string,
  child: ChildProcess,
  instanceId: string,
  timeoutMs = 60_000,
  foreignTries = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let foreign = 0;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new StartError(
        `The app server exited during start-up (${child.exitCode ?? child.signalCode}); see its output above.`,
      );
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      const body = (await response.json().catch(() => null)) as { instance?: string } | null;
      // Ours but not healthy yet (database unreachable): keep waiting.
      if (body?.instance === instanceId && response.ok) return;
      // Our child may still be starting while another program holds the port; give it a moment
      // to fail with EADDRINUSE (caught above) before concluding.
      if (body?.instance !== instanceId && ++foreign >= foreignTries)
        throw new StartError(
          `Another program answers on ${baseUrl} (not the app this run started); stop it or choose another port.`,
        );
    } catch (error) {
      if (error instanceof StartError) throw error;
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new StartError(
        `The app did not answer ${baseUrl}/api/health within ${Math.round(timeoutMs / 1000)} s.`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface StartedApp {
  url: string;
  port: number;
  instanceId: string;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Runs `next start` on `port` (every address, or `host`) with a fresh INSTANCE_ID and waits
 * until that very process answers.
 */
export async function startNextApp(options: {
  port: number;
  host?: string;
  env: NodeJS.ProcessEnv;
  stdio?: SpawnOptions["stdio"];
  timeoutMs?: number;
}): Promise<StartedApp> {
  const instanceId = newInstanceId();
  const host = options.host;
  const child = spawn(
    process.execPath,
    [nextBin, "start", "-p", String(options.port), ...(host ? ["-H", host] : [])],
    {
      cwd: root,
      env: { ...options.env, INSTANCE_ID: instanceId },
      stdio: options.stdio ?? ["ignore", "ignore", "inherit"],
    },
  );
  const stop = (graceMs = 10_000) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
  // Without a host Next listens on every address; 127.0.0.1 reaches it.
  const probeHost = !host || host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const url = `http://${probeHost.includes(":") ? `[${probeHost}]` : probeHost}:${options.port}`;
  try {
    await waitForOwnServer(url, child, instanceId, options.timeoutMs);
  } catch (error) {
    await stop(2_000);
    throw error;
  }
  return { url, port: options.port, instanceId, child, stop };
}
