// Load generation and process measurement for the scale bench: autocannon runs (throughput and
// per-response latencies), the production server's start/stop, and its resident memory.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import autocannon from "autocannon";
import { newInstanceId, waitForOwnServer } from "../../app-server";

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Mean response body size in bytes. */
  bytes: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Non-2xx answers among the warm-up requests (not counted in the figures). */
  probeFailures: number;
  /** Every measured response's latency (ms), sorted: what `pooled` merges. */
  latencies: number[];
  /** Wall time of the measured requests (s). */
  duration: number;
  /** The host's CPU time during the measured requests, and how much of it the hypervisor took. */
  cpu: HostCpu;
}

/**
 * CPU ticks of the whole machine (/proc/stat's first line): all of them, and "steal", the time
 * the hypervisor ran something else while this virtual machine wanted the CPU. On a shared
 * host a slow spell shows here, so a table can say which figures were taken during one.
 */
export interface HostCpu {
  total: number;
  steal: number;
}

export function hostCpu(): HostCpu {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/);
    // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest is in user)
    const ticks = fields.slice(1, 9).map(Number);
    return { total: ticks.reduce((a, b) => a + b, 0), steal: ticks[7] ?? 0 };
  } catch {
    return { total: 0, steal: 0 };
  }
}

export const cpuSince = (before: HostCpu, after = hostCpu()): HostCpu => ({
  total: after.total - before.total,
  steal: after.steal - before.steal,
});

/** Share of the host's CPU time the hypervisor took (0-1), or NaN when unknown. */
export const stealShare = (cpu: HostCpu) => (cpu.total > 0 ? cpu.steal / cpu.total : NaN);

/**
 * Several runs of the same target as one: percentiles over every response of all of them,
 * the rate over their summed time. The scale bench alternates its two servers in rounds
 * (1k, 100k, 1k, 100k) and pools each server's rounds, so a slow spell of the shared machine
 * falls on both sides instead of on one side's only run.
 */
export function pooled(runs: LoadResult[]): LoadResult {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  const duration = runs.reduce((n, r) => n + r.duration, 0);
  return {
    rps: duration ? requests / duration : 0,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    bytes: requests ? runs.reduce((n, r) => n + r.bytes * r.requests, 0) / requests : 0,
    requests,
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    probeFailures: runs.reduce((n, r) => n + r.probeFailures, 0),
    latencies,
    duration,
    cpu: {
      total: runs.reduce((n, r) => n + r.cpu.total, 0),
      steal: runs.reduce((n, r) => n + r.cpu.steal, 0),
    },
  };
}

export interface LoadOptions {
  url: string;
  connections: number;
  /**
   * Aimed-for length of the run. The machine may be shared and slow, so the run is sized in
   * requests: a probe round estimates the rate, then autocannon sends about seconds × rate
   * requests, never fewer than minRequests (enough for percentiles) nor more than maxRequests.
   */
  seconds: number;
  minRequests?: number;
  maxRequests?: number;
  headers?: Record<string, string>;
  /** A different X-Forwarded-For per request: every request looks like another reader. */
  rotateClientAddress?: boolean;
  method?: "GET" | "POST";
  body?: string;
  /**
   * The target's rate from an earlier round (its LoadResult's `rps`): no probe round then. The
   * probe warms a target up and estimates its rate; a later round of the same target needs
   * neither, and each probe waited for the slowest of one request per client.
   */
  rate?: number;
}

