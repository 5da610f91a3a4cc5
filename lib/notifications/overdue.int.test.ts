import { afterAll, describe, expect, it } from "vitest";
import { EMAIL_QUEUE, OVERDUE_CRON, OVERDUE_QUEUE } from "@/lib/jobs/boss";
import { jobIdForKey } from "@/lib/jobs/email-queue";
import { seal, unseal } from "@/lib/jobs/seal";
import { senderBoss, stopSender } from "@/lib/jobs/sender";
import { startWorker } from "@/lib/jobs/worker";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { notificationEventSchema } from "./events";
import { notifyOverdueActionItems } from "./overdue";

afterAll(async () => {
  await stopSender();
});

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function mailJob(itemId: string) {
  const boss = await senderBoss();
  const job = await boss.getJobById(EMAIL_QUEUE, jobIdForKey(`overdue:${itemId}`), {
    includeArchive: true,
  });
  return job
    ? unseal<{ to: string; subject: string; text: string }>(
        (job.data as { sealed: string }).sealed,
        process.env.AUTH_SECRET!,
      )
    : null;
}

describe("the overdue action item sweep", () => {
  it("notifies each overdue open item once: the owner by email, subscribed targets by event", async () => {
    const t = await createTeamWithMembers("Overdue");
    const other = await createTeamWithMembers("Elsewhere");
    const incident = await createIncident(t.team.id, t.owner.id, { title: "Queue backlog" });
    const otherIncident = await createIncident(other.team.id, other.owner.id);
    const target = await testDb.notificationTarget.create({
      data: {
        teamId: t.team.id,
        kind: "WEBHOOK",
        name: "ops",
        urlSealed: seal("http://127.0.0.1:9/x", process.env.AUTH_SECRET!),
        urlHost: "127.0.0.1:9",
        secretSealed: seal("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", process.env.AUTH_SECRET!),
        events: ["action_item.overdue"],
      },
    });
    const silent = await testDb.notificationTarget.create({
      data: {
        teamId: t.team.id,
        kind: "SLACK",
        name: "chat",
        urlSealed: seal("http://127.0.0.1:9/y", process.env.AUTH_SECRET!),
        urlHost: "127.0.0.1:9",
        events: ["incident.opened"],
      },
    });
    const item = (
      title: string,
      data: {
        dueDate?: Date | null;
        status?: "OPEN" | "IN_PROGRESS" | "DONE" | "WONT_DO";
        ownerId?: string | null;
        teamId?: string;
        incidentId?: string;
      },
    ) =>
      testDb.actionItem.create({
        data: {
          teamId: data.teamId ?? t.team.id,
          incidentId: data.incidentId ?? incident.id,
          title,
          dueDate: data.dueDate ?? null,
          status: data.status ?? "OPEN",
          ownerId: data.ownerId === undefined ? t.editor.id : data.ownerId,
        },
      });
    const now = new Date("2026-12-03T09:00:00Z");
    // The sweep is database-wide (a system job): first claim what earlier test files left overdue.
    while ((await notifyOverdueActionItems(now)).notified > 0);
    const late = await item("Add a replica", { dueDate: day("2026-12-01") });
    const lateInProgress = await item("Alert on lag", {
      dueDate: day("2026-12-02"),
      status: "IN_PROGRESS",
      ownerId: null,
    });
    const dueToday = await item("Due today", { dueDate: day("2026-12-03") });
    await item("Done late", { dueDate: day("2026-11-01"), status: "DONE" });
    await item("No date", {});
    const elsewhere = await item("Other team's", {
      dueDate: day("2026-11-30"),
      teamId: other.team.id,
      incidentId: otherIncident.id,
      ownerId: other.editor.id,
    });

    expect(await notifyOverdueActionItems(now)).toEqual({ notified: 3 });
    const notified = await testDb.actionItem.findMany({
      where: { overdueNotifiedAt: { not: null }, teamId: { in: [t.team.id, other.team.id] } },
      select: { id: true },
    });
    expect(notified.map((n) => n.id).sort()).toEqual(
      [late.id, lateInProgress.id, elsewhere.id].sort(),
    );

    // The owner's email, queued with the item's key; an item without owner sends none.
    const mail = await mailJob(late.id);
    expect(mail).toMatchObject({ to: t.editor.email, subject: "Overdue: Add a replica (INC-1)" });
    expect(mail!.text).toContain(`/incidents/${incident.id}/actions`);
    expect(await mailJob(lateInProgress.id)).toBeNull();

    // One delivery per item to the target that chose the event; none to the one that did not.
    const deliveries = await testDb.notificationDelivery.findMany({
      where: { targetId: target.id },
      orderBy: { eventId: "asc" },
    });
    expect(deliveries.map((d) => d.eventId).sort()).toEqual(
      [`action_item.overdue:${late.id}`, `action_item.overdue:${lateInProgress.id}`].sort(),
    );
    const event = notificationEventSchema.parse(
      deliveries.find((d) => d.eventId.endsWith(late.id))!.event,
    );
    expect(event.data.actionItem).toMatchObject({
      title: "Add a replica",
      dueDate: "2026-12-01T00:00:00.000Z",
      owner: t.editor.name,
    });
    expect(event.data.incident).toMatchObject({ key: "INC-1", title: "Queue backlog" });
    expect(await testDb.notificationDelivery.count({ where: { targetId: silent.id } })).toBe(0);

    // Exactly once: the next run finds nothing; days later only the item due "today" is new.
    expect(await notifyOverdueActionItems(now)).toEqual({ notified: 0 });
    // (Database-wide: other files' items may fall due by then too; this team's are checked below.)
    expect(
      (await notifyOverdueActionItems(new Date("2026-12-09T09:00:00Z"))).notified,
    ).toBeGreaterThanOrEqual(1);
    expect(
      (await testDb.actionItem.findUniqueOrThrow({ where: { id: dueToday.id } })).overdueNotifiedAt,
    ).not.toBeNull();
    const all = await testDb.notificationDelivery.findMany({
      where: { targetId: target.id },
      select: { eventId: true },
    });
    expect(all.map((d) => d.eventId).sort()).toEqual(
      [late.id, lateInProgress.id, dueToday.id].map((id) => `action_item.overdue:${id}`).sort(),
    );
  });

  it("is scheduled by the worker, and a run of the scheduled job does the sweep", async () => {
    const t = await createTeamWithMembers("Scheduled");
    const incident = await createIncident(t.team.id, t.owner.id);
    const item = await testDb.actionItem.create({
      data: {
        teamId: t.team.id,
        incidentId: incident.id,
        title: "Rotate keys",
        dueDate: new Date(Date.now() - 3 * 86_400_000),
        ownerId: t.owner.id,
      },
    });
    const worker = await startWorker({ smtpUrl: "smtp://127.0.0.1:9", log: () => undefined });
    try {
      const schedules = await worker.boss.getSchedules();
      expect(schedules).toContainEqual(
        expect.objectContaining({ name: OVERDUE_QUEUE, cron: OVERDUE_CRON, timezone: "UTC" }),
      );
      // What the cron sends each time (without waiting for the clock).
      await (await senderBoss()).send(OVERDUE_QUEUE, {});
      const end = Date.now() + 20_000;
      for (;;) {
        const row = await testDb.actionItem.findUniqueOrThrow({ where: { id: item.id } });
        if (row.overdueNotifiedAt) break;
        if (Date.now() > end) throw new Error("the scheduled sweep did not run");
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(await mailJob(item.id)).toMatchObject({ to: t.owner.email });
    } finally {
      await worker.stop();
    }
  });
});
