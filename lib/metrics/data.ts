import "server-only";
import { db, dbPoolStats } from "@/lib/db";
import { EMAIL_QUEUE } from "@/lib/jobs/boss";
import { metrics } from "./registry";

const STATES = ["created", "retry", "active", "completed", "failed", "cancelled"] as const;

/**
 * Reads the figures that live in PostgreSQL (so every replica reports the same queue, whichever
 * worker delivers) into the gauges, just before a scrape.
 */
export async function refreshDatabaseGauges(): Promise<void> {
  const m = metrics();
  // Before pg-boss has created its schema (a fresh database, no mail yet) there is no queue.
  const [byState, failed, latency] = await Promise.all([
    db.$queryRaw<
      { state: string; n: bigint }[]
    >`SELECT state::text AS state, count(*) AS n FROM pgboss.job WHERE name = ${EMAIL_QUEUE} GROUP BY state`,
    db.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM pgboss.job WHERE name = ${EMAIL_QUEUE} AND state = 'failed' AND completed_on > now() - interval '1 hour'`,
    db.$queryRaw<{ p50: number | null; p95: number | null; max: number | null }[]>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY s) AS p95, max(s) AS max
      FROM (SELECT extract(epoch FROM completed_on - created_on)::float8 AS s FROM pgboss.job
            WHERE name = ${EMAIL_QUEUE} AND state = 'completed' AND completed_on > now() - interval '15 minutes') recent`,
  ]).catch(() => [[], [], []] as const);
  const counts = new Map(byState.map((r) => [r.state, Number(r.n)]));
  for (const state of STATES) m.queueJobs.set({ state }, counts.get(state) ?? 0);
  m.queueFailedRecent.set(Number(failed[0]?.n ?? 0));
  const row = latency[0];
  for (const [quantile, value] of [
    ["0.5", row?.p50],
    ["0.95", row?.p95],
    ["1", row?.max],
  ] as const)
    m.deliveryLatencyRecent.set({ quantile }, value ?? 0);
  // Read after the queries above, so the pool exists even on a process's first scrape.
  const pool = dbPoolStats();
  if (pool) {
    m.dbPool.set({ state: "total" }, pool.total);
    m.dbPool.set({ state: "idle" }, pool.idle);
    m.dbPool.set({ state: "waiting" }, pool.waiting);
  }
}
