// Enqueueing email. The message is sealed (see seal.ts) and stored as a pg-boss job; the
// worker (worker.ts) delivers it. Optional idempotency key and share tracking.
import { createHash } from "node:crypto";
import type PgBoss from "pg-boss";
import type { OutgoingMail } from "@/lib/email/types";
import { env } from "@/lib/env";
import { EMAIL_QUEUE, wakeWorkers } from "./boss";
import { seal } from "./seal";
import { senderBoss } from "./sender";

import type { EmailJobData } from "./payloads";

export type { EmailJobData };
/** A share-link delivery the worker reports back on (ShareLink.deliveryState). */
export type TrackedShare = NonNullable<EmailJobData["share"]>;

export interface EnqueueOptions {
  /** Store the job through the caller's transaction: it exists exactly when that commits. */
  db?: PgBoss.Db;
  /** Idempotency key: a second enqueue with the same key stores nothing. */
  key?: string;
  /** Higher first; sign-in links jump ahead of bulk mail. */
  priority?: number;
  share?: TrackedShare;
  retryLimit?: number;
  retryDelay?: number;
}

/** A stable UUID for an idempotency key (pg-boss job ids are UUIDs, unique per queue). */
export function jobIdForKey(key: string): string {
  const h = createHash("sha256").update(key).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The idempotency key of a tracked share email: per share, link version (token) and recipient. */
export function shareSendKey(share: TrackedShare, recipient: string): string {
  return `share:${share.id}:${share.tokenHash}:${recipient.toLowerCase()}`;
}

/**
 * A Message-ID derived from the send key, the same for every attempt: should a message be
 * sent twice (a crash between the SMTP server's acceptance and the worker's record of it),
 * both copies carry it, and mail systems that drop a Message-ID they already hold show one.
 */
export function messageIdFor(key: string, appUrl: string): string {
  const h = createHash("sha256").update(key).digest("hex").slice(0, 40);
  return `<${h}.share@${new URL(appUrl).hostname}>`;
}

/** Returns the job id, or null when a job with the same idempotency key already exists. */
export async function enqueueMail(
  mail: OutgoingMail,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const boss = await senderBoss();
  const data: EmailJobData = {
    sealed: seal(mail, env().AUTH_SECRET),
    ...(options.share ? { share: options.share } : {}),
  };
  const sendOptions: PgBoss.SendOptions = {};
  if (options.key) sendOptions.id = jobIdForKey(options.key);
  if (options.priority) sendOptions.priority = options.priority;
  if (options.retryLimit !== undefined) sendOptions.retryLimit = options.retryLimit;
  if (options.retryDelay !== undefined) sendOptions.retryDelay = options.retryDelay;
  if (options.db) sendOptions.db = options.db;
  const id = await boss.send(EMAIL_QUEUE, data as unknown as object, sendOptions);
  await wakeWorkers(options.db ?? boss.getDb());
  return id;
}
