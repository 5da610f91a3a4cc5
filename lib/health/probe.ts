// Is the database answering right now? One persistent connection runs `SELECT 1` with a hard
// deadline; concurrent callers share one probe and its answer for a second. Used by
// /api/health, /api/ready and the proxy (which answers 503 "temporarily unavailable" for
// pages while the database stalls instead of letting every request hang). Deliberately not
// the Prisma pool: that pool may be full of queries waiting out a stall.
import pg from "pg";
import { pgListenerConfig } from "@/lib/pg-timeouts";

export interface ProbeResult {
  ok: boolean;
  latencyMs: number;
  checkedAt: number;
  error?: string;
}

const DEADLINE_MS = 1_200;
const FRESH_MS = 1_000;

interface ProbeState {
  client: pg.Client | null;
  last: ProbeResult | null;
  running: Promise<ProbeResult> | null;
}

const g = globalThis as unknown as { hindsightDbProbe?: Map<string, ProbeState> };

function state(connectionString: string): ProbeState {
  const all = (g.hindsightDbProbe ??= new Map());
  let s = all.get(connectionString);
  if (!s) all.set(connectionString, (s = { client: null, last: null, running: null }));
  return s;
}

function drop(s: ProbeState) {
  const client = s.client;
  s.client = null;
  if (!client) return;
  client.removeAllListeners();
  client.on("error", () => undefined);
  // end() waits for the server, which may be frozen: destroy the socket instead.
  (
    client as unknown as { connection?: { stream?: { destroy(): void } } }
  ).connection?.stream?.destroy();
}

async function runProbe(connectionString: string, s: ProbeState): Promise<ProbeResult> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${DEADLINE_MS} ms`)), DEADLINE_MS);
  });
  try {
    await Promise.race([
      (async () => {
        if (!s.client) {
          const client = new pg.Client({
            ...pgListenerConfig(connectionString, "hindsight-health"),
            connectionTimeoutMillis: DEADLINE_MS,
          });
          client.on("error", () => drop(s));
          s.client = client;
          await client.connect();
        }
        await s.client!.query("SELECT 1");
      })(),
      deadline,
    ]);
    return { ok: true, latencyMs: Date.now() - started, checkedAt: Date.now() };
  } catch (error) {
    drop(s);
    return {
      ok: false,
      latencyMs: Date.now() - started,
      checkedAt: Date.now(),
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** The database's state, at most a second old; never waits longer than ~1.2 s. */
export function probeDatabase(
  connectionString: string,
  { maxAgeMs = FRESH_MS } = {},
): Promise<ProbeResult> {
  const s = state(connectionString);
  if (s.last && Date.now() - s.last.checkedAt < maxAgeMs) return Promise.resolve(s.last);
  s.running ??= runProbe(connectionString, s).then((result) => {
    s.last = result;
    s.running = null;
    return result;
  });
  return s.running;
}
