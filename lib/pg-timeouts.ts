// Timeouts for every PostgreSQL connection the app opens (Prisma's pool, pg-boss, LISTEN
// clients, the health probe). Without them a stalled server (frozen, network partition)
// hangs every request for as long as the stall lasts. `statement_timeout` and `lock_timeout`
// are enforced by the server; `query_timeout` and `connectionTimeoutMillis` by the client, so
// they also fire when the server does not answer at all.
import type { ClientConfig, PoolConfig } from "pg";

export const PG_TIMEOUTS = {
  /** Opening a connection (TCP + startup + authentication). */
  connectionTimeoutMillis: 5_000,
  /** Longest statement the server runs (the 500-event import and report publishing are far below). */
  statement_timeout: 15_000,
  /** Waiting for a row lock (two owners racing on the same team row wait far less). */
  lock_timeout: 10_000,
  /** Client-side: gives up on a query the server never answers. */
  query_timeout: 20_000,
  /** A transaction left open by a crashed request releases its locks. */
  idle_in_transaction_session_timeout: 30_000,
} as const;

/** Options for a pool or client running ordinary queries. */
export function pgPoolConfig(connectionString: string, extra: PoolConfig = {}): PoolConfig {
  return { connectionString, ...PG_TIMEOUTS, ...extra };
}

/**
 * A LISTEN connection is idle by design, so no statement timeout can notice a dead peer: TCP
 * keep-alive does (probes after 10 s idle), and connecting and the LISTEN itself are bounded.
 */
export function pgListenerConfig(connectionString: string, applicationName: string): ClientConfig {
  return {
    connectionString,
    application_name: applicationName,
    connectionTimeoutMillis: PG_TIMEOUTS.connectionTimeoutMillis,
    query_timeout: PG_TIMEOUTS.query_timeout,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}
