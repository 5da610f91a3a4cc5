// The grouping of the dashboard's recurring causes, on a worker thread of the server
// (lib/metrics/recurring-pool.ts starts it): comparing a period's root causes takes 5-30 ms of
// CPU, which on the main thread held up every other request of the process meanwhile.
import { parentPort } from "node:worker_threads";
import { recurringFromJson } from "./recurring";

export interface RecurringJob {
  id: number;
  rows: string;
  max: number;
  threshold: number;
}

parentPort?.on("message", (job: RecurringJob) => {
  try {
    parentPort!.postMessage({
      id: job.id,
      result: recurringFromJson(job.rows, job.max, job.threshold),
    });
  } catch (error) {
    parentPort!.postMessage({
      id: job.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