let addressSeq = 0;
/** 10.x.y.z addresses, never the same twice in a run (each has a full rate-limit bucket). */
export function nextClientAddress(): string {
  const n = ++addressSeq;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;

/**
 * One request per client at once: the rate estimate, and the warm-up (the first requests after
 * a start pay for compilation and cold caches; they are not measured). Returns the statuses too.
 */
async function probeRate(options: LoadOptions): Promise<{ rate: number; failed: number }> {
  const started = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: options.connections }, async () => {
      const headers = {
        ...options.headers,
        ...(options.rotateClientAddress ? { "x-forwarded-for": nextClientAddress() } : {}),
      };
      const res = await fetch(options.url, {
        method: options.method ?? "GET",
        body: options.body,
        headers,
        redirect: "manual",
      });
      await res.arrayBuffer();
      return res.status;
    }),
  );
  return {
    rate: options.connections / ((performance.now() - started) / 1000),
    failed: statuses.filter((s) => s < 200 || s >= 300).length,
  };
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const { rate, failed } = options.rate
    ? { rate: options.rate, failed: 0 }
    : await probeRate(options);
  // Never fewer requests than clients: autocannon refuses that (a slow page's short warm-up).
  const amount = Math.max(
    options.connections,
    Math.round(
      Math.min(
        options.maxRequests ?? 5000,
        Math.max(options.minRequests ?? 20, rate * options.seconds),
      ),
    ),
  );
  const latencies: number[] = [];
  const cpuBefore = hostCpu();
  // The run's time is measured here, from the first request to the last response: autocannon's
  // own `duration` ends at its next sampling tick after the last response, so with its default
  // 1 s ticks a run of a fixed number of requests lasted a whole number of seconds (a 0.6 s run
  // counted as 1 s: each round's rate was then the request count it was sized with, and the
  // static file's rate, the fastest, was understated most).
  const started = performance.now();
  let finished = started;
  let instance: autocannon.Instance | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        amount,
        // Ticks of 50 ms: the run ends within 50 ms of its last response (the next one waits
        // for it), instead of up to a second later.
        sampleInt: 50,
        // The machine is shared: a slow answer is a data point, not a failure.
        timeout: 120,
        method: options.method ?? "GET",
        body: options.body,
        headers: options.headers,
        requests: options.rotateClientAddress
          ? [
              {
                setupRequest: (req) => ({
                  ...req,
                  headers: { ...req.headers, "x-forwarded-for": nextClientAddress() },
                }),
              },
            ]
          : undefined,
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on(
      "response",
      (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
        latencies.push(responseTime);
        finished = performance.now();
      },
    );
  });
  void instance;
  latencies.sort((a, b) => a - b);
  const responses = latencies.length;
  const duration = (finished - started) / 1000;
  return {
    rps: duration ? responses / duration : 0,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    bytes: responses ? result.throughput.total / responses : 0,
    requests: responses,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    probeFailures: failed,
    latencies,
    duration,
    cpu: cpuSince(cpuBefore),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface RunningApp {
  url: string;
  process: ChildProcess;
  /** Highest resident memory of the server's process tree seen so far (MB). */
  peakRssMb(): number;
  /** Resolves once the server is idle (work left by aborted requests done), at most 2 minutes. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** PIDs of `pid` and every process below it (next start may fork workers). */
function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const task of readFileSync(`/proc/${out[i]}/task/${out[i]}/children`, "utf8")
        .trim()
        .split(/\s+/))
        if (task) out.push(Number(task));
    } catch {
      // process gone
    }
  }
  return out;
}

/** CPU seconds used so far by a process tree (utime + stime from /proc/<pid>/stat). */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / 100;
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(
      readFileSync(`/proc/${pid}/status`, "utf8"),
    );
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export async function startApp(
  root: string,
  env: NodeJS.ProcessEnv,
  nodeOptions: string,
): Promise<RunningApp> {
  const port = await freePort();
  const instanceId = newInstanceId();
  const url = `http://127.0.0.1:${port}`;
  const nextBin = path.join(root, "node_modules/next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      ...env,
      APP_URL: url,
      AUTH_URL: url,
      NODE_OPTIONS: nodeOptions,
      PORT: String(port),
      INSTANCE_ID: instanceId,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let peakKb = 0;
  const sample = () => {
    if (child.exitCode !== null || !child.pid) return;
    const tree = processTree(child.pid);
    const rss = tree.reduce((sum, pid) => sum + statusKb(pid, "VmRSS"), 0);
    const hwm = statusKb(child.pid, "VmHWM");
    peakKb = Math.max(peakKb, rss, hwm);
  };
  const timer = setInterval(sample, 200);
  // Ready only when the child this bench started answers (never another program on the port).
  await waitForOwnServer(url, child, instanceId, 100_000).catch((error: unknown) => {
    clearInterval(timer);
    child.kill("SIGKILL");
    throw error;
  });
  return {
    url,
    process: child,
    peakRssMb: () => {
      sample();
      return peakKb / 1024;
    },
    async settle() {
      if (!child.pid) return;
      const end = Date.now() + 120_000;
      let before = cpuSeconds(processTree(child.pid));
      while (Date.now() < end) {
        // 250 ms (it was 500): this wait comes before every run (about 290 of them), and a
        // server that is still busy shows it within 250 ms.
        await new Promise((r) => setTimeout(r, 250));
        const now = cpuSeconds(processTree(child.pid));
        // Under 10 % of one core for a quarter of a second: nothing queued any more.
        if (now - before < 0.025) return;
        before = now;
      }
    },
    async stop() {
      sample();
      clearInterval(timer);
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timeout = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
