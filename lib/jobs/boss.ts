// pg-boss setup shared by the app (enqueueing) and the workers (in-app or `npm run worker`).
// Jobs live in PostgreSQL (schema "pgboss", created and migrated by pg-boss itself), so a
// queued email survives restarts and any number of app instances share one queue.
import PgBoss from "pg-boss";
import { PG_TIMEOUTS } from "@/lib/pg-timeouts";
import { errorFields, log } from "@/lib/log";

export const JOB_SCHEMA = "pgboss";
export const EMAIL_QUEUE = "email";
/** Outgoing notifications (lib/notifications): one job per delivery to one target. */
export const NOTIFY_QUEUE = "notification";
/** The scheduled overdue action item sweep (lib/notifications/overdue.ts). */
export const OVERDUE_QUEUE = "action-items-overdue";
/** Every 10 minutes: an item is reported within 10 minutes of midnight UTC of the day after its due day. */
export const OVERDUE_CRON = "*/10 * * * *";
/** NOTIFY channel that wakes idle workers as soon as a job is queued (polling is the fallback). */
export const WAKE_CHANNEL = "hindsight_jobs";

/**
 * Retry policy for email: 6 retries with exponential back-off from 2 s (pg-boss doubles the
 * delay with jitter: about 2, 4, 8, 16, 32, 64 s), i.e. about two minutes of SMTP outage are
 * ridden out before a message is given up as failed.
 */
export const emailRetryPolicy = { retryLimit: 6, retryDelay: 2, retryBackoff: true };
/**
 * An attempt that has not finished after this long is considered lost (its worker died) and
 * retried by another worker: EMAIL_ATTEMPT_TIMEOUT_SECONDS, default 60. Keep it well above the
 * SMTP socket timeout (30 s, lib/email/smtp.ts), or a slow but live attempt is sent twice.
 */
export const EMAIL_EXPIRE_SECONDS = 60;
/** How often workers look for lost attempts (pg-boss maintenance): QUEUE_MAINTENANCE_SECONDS, default 30. */
export const QUEUE_MAINTENANCE_SECONDS = 30;

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isInteger(n) && n >= 1 ? n : fallback;
}

export function queueTimings(source: Record<string, string | undefined> = process.env) {
  return {
    expireInSeconds: positiveInt(source.EMAIL_ATTEMPT_TIMEOUT_SECONDS, EMAIL_EXPIRE_SECONDS),
    maintenanceIntervalSeconds: positiveInt(
      source.QUEUE_MAINTENANCE_SECONDS,
      QUEUE_MAINTENANCE_SECONDS,
    ),
  };
}

/**
 * Retry policy for notifications: 6 retries with exponential back-off from 5 s (about 5, 10,
 * 20, 40, 80, 160 s, each up to twice that with jitter), so a receiver that is down for a few
 * minutes still gets the event; then the delivery is marked failed (and counts towards turning
 * the target off, lib/notifications/mutations.ts).
 */
export const notifyRetryPolicy = { retryLimit: 6, retryDelay: 5, retryBackoff: true };

export type BossRole = "sender" | "worker";

export function bossOptions(connectionString: string, role: BossRole): PgBoss.ConstructorOptions {
  // pg-boss hands its options to pg.Pool, so the shared timeouts apply to its connections too.
  const timeouts = PG_TIMEOUTS as Partial<PgBoss.ConstructorOptions>;
  return {
    ...timeouts,
    connectionString,
    schema: JOB_SCHEMA,
    application_name: `hindsight-${role}`,
    max: role === "sender" ? 3 : 4,
    migrate: true,
    // Maintenance (expiring lost attempts, archiving) runs in workers only; pg-boss makes
    // concurrent supervisors safe with advisory locks.
    supervise: role === "worker",
    maintenanceIntervalSeconds: queueTimings().maintenanceIntervalSeconds,
    // Cron schedules (the overdue sweep) are kept by workers; pg-boss lets one of them send each run.
    schedule: role === "worker",
    pollingIntervalSeconds: 0.5,
    deleteAfterDays: 7,
  };
}

export async function startBoss(connectionString: string, role: BossRole): Promise<PgBoss> {
  const boss = new PgBoss(bossOptions(connectionString, role));
  boss.on("error", (error: Error) => log.error({ ...errorFields(error), role }, "job queue error"));
  await boss.start();
  const { expireInSeconds } = queueTimings();
  await boss.createQueue(EMAIL_QUEUE, {
    name: EMAIL_QUEUE,
    policy: "standard",
    ...emailRetryPolicy,
    expireInSeconds,
  });
  // The queue keeps the timeout it was created with (jobs take it when queued); workers own the
  // delivery policy, so a worker started with another EMAIL_ATTEMPT_TIMEOUT_SECONDS updates it.
  if (role === "worker") {
    const queue = await boss.getQueue(EMAIL_QUEUE);
    if (queue && queue.expireInSeconds !== expireInSeconds)
      await boss.updateQueue(EMAIL_QUEUE, {
        name: EMAIL_QUEUE,
        policy: "standard",
        ...emailRetryPolicy,
        expireInSeconds,
      });
  }
  // An attempt times out after 10 s (lib/notifications/send.ts); 60 s covers the bookkeeping.
  await boss.createQueue(NOTIFY_QUEUE, {
    name: NOTIFY_QUEUE,
    policy: "standard",
    ...notifyRetryPolicy,
    expireInSeconds: 60,
  });
  // Stately: at most one sweep waiting and one running, however many workers the cron wakes.
  await boss.createQueue(OVERDUE_QUEUE, {
    name: OVERDUE_QUEUE,
    policy: "stately",
    retryLimit: 2,
    retryDelay: 60,
    expireInSeconds: 300,
  });
  return boss;
}

/** Wakes listening workers; inside a transaction the notification is delivered on commit. */
export async function wakeWorkers(db: PgBoss.Db, queue = EMAIL_QUEUE) {
  // pg_notify returns void, which some drivers cannot decode: select from it instead.
  await db.executeSql("SELECT count(*)::int AS n FROM (SELECT pg_notify($1, $2)) AS wake", [
    WAKE_CHANNEL,
    queue,
  ]);
}
