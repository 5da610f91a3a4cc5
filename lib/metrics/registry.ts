// Prometheus metrics (prom-client). One registry per process, kept on globalThis because
// instrumentation, route handlers and the worker are separate bundles in one server process.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export interface HindsightMetrics {
  registry: Registry;
  httpDuration: Histogram<"route" | "method" | "status">;
  queueJobs: Gauge<"state">;
  queueFailedRecent: Gauge;
  deliveryLatencyRecent: Gauge<"quantile">;
  deliveryDuration: Histogram<"outcome">;
  deliveryFailures: Counter;
  dbPool: Gauge<"state">;
  recurringGroupings: Counter<"thread">;
}

function create(): HindsightMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "hindsight_" });
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: "hindsight_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by route pattern (ids replaced by [id]), method (ACTION for server actions) and status class.",
      labelNames: ["route", "method", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    queueJobs: new Gauge({
      name: "hindsight_email_queue_jobs",
      help: "Email jobs in the durable queue by state (created = waiting, retry = waiting after a failed attempt, active = being delivered, failed = given up).",
      labelNames: ["state"],
      registers,
    }),
    queueFailedRecent: new Gauge({
      name: "hindsight_email_failed_last_hour",
      help: "Emails given up after their last retry during the past hour.",
      registers,
    }),
    deliveryLatencyRecent: new Gauge({
      name: "hindsight_email_delivery_latency_seconds",
      help: "Queued-to-delivered time of the emails delivered in the past 15 minutes, any worker (quantile 0.5 / 0.95 / 1).",
      labelNames: ["quantile"],
      registers,
    }),
    deliveryDuration: new Histogram({
      name: "hindsight_email_delivery_seconds",
      help: "Queued-to-delivered time of emails delivered by this process's worker.",
      labelNames: ["outcome"],
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
      registers,
    }),
    deliveryFailures: new Counter({
      name: "hindsight_email_delivery_failures_total",
      help: "Failed SMTP delivery attempts by this process's worker (each is retried until the retry limit).",
      registers,
    }),
    dbPool: new Gauge({
      name: "hindsight_db_pool_connections",
      help: "The app's PostgreSQL connection pool: total open, idle, and requests waiting for a connection.",
      labelNames: ["state"],
      registers,
    }),
    recurringGroupings: new Counter({
      name: "hindsight_dashboard_recurring_groupings_total",
      help: "Dashboard views whose recurring root causes were grouped, by thread: worker (the process's grouping thread) or main (when that thread could not run).",
      labelNames: ["thread"],
      registers,
    }),
  };
}

const g = globalThis as unknown as { hindsightMetrics?: HindsightMetrics };

export function metrics(): HindsightMetrics {
  return (g.hindsightMetrics ??= create());
}
