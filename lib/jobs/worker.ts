// The email worker: fetches queued mail and delivers it over SMTP. Runs inside the app
// (instrumentation.ts) unless WORKER=off, and as its own process with `npm run worker`.
import pg from "pg";
import type PgBoss from "pg-boss";
import { deliverMail } from "@/lib/email/smtp";
import type { OutgoingMail } from "@/lib/email/types";
import { env } from "@/lib/env";
import { metrics } from "@/lib/metrics/registry";
import { pgListenerConfig } from "@/lib/pg-timeouts";
import { markShareDelivered, recordShareDeliveryFailure, shareAwaitsDelivery } from "@/lib/sharing/mutations";
import { EMAIL_QUEUE, startBoss, WAKE_CHANNEL } from "./boss";
import type { EmailJobData } from "./email-queue";
import { unseal } from "./seal";

export interface WorkerOptions {
  connectionString?: string;
  smtpUrl?: string;
  /** Parallel fetch loops (each handles one message at a time). */
  concurrency?: number;
  log?: (line: string) => void;
  /** The fallback poll when no NOTIFY wakes the worker (seconds, default 0.5). */
  pollingIntervalSeconds?: number;
}

export interface WorkerHandle {
  boss: PgBoss;
  stop(): Promise<void>;
}

export type EmailJobOutcome = "sent" | "skipped";

/** One attempt at one job. Throws to let pg-boss retry it with back-off. */
export async function handleEmailJob(job: PgBoss.JobWithMetadata<EmailJobData>, smtpUrl?: string): Promise<EmailJobOutcome> {
  const { share } = job.data;
  // Idempotency for shares: a link already sent, revoked or replaced by a resend is not mailed.
  if (share && !(await shareAwaitsDelivery(share))) return "skipped";
  const mail = unseal<OutgoingMail>(job.data.sealed, env().AUTH_SECRET);
  try {
    await deliverMail(mail, smtpUrl);
  } catch (error) {
    metrics().deliveryFailures.inc();
    const reason = smtpReason(error);
    if (share) await recordShareDeliveryFailure(share, reason, job.retryCount >= job.retryLimit);
    throw new Error(reason);
  }
  if (share) await markShareDelivered(share, new Date());
  metrics().deliveryDuration.observe({ outcome: "sent" }, (Date.now() - job.createdOn.getTime()) / 1000);
  return "sent";
}

/** A short, human-readable reason (shown to the sharer); never the message content. */
export function smtpReason(error: unknown): string {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  const text = e.response ?? e.message ?? String(error);
  const reason = e.responseCode ? `SMTP ${e.responseCode}: ${text.replace(/^\d{3}\s*/, "")}` : e.code ? `${e.code}: ${text}` : text;
  return reason.slice(0, 300);
}

export async function startWorker(options: WorkerOptions = {}): Promise<WorkerHandle> {
  const connectionString = options.connectionString ?? env().DATABASE_URL;
  const log = options.log ?? ((line: string) => console.log(`[hindsight] ${line}`));
  const boss = await startBoss(connectionString, "worker");
  const ids: string[] = [];
  const concurrency = options.concurrency ?? 2;
  for (let i = 0; i < concurrency; i++) {
    ids.push(
      await boss.work<EmailJobData>(EMAIL_QUEUE, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 }, async ([job]) =>
        job ? handleEmailJob(job, options.smtpUrl) : undefined,
      ),
    );
  }
  const listener = await listenForWakeUps(connectionString, () => ids.forEach((id) => boss.notifyWorker(id)));
  log(`Email worker started (${concurrency} loops).`);
  return {
    boss,
    async stop() {
      await listener.close();
      // Graceful: waits for attempts in flight; anything still active is failed and retried later.
      await boss.stop({ graceful: true, wait: true, timeout: 15_000 });
    },
  };
}

/** LISTEN on the wake channel; reconnects after errors (polling keeps working meanwhile). */
async function listenForWakeUps(connectionString: string, onWake: () => void) {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (closed) return;
    const c = new pg.Client(pgListenerConfig(connectionString, "hindsight-worker-listen"));
    c.on("notification", onWake);
    c.on("error", () => {
      void c.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void connect(), 5_000);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${WAKE_CHANNEL}`);
      client = c;
    } catch {
      void c.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void connect(), 5_000);
    }
  };
  await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
