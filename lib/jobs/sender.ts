// The process-wide pg-boss instance used to enqueue jobs (no workers, no maintenance).
import type PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { startBoss } from "./boss";

const g = globalThis as unknown as { hindsightSender?: Promise<PgBoss> };

export function senderBoss(): Promise<PgBoss> {
  g.hindsightSender ??= startBoss(env().DATABASE_URL, "sender").catch((error: unknown) => {
    g.hindsightSender = undefined; // try again on the next send instead of caching the failure
    throw error;
  });
  return g.hindsightSender;
}

/** Tests and shutdown: closes the sender's pool. */
export async function stopSender() {
  const pending = g.hindsightSender;
  g.hindsightSender = undefined;
  if (pending) await (await pending).stop({ graceful: false, wait: true });
}
