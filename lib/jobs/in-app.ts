// The worker inside the web server (started from instrumentation.ts). WORKER=off leaves the
// delivery to separate `npm run worker` processes; the app then only enqueues.
import { env } from "@/lib/env";
import { onShutdown } from "@/lib/server/shutdown";
import { senderBoss } from "./sender";
import { startWorker, type WorkerHandle } from "./worker";
import { errorFields, log } from "@/lib/log";

const g = globalThis as unknown as { hindsightInAppWorker?: Promise<WorkerHandle | null> };

export function startInAppWorker(): Promise<WorkerHandle | null> {
  // Guard against a second start (dev server reloads, several register() calls).
  g.hindsightInAppWorker ??= boot();
  return g.hindsightInAppWorker;
}

async function boot(attempt = 1): Promise<WorkerHandle | null> {
  try {
    // Pre-warm the sender so the first sign-in email does not wait for pg-boss to start.
    await senderBoss();
    if (env().WORKER === "off") return null;
    const worker = await startWorker();
    // Deliveries in flight finish before the process exits (lib/server/shutdown.ts).
    onShutdown(() => worker.stop());
    return worker;
  } catch (error) {
    const delay = Math.min(30, 2 ** attempt);
    log.error(
      { ...errorFields(error), retryInSeconds: delay },
      "could not start the email worker; retrying",
    );
    await new Promise((r) => setTimeout(r, delay * 1000));
    return boot(attempt + 1);
  }
}

let running = false;
void g.hindsightInAppWorker?.then((w) => (running = Boolean(w)));

/** For /api/ready: "off" (WORKER=off, delivery elsewhere), "starting" or "running". */
export async function inAppWorkerState(): Promise<"off" | "starting" | "running"> {
  if (env().WORKER === "off") return "off";
  const pending = g.hindsightInAppWorker;
  if (!pending) return "starting";
  const settled = await Promise.race([
    pending.then((w) => Boolean(w)),
    new Promise<null>((r) => setTimeout(() => r(null), 0)),
  ]);
  running = settled ?? running;
  return running ? "running" : "starting";
}
