import "server-only";
// The email worker's idempotency records (EmailSend): claimed before a tracked message is
// handed to SMTP, so two workers never send it at once, and what a retry learns from them.
import { db } from "@/lib/db";

export type SendClaim =
  /** This attempt may send. `attempt` > 1: an earlier one ended without success or release. */
  | { claimed: true; attempt: number }
  /** Already sent (SENT), or another attempt holds the lease (SENDING). */
  | { claimed: false; state: "SENT" | "SENDING" };

/**
 * Claims `key` for one attempt: a new record, or one whose attempt started more than
 * `leaseSeconds` ago (its worker died or stalled past its job's expiry). One statement: the
 * row lock of the upsert serialises workers racing for the same message.
 */
export async function claimEmailSend(
  key: string,
  now: Date,
  leaseSeconds: number,
): Promise<SendClaim> {
  const staleBefore = new Date(now.getTime() - leaseSeconds * 1000);
  const rows = await db.$queryRaw<{ attempts: number }[]>`
    INSERT INTO "EmailSend" AS s ("key", "state", "attempts", "startedAt")
    VALUES (${key}, 'SENDING', 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET "attempts" = s."attempts" + 1, "startedAt" = ${now}
    WHERE s."state" = 'SENDING' AND s."startedAt" < ${staleBefore}
    RETURNING "attempts"`;
  if (rows[0]) return { claimed: true, attempt: Number(rows[0].attempts) };
  const row = await db.emailSend.findUnique({ where: { key }, select: { state: true } });
  return { claimed: false, state: row?.state ?? "SENDING" };
}

/** SMTP refused or could not be reached: the next attempt may send at once, as a first one. */
export async function releaseEmailSend(key: string) {
  await db.emailSend.deleteMany({ where: { key, state: "SENDING" } });
}
