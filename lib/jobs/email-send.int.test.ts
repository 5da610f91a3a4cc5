// Share emails and the gap between an SMTP server's acceptance and the worker's record of it,
// against a real SMTP sink and PostgreSQL. A "crash" is the afterAccept hook throwing: the
// message was accepted and nothing after it ran, as when the process dies at that moment.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type PgBoss from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listMail } from "@/lib/email/mailbox";
import { startMailSink, type MailSink } from "@/lib/email/sink";
import { env } from "@/lib/env";
import { publishReport } from "@/lib/sharing/int-fixtures";
import { expiryFrom, generateShareToken } from "@/lib/sharing/tokens";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { EMAIL_QUEUE } from "./boss";
import { enqueueMail, messageIdFor, shareSendKey, type EmailJobData } from "./email-queue";
import { senderBoss, stopSender } from "./sender";
import {
  handleEmailJob,
  SendInProgressError,
  sendLeaseSeconds,
  startWorker,
  type WorkerHandle,
} from "./worker";

class SimulatedCrash extends Error {}

let dir: string;
let sink: MailSink;
let outage = false;
const workers: WorkerHandle[] = [];
let fixture: { versionId: string; userId: string };
let seq = 0;

const mailTo = (to: string) => listMail(dir).filter((m) => m.to.includes(to));

async function until<T>(check: () => Promise<T> | T, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A share link and its queued email, as shareReport stores them (no worker running yet). */
async function queuedShare() {
  const to = `exactly.${Date.now()}.${++seq}@example.test`;
  const { tokenHash } = generateShareToken();
  const link = await testDb.shareLink.create({
    data: {
      reportVersionId: fixture.versionId,
      recipientEmail: to,
      tokenHash,
      expiresAt: expiryFrom(new Date(), 7),
      createdById: fixture.userId,
    },
  });
  const share = { id: link.id, tokenHash };
  const jobId = (await enqueueMail(
    { to, subject: "Incident report: INC-1 Checkout errors", text: "Read the report: …" },
    { key: `share:${share.id}:${share.tokenHash}`, share, retryDelay: 1 },
  ))!;
  const boss = await senderBoss();
  const job = (await boss.getJobById(EMAIL_QUEUE, jobId)) as PgBoss.JobWithMetadata<EmailJobData>;
  const key = shareSendKey(share, to);
  const state = async () => ({
    share: (await testDb.shareLink.findUniqueOrThrow({ where: { id: link.id } })).deliveryState,
    send: await testDb.emailSend.findUnique({ where: { key } }),
    job: (await boss.getJobById(EMAIL_QUEUE, jobId, { includeArchive: true }))?.state,
  });
  return { to, share, job, key, state };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "hindsight-exactly-"));
  sink = await startMailSink({ dir, failWhile: () => outage });
  const t = await createTeamWithMembers("Exactly once");
  const incident = await createIncident(t.team.id, t.owner.id, { title: "Checkout errors" });
  const version = await publishReport(incident, t.owner.id);
  fixture = { versionId: version.id, userId: t.owner.id };
});

afterEach(async () => {
  outage = false;
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});

afterAll(async () => {
  await stopSender();
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a share email's send record", () => {
  it("sends once with a Message-ID derived from share, link version and recipient; a redelivered job sends nothing", async () => {
    const q = await queuedShare();
    expect(await handleEmailJob(q.job, sink.url)).toBe("sent");
    const [mail] = mailTo(q.to);
    expect(mail!.messageId).toBe(messageIdFor(q.key, env().APP_URL));
    expect(await q.state()).toMatchObject({
      share: "SENT",
      send: { state: "SENT", attempts: 1, sentAt: expect.any(Date) },
    });
    // The same job fetched again (an expiry, a second worker): nothing is sent.
    expect(await handleEmailJob(q.job, sink.url)).toBe("skipped");
    expect(mailTo(q.to)).toHaveLength(1);
  });

  it("an SMTP refusal releases the claim: the retry sends at once, once", async () => {
    const q = await queuedShare();
    outage = true;
    await expect(handleEmailJob(q.job, sink.url)).rejects.toThrow(/SMTP 451/);
    expect(await q.state()).toMatchObject({ share: "QUEUED", send: null });
    outage = false;
    expect(await handleEmailJob(q.job, sink.url)).toBe("sent");
    expect(mailTo(q.to)).toHaveLength(1);
    expect((await q.state()).send).toMatchObject({ state: "SENT", attempts: 1 });
  });

  it("a crash after SMTP accepted: no second send while the attempt's lease holds; after it, one more copy with the same Message-ID", async () => {
    const q = await queuedShare();
    await expect(
      handleEmailJob(q.job, sink.url, {
        afterAccept: () => Promise.reject(new SimulatedCrash("killed")),
      }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    expect(mailTo(q.to)).toHaveLength(1);
    const firstId = mailTo(q.to)[0]!.messageId;
    expect(await q.state()).toMatchObject({
      share: "QUEUED",
      send: { state: "SENDING", attempts: 1 },
    });

    // A worker takes the job (still queued: the crashed attempt never completed it). The
    // attempt that crashed may, for all it knows, still be sending: it waits for the lease.
    workers.push(await startWorker({ smtpUrl: sink.url, log: () => undefined }));
    await until(async () => (await q.state()).job === "retry");
    await expect(handleEmailJob(q.job, sink.url)).rejects.toBeInstanceOf(SendInProgressError);
    expect(mailTo(q.to)).toHaveLength(1);

    // The lease runs out (as it would sendLeaseSeconds after the crash): the retry sends.
    await testDb.emailSend.update({
      where: { key: q.key },
      data: { startedAt: new Date(Date.now() - (sendLeaseSeconds() + 1) * 1000) },
    });
    await until(async () => (await q.state()).job === "completed");
    const copies = mailTo(q.to);
    // Not exactly once: SMTP cannot take back an accepted message. The copies are the same
    // message to a mail system that drops a Message-ID it already holds.
    expect(copies).toHaveLength(2);
    expect(copies.map((m) => m.messageId)).toEqual([firstId, firstId]);
    expect(await q.state()).toMatchObject({
      share: "SENT",
      send: { state: "SENT", attempts: 2 },
    });
  });

  it("a crash before SMTP accepted (the claim held, nothing sent) is delivered once after the lease", async () => {
    const q = await queuedShare();
    // The state a worker killed between its claim and the SMTP hand-off leaves behind.
    await testDb.emailSend.create({
      data: { key: q.key, startedAt: new Date(Date.now() - (sendLeaseSeconds() + 1) * 1000) },
    });
    workers.push(await startWorker({ smtpUrl: sink.url, log: () => undefined }));
    await until(async () => (await q.state()).job === "completed");
    expect(mailTo(q.to)).toHaveLength(1);
    expect((await q.state()).send).toMatchObject({ state: "SENT", attempts: 2 });
  });
});
