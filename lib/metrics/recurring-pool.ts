import "server-only";
import { Worker } from "node:worker_threads";
import { errorFields, log } from "@/lib/log";
import { recurringFromJson, type RecurringResult } from "./recurring";
import type { RecurringJob } from "./recurring-worker";
import { metrics } from "./registry";

// The dashboard's recurring causes are grouped on a worker thread: comparing a period's root
// causes (and parsing them) takes 5-30 ms of CPU per view, which on the main thread held up
// every other request of the process meanwhile; under load at 100k incidents the main thread
// was what views of a year waited for.

/**
 * The thread's heap: 36 months of the largest bench team (5,041 root causes, 0.8 MB of JSON)
 * peak at ~26 MB. Small young and old generations keep the thread's share of the server's
 * memory small (the goal: under 500 MB resident under the whole bench).
 */
const WORKER_HEAP_MB = 48;
const WORKER_YOUNG_MB = 4;
/** A thread with nothing to do for this long ends (its memory returns); the next view starts one. */
const IDLE_MS = 5_000;

type Job = Omit<RecurringJob, "id"> & {
  resolve: (r: RecurringResult) => void;
  reject: (e: unknown) => void;
};

let worker: { thread: Worker; pending: Map<number, Job>; busy: () => void } | null | undefined;
let nextId = 0;

function inline(job: Omit<RecurringJob, "id">): RecurringResult {
  metrics().recurringGroupings.inc({ thread: "main" });
  return recurringFromJson(job.rows, job.max, job.threshold);
}

/** Settles a job the thread did not answer by grouping it here (an error rejects the view's promise). */
function settleInline(job: Job) {
  try {
    job.resolve(inline(job));
  } catch (error) {
    job.reject(error);
  }
}

/**
 * One worker thread for the process, started on first use. The bundler turns `new Worker(new
 * URL(…))` into the worker's own bundle (written just so: it recognises that form only); outside
 * Next's server (tests run the TypeScript source) Node could not start the source, and the
 * grouping runs inline. If the thread stops (an error, its heap limit), what it was grouping is
 * grouped inline and the next view starts a new one.
 */
function start() {
  if (!process.env.NEXT_RUNTIME) return null;
  const thread = new Worker(new URL("./recurring-worker.ts", import.meta.url), {
    resourceLimits: {
      maxOldGenerationSizeMb: WORKER_HEAP_MB,
      maxYoungGenerationSizeMb: WORKER_YOUNG_MB,
    },
  });
  // The thread never keeps the process alive: shutdown (SIGTERM) is not held up by it.
  thread.unref();
  const pending = new Map<number, Job>();
  let stopped = false;
  let idle: NodeJS.Timeout | undefined;
  const stop = (error: Error | null) => {
    if (stopped) return;
    stopped = true;
    clearTimeout(idle);
    if (error)
      log.error({ ...errorFields(error) }, "the recurring causes thread stopped; grouping inline");
    if (worker?.thread === thread) worker = undefined;
    for (const job of pending.values()) settleInline(job);
    pending.clear();
  };
  const busy = () => clearTimeout(idle);
  thread.on("message", (m: { id: number; result?: RecurringResult; error?: string }) => {
    const job = pending.get(m.id);
    if (!job) return;
    pending.delete(m.id);
    // A grouping that failed there fails here alike (the same pure code): answer it inline.
    if (m.error !== undefined) settleInline(job);
    else {
      metrics().recurringGroupings.inc({ thread: "worker" });
      job.resolve(m.result!);
    }
    if (pending.size === 0) {
      idle = setTimeout(() => {
        stop(null);
        void thread.terminate();
      }, IDLE_MS);
      idle.unref();
    }
  });
  thread.on("error", stop);
  thread.on("exit", (code) => stop(new Error(`exited with code ${code}`)));
  return { thread, pending, busy };
}

/** lib/metrics/recurring.ts recurringFromJson, on the process's worker thread when it has one. */
export function groupRecurringOffThread(
  rows: string,
  max: number,
  threshold: number,
): Promise<RecurringResult> {
  if (worker === undefined) {
    try {
      worker = start();
    } catch (error) {
      // The thread cannot be made here (its bundle missing, a platform limit): this process
      // groups on its main thread from now on (counted as such).
      log.error(
        { ...errorFields(error) },
        "the recurring causes thread cannot start; grouping inline",
      );
      worker = null;
    }
  }
  const running = worker;
  return new Promise<RecurringResult>((resolve, reject) => {
    if (!running) return settleInline({ rows, max, threshold, resolve, reject });
    const { thread, pending, busy } = running;
    busy();
    const id = nextId++;
    pending.set(id, { rows, max, threshold, resolve, reject });
    thread.postMessage({ id, rows, max, threshold } satisfies RecurringJob);
  });
}
