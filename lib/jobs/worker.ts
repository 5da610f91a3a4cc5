// The email worker: fetches queued mail and delivers it over SMTP. Runs inside the app
// (instrumentation.ts) unless WORKER=off, and as its own process with `npm run worker`.
import pg from "pg";
import type PgBoss from "pg-boss";
import { friendlyDeliveryError } from "@/lib/email/delivery-error";
import { deliverMail } from "@/lib/email/smtp";
import { env } from "@/lib/env";
import { metrics } from "@/lib/metrics/registry";
import { pgListenerConfig } from "@/lib/pg-timeouts";
import {
  markShareDelivered,
  recordShareDeliveryFailure,
  shareAwaitsDelivery,
} from "@/lib/sharing/mutations";
import { deliverNotification } from "@/lib/notifications/deliver";
import { notifyOverdueActionItems } from "@/lib/notifications/overdue";
import {
  EMAIL_QUEUE,
  NOTIFY_QUEUE,
  OVERDUE_CRON,
  OVERDUE_QUEUE,
  startBoss,
  WAKE_CHANNEL,
} from "./boss";
import { messageIdFor, shareSendKey } from "./email-queue";
import { claimEmailSend, releaseEmailSend } from "./mutations";
import {
  emailJobSchema,
  JobPayloadError,
  notifyJobSchema,
  parseJobPayload,
  sealedMailSchema,
} from "./payloads";
import { unseal } from "./seal";
import { log } from "@/lib/log";

export interface WorkerOptions {
  connectionString?: string;
  smtpUrl?: string;
  /** Parallel fetch loops (each takes a batch of jobs and sends it over the pooled connections). */
  concurrency?: number;
  /** Jobs fetched per loop iteration. */
  batchSize?: number;
  /** Messages in flight at once per batch (the SMTP pool has as many connections). */
  sendConcurrency?: number;
  log?: (line: string) => void;
  /** The fallback poll when no NOTIFY wakes the worker (seconds, default 0.5). */
  pollingIntervalSeconds?: number;
}

export const EMAIL_BATCH_SIZE = 25;
export const EMAIL_SEND_CONCURRENCY = 5;

export interface WorkerHandle {
  boss: PgBoss;
  stop(): Promise<void>;
}

export type EmailJobOutcome = "sent" | "skipped";

/** Test hooks: what runs between the SMTP server's acceptance and the worker's record of it. */
export interface EmailJobHooks {
  afterAccept?: () => Promise<void>;
}

/** Thrown when another attempt at the same message holds its lease: pg-boss retries later. */
export class SendInProgressError extends Error {
  constructor() {
    super("Another attempt at this message is in progress; trying again later.");
  }
}

/** How long a claimed attempt is trusted to be alive: past its job's expiry, with a margin. */
export const sendLeaseSeconds = () => env().EMAIL_ATTEMPT_TIMEOUT_SECONDS * 2;

/**
 * One attempt at one job. Throws to let pg-boss retry it with back-off.
 *
 * A share email is tracked: it is claimed in EmailSend before the SMTP hand-off (a lease: a
 * second worker that fetched the same job after an expiry does not send it while the first
 * may still be sending), carries a Message-ID derived from its key, and is marked sent in one
 * transaction with its share. What no SMTP client can close: a crash after the server
 * accepted the message and before that transaction commits. The retry then sends it again,
 * with the same Message-ID (see docs/decisions.md).
 */
export async function handleEmailJob(
  job: PgBoss.JobWithMetadata<unknown>,
  smtpUrl?: string,
  hooks: EmailJobHooks = {},
): Promise<EmailJobOutcome> {
  const { sealed, share } = parseJobPayload(EMAIL_QUEUE, job.id, emailJobSchema, job.data);
  // Idempotency for shares: a link already sent, revoked or replaced by a resend is not mailed.
  if (share && !(await shareAwaitsDelivery(share))) return "skipped";
  let mail = parseJobPayload(EMAIL_QUEUE, job.id, sealedMailSchema, openSealed(job.id, sealed));
  const sendKey = share ? shareSendKey(share, mail.to) : undefined;
  if (sendKey) {
    const claim = await claimEmailSend(sendKey, new Date(), sendLeaseSeconds());
    if (!claim.claimed) {
      if (claim.state === "SENT") return "skipped";
      throw new SendInProgressError();
    }
    if (claim.attempt > 1)
      log.warn(
        { jobId: job.id, attempt: claim.attempt },
        "re-sending a share email whose earlier attempt never finished (same Message-ID)",
      );
    mail = { ...mail, messageId: messageIdFor(sendKey, env().APP_URL) };
  }
  try {
    await deliverMail(mail, smtpUrl);
  } catch (error) {
    metrics().deliveryFailures.inc();
    const reason = smtpReason(error);
    // The sharer sees a fixed sentence; the raw SMTP answer is for the operator's log only.
    log.warn(
      { jobId: job.id, attempt: job.retryCount + 1, attempts: job.retryLimit + 1, reason },
      "email delivery failed",
    );
    if (sendKey) await releaseEmailSend(sendKey);
    if (share)
      await recordShareDeliveryFailure(
        share,
        friendlyDeliveryError(error),
        job.retryCount >= job.retryLimit,
      );
    throw new Error(reason);
  }
  await hooks.afterAccept?.();
  if (share) await markShareDelivered(share, new Date(), sendKey);
  metrics().deliveryDuration.observe(
    { outcome: "sent" },
    (Date.now() - job.createdOn.getTime()) / 1000,
  );
  return "sent";
}

