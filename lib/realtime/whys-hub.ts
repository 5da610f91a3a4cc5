import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { pgListenerConfig } from "@/lib/pg-timeouts";
import { parseWhysNotification, WHYS_CHANNEL, type WhysNotification } from "./channel";

type Listener = (event: WhysNotification | { incidentId: string; version: null }) => void;

interface Hub {
  client: pg.Client | null;
  connecting: Promise<void> | null;
  retryTimer: ReturnType<typeof setTimeout> | null;
  failures: number;
  listeners: Map<string, Set<Listener>>;
}

// One LISTEN connection per server process, shared by every open stream (kept on globalThis so
// dev reloads reuse it). Notifications come from whichever app instance committed the change.
const g = globalThis as unknown as { __hindsightWhysHub?: Hub };
const hub: Hub = (g.__hindsightWhysHub ??= {
  client: null,
  connecting: null,
  retryTimer: null,
  failures: 0,
  listeners: new Map(),
});

function dispatch(event: Parameters<Listener>[0]) {
  for (const listener of hub.listeners.get(event.incidentId) ?? []) {
    try {
      listener(event);
    } catch {
      // A broken stream must not stop the others; it cleans itself up on abort.
    }
  }
}

function scheduleReconnect() {
  if (hub.retryTimer || hub.listeners.size === 0) return;
  const delay = Math.min(5000, 250 * 2 ** hub.failures);
  hub.failures += 1;
  hub.retryTimer = setTimeout(() => {
    hub.retryTimer = null;
    void connect();
  }, delay);
}

function connect(): Promise<void> {
  if (hub.client) return Promise.resolve();
  if (hub.connecting) return hub.connecting;
  const client = new pg.Client(pgListenerConfig(env().DATABASE_URL, "hindsight-whys-listener"));
  const lost = () => {
    if (hub.client === client) hub.client = null;
    client.removeAllListeners();
    client.end().catch(() => {});
    scheduleReconnect();
  };
  hub.connecting = (async () => {
    try {
      await client.connect();
      await client.query(`LISTEN ${WHYS_CHANNEL}`);
      client.on("notification", (msg) => {
        const event = msg.channel === WHYS_CHANNEL ? parseWhysNotification(msg.payload) : null;
        if (event) dispatch(event);
      });
      client.on("error", lost);
      client.on("end", lost);
      const wasReconnect = hub.failures > 0;
      hub.client = client;
      hub.failures = 0;
      // Changes made while the connection was down were not heard: tell every stream to resync.
      if (wasReconnect)
        for (const incidentId of hub.listeners.keys()) dispatch({ incidentId, version: null });
    } catch {
      lost();
    } finally {
      hub.connecting = null;
    }
  })();
  return hub.connecting;
}

/** Calls `listener` for every committed 5 Whys change of one incident. Returns the unsubscribe. */
export async function subscribeWhys(incidentId: string, listener: Listener): Promise<() => void> {
  const set = hub.listeners.get(incidentId) ?? new Set<Listener>();
  set.add(listener);
  hub.listeners.set(incidentId, set);
  await connect();
  return () => {
    set.delete(listener);
    if (set.size === 0) hub.listeners.delete(incidentId);
  };
}

/** Whether the shared LISTEN connection is up (for health and tests). */
export function whysListenerConnected() {
  return hub.client !== null;
}
