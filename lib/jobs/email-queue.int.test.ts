import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { listMail } from "@/lib/email/mailbox";
import { startMailSink, type MailSink } from "@/lib/email/sink";
import { sendMail } from "@/lib/email/send";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { EMAIL_QUEUE } from "./boss";
import { enqueueMail, jobIdForKey } from "./email-queue";
import { senderBoss, stopSender } from "./sender";
import { startWorker, type WorkerHandle } from "./worker";
import { publishReport } from "@/lib/sharing/int-fixtures";
import { log } from "@/lib/log";
import { seal } from "./seal";

let dir: string;
let sink: MailSink;
let outage = false;
const workers: WorkerHandle[] = [];

const quiet = { log: () => undefined };
const mailTo = (to: string) => listMail(dir).filter((m) => m.to.includes(to));

async function until<T>(check: () => Promise<T> | T, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function jobState(id: string) {
  const boss = await senderBoss();
  return (await boss.getJobById(EMAIL_QUEUE, id, { includeArchive: true }))?.state;
}

async function worker() {
  const w = await startWorker({ smtpUrl: sink.url, ...quiet });
  workers.push(w);
  return w;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "hindsight-queue-"));
  sink = await startMailSink({ dir, failWhile: () => outage });
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

describe("the durable email queue", () => {
  it("retries through an SMTP outage with back-off and delivers exactly once", async () => {
    outage = true;
    await worker();
    const to = `outage.${Date.now()}@example.test`;
    const id = (await enqueueMail(
      { to, subject: "Outage test", text: "hello" },
      { retryDelay: 1 },
    ))!;
    await until(async () => (await jobState(id)) === "retry");
    expect(mailTo(to)).toHaveLength(0);
    outage = false;
    await until(async () => (await jobState(id)) === "completed");
    const boss = await senderBoss();
    const job = await boss.getJobById(EMAIL_QUEUE, id, { includeArchive: true });
    expect(job!.retryCount).toBeGreaterThanOrEqual(1);
    expect(mailTo(to)).toHaveLength(1);
    expect(mailTo(to)[0]!.subject).toBe("Outage test");
  });

  it("delivers mail queued while no worker runs, once, after a new worker starts", async () => {
    const first = await worker();
    await first.stop();
    workers.splice(workers.indexOf(first), 1);
    const to = `restart.${Date.now()}@example.test`;
    const key = `restart:${to}`;
    await sendMail({ to, subject: "Queued while stopped", text: "still here" }, { key });
    const id = jobIdForKey(key);
    // Stored and waiting: nobody has picked it up.
    expect(await jobState(id)).toBe("created");
    expect(mailTo(to)).toHaveLength(0);
    await worker();
    await until(async () => (await jobState(id)) === "completed");
    // Completed is final for pg-boss: this job cannot deliver again, and it delivered once.
    expect(mailTo(to)).toHaveLength(1);
  });

  it("wakes an idle worker by NOTIFY instead of waiting for its next poll", async () => {
    // A poll interval far longer than the wait below: only the wake-up can deliver in time.
    // (How fast delivery is belongs to `npm run bench -- sharing`, not to this test.)
    await startWorker({ smtpUrl: sink.url, pollingIntervalSeconds: 600, ...quiet }).then((w) =>
      workers.push(w),
    );
    const to = `fast.${Date.now()}@example.test`;
    await sendMail({ to, subject: "Fast", text: "quick" });
    await until(() => mailTo(to).length === 1, 25_000);
  });

  it("stores one job per idempotency key and keeps the content sealed", async () => {
    const to = `key.${Date.now()}@example.test`;
    const key = `test:${to}`;
    const first = await enqueueMail({ to, subject: "Keyed", text: "SECRET-LINK-123" }, { key });
    const second = await enqueueMail({ to, subject: "Keyed", text: "SECRET-LINK-123" }, { key });
    expect(first).toBe(jobIdForKey(key));
    expect(second).toBeNull();
    const rows = await testDb.$queryRawUnsafe<{ data: unknown }[]>(
      `SELECT data FROM pgboss.job WHERE id = $1::uuid`,
      first,
    );
    expect(JSON.stringify(rows[0]!.data)).not.toContain("SECRET-LINK-123");
    await worker();
    await until(() => mailTo(to).length === 1);
  });

  it("marks a share FAILED with the reason after the last retry, and never mails a share twice", async () => {
    const { team, owner } = await createTeamWithMembers("Queue");
    const incident = await createIncident(team.id, owner.id);
    const version = await publishReport(incident, owner.id);
    const link = await testDb.shareLink.create({
      data: {
        reportVersionId: version.id,
        recipientEmail: `fail.${Date.now()}@example.test`,
        tokenHash: `h${Date.now()}`,
        expiresAt: new Date(Date.now() + 86_400_000),
        createdById: owner.id,
      },
    });
    outage = true;
    await worker();
    const share = { id: link.id, tokenHash: link.tokenHash };
    await enqueueMail(
      { to: link.recipientEmail, subject: "Share", text: "x" },
      { share, key: `s:${link.id}`, retryLimit: 1, retryDelay: 1 },
    );
    const failed = await until(async () => {
      const row = await testDb.shareLink.findUniqueOrThrow({ where: { id: link.id } });
      return row.deliveryState === "FAILED" ? row : null;
    });
    // A friendly sentence for the team, never the raw SMTP answer.
    expect(failed!.deliveryError).toBe("The mail server is busy or unavailable for now.");
    expect(failed!.deliveryError).not.toMatch(/451|simulated outage/);
    expect(mailTo(link.recipientEmail)).toHaveLength(0);

    // Once SENT, a stray second job for the same share is skipped.
    outage = false;
    await testDb.shareLink.update({ where: { id: link.id }, data: { deliveryState: "SENT" } });
    const again = (await enqueueMail(
      { to: link.recipientEmail, subject: "Share", text: "x" },
      { share },
    ))!;
    await until(async () => (await jobState(again)) === "completed");
    expect(mailTo(link.recipientEmail)).toHaveLength(0);
  });

  it("fails a job whose payload does not fit, with one log line, and keeps delivering the next", async () => {
    const logged = vi.spyOn(log, "error");
    await worker();
    const boss = await senderBoss();
    const bad = (await boss.send(EMAIL_QUEUE, { sealed: 42 }, { retryLimit: 0 }))!;
    // Sealed correctly but not a mail: no recipient.
    const noRecipient = (await boss.send(
      EMAIL_QUEUE,
      { sealed: seal({ subject: "x", text: "y" }, process.env.AUTH_SECRET!) },
      { retryLimit: 0 },
    ))!;
    const to = `after-bad.${Date.now()}@example.test`;
    await sendMail({ to, subject: "After a bad job", text: "still delivered" });
    await until(async () => (await jobState(bad)) === "failed");
    await until(async () => (await jobState(noRecipient)) === "failed");
    await until(() => mailTo(to).length === 1);
    const job = await boss.getJobById(EMAIL_QUEUE, bad, { includeArchive: true });
    expect(JSON.stringify(job!.output)).toContain("sealed: Invalid input: expected string");
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({
        queue: EMAIL_QUEUE,
        jobId: noRecipient,
        reason: expect.stringMatching(/^to: /),
      }),
      "job payload refused",
    );
    logged.mockRestore();
    // Later test files read every queued email and unseal it: leave no malformed job behind.
    await testDb.$executeRawUnsafe(
      `DELETE FROM pgboss.job WHERE id IN ($1::uuid, $2::uuid)`,
      bad,
      noRecipient,
    );
  });
});