/** The sealed mail's JSON, or a JobPayloadError (tampered with, or sealed under another AUTH_SECRET). */
function openSealed(jobId: string, sealed: string): unknown {
  try {
    return unseal<unknown>(sealed, env().AUTH_SECRET);
  } catch {
    const reason = "the sealed mail could not be opened (tampered with, or another AUTH_SECRET)";
    log.error({ queue: EMAIL_QUEUE, jobId, reason }, "job payload refused");
    throw new JobPayloadError(`Refused job payload: ${reason}`);
  }
}

/** A short reason for the log and pg-boss's job record; never the message content. */
export function smtpReason(error: unknown): string {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  const text = e.response ?? e.message ?? String(error);
  const reason = e.responseCode
    ? `SMTP ${e.responseCode}: ${text.replace(/^\d{3}\s*/, "")}`
    : e.code
      ? `${e.code}: ${text}`
      : text;
  return reason.slice(0, 300);
}

export async function startWorker(options: WorkerOptions = {}): Promise<WorkerHandle> {
  const connectionString = options.connectionString ?? env().DATABASE_URL;
  const say = options.log ?? ((line: string) => log.info(line));
  const boss = await startBoss(connectionString, "worker");
  const ids: string[] = [];
  const concurrency = options.concurrency ?? 2;
  const batchSize = options.batchSize ?? EMAIL_BATCH_SIZE;
  const sendConcurrency = options.sendConcurrency ?? EMAIL_SEND_CONCURRENCY;
  // A batch per fetch, sent a few at a time over pooled SMTP connections. Each job keeps its
  // own outcome, recorded as soon as it is known: a sent message is completed at once (were it
  // left active until the whole batch ends, a worker killed mid-batch would have it expire and
  // be sent again by another worker); a failed one is failed here (pg-boss retries it with
  // back-off). pg-boss then completes the batch, which only touches jobs still active.
  const handleBatch = async (jobs: PgBoss.JobWithMetadata<unknown>[]) => {
    await eachLimited(jobs, sendConcurrency, async (job) => {
      try {
        await handleEmailJob(job, options.smtpUrl);
      } catch (error) {
        await boss.fail(EMAIL_QUEUE, job.id, {
          message: error instanceof Error ? error.message : String(error),
        });
        return;
      }
      // Not thrown on: a throw would fail the batch's still-active jobs, this sent one included;
      // pg-boss's completion of the whole batch tries again.
      await boss.complete(EMAIL_QUEUE, job.id).catch(() => undefined);
    });
  };
  for (let i = 0; i < concurrency; i++) {
    ids.push(
      await boss.work<unknown>(
        EMAIL_QUEUE,
        {
          includeMetadata: true,
          batchSize,
          pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5,
        },
        handleBatch,
      ),
    );
  }
  ids.push(await startNotificationLoop(boss, options.pollingIntervalSeconds ?? 0.5));
  // The schedule is stored in pgboss.schedule: every worker registering it is the same row.
  await boss.schedule(OVERDUE_QUEUE, OVERDUE_CRON, {}, { tz: "UTC" });
  ids.push(
    await boss.work(OVERDUE_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
      const { notified } = await notifyOverdueActionItems();
      if (notified) say(`Overdue action items: ${notified} notified.`);
    }),
  );
  const listener = await listenForWakeUps(connectionString, () =>
    ids.forEach((id) => boss.notifyWorker(id)),
  );
  say(
    `Email worker started (${concurrency} loops, batches of ${batchSize}, ${sendConcurrency} sends at a time); notifications: 1 loop.`,
  );
  return {
    boss,
    async stop() {
      await listener.close();
      // Graceful: waits for attempts in flight; anything still active is failed and retried later.
      await boss.stop({ graceful: true, wait: true, timeout: 15_000 });
    },
  };
}

/** Outgoing notifications: a few at a time (each waits at most 10 s for its receiver). */
function startNotificationLoop(boss: PgBoss, pollingIntervalSeconds: number) {
  return boss.work<unknown>(
    NOTIFY_QUEUE,
    { includeMetadata: true, batchSize: 10, pollingIntervalSeconds },
    async (jobs) => {
      await eachLimited(jobs, 5, async (job) => {
        try {
          const data = parseJobPayload(NOTIFY_QUEUE, job.id, notifyJobSchema, job.data);
          await deliverNotification(data, {
            retryCount: job.retryCount,
            retryLimit: job.retryLimit,
          });
        } catch (error) {
          await boss.fail(NOTIFY_QUEUE, job.id, {
            message: error instanceof Error ? error.message : String(error),
          });
        }
      });
    },
  );
}

/** Runs `task` for every item, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
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
