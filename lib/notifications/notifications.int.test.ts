import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { initialResult } from "@/lib/action-result";
import { createIncidentAction, updateIncidentAction } from "@/lib/incidents/actions";
import { NOTIFY_QUEUE } from "@/lib/jobs/boss";
import { jobIdForKey } from "@/lib/jobs/email-queue";
import { senderBoss, stopSender } from "@/lib/jobs/sender";
import { startWorker, type WorkerHandle } from "@/lib/jobs/worker";
import { form, redirectOf } from "@/test/actions";
import { createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import {
  createTargetAction,
  deleteTargetAction,
  disableTargetAction,
  enableTargetAction,
  sendTestEventAction,
} from "./actions";
import { deliverNotification, DeliveryFailed } from "./deliver";
import { notificationEventSchema } from "./events";
import { mattermostIncomingWebhookSchema, slackIncomingWebhookSchema } from "./fixtures/formats";
import { DISABLE_AFTER_FAILURES } from "./mutations";
import { startReceiver, type Receiver } from "./receiver";
import { checkTargetUrl, postJson } from "./send";

let receiver: Receiver;
let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
const workers: WorkerHandle[] = [];
const quiet = { log: () => undefined };

type Falsy = null | undefined | false;

async function until<T>(
  check: () => Promise<T | Falsy> | T | Falsy,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as T;
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

function targetForm(fields: { name: string; kind: string; url: string; events: string[] }) {
  const fd = form({ name: fields.name, kind: fields.kind, url: fields.url });
  for (const e of fields.events) fd.append("events", e);
  return fd;
}

const ALL = [
  "incident.opened",
  "incident.status_changed",
  "incident.severity_changed",
  "report.published",
  "action_item.overdue",
];

async function addTarget(kind: string, path: string, events = ALL) {
  const result = await createTargetAction(
    initialResult,
    targetForm({ name: `${kind} ${path}`, kind, url: receiver.url(path), events }),
  );
  expect(result).toMatchObject({ ok: true });
  return (result as { data: { id: string; secret: string | null } }).data;
}

const incidentFields = {
  title: "Checkout API returning 502s",
  severity: "SEV2",
  status: "INVESTIGATING",
  timeZone: "UTC",
  startedAt: "2026-01-10T15:02",
  detectedAt: "",
  acknowledgedAt: "",
  mitigatedAt: "",
  resolvedAt: "",
  summary: "",
  customerImpact: "",
  services: "checkout",
  tags: "",
  commanderId: "",
};

async function openIncident(title = incidentFields.title) {
  const url = await redirectOf(
    createIncidentAction(initialResult, form({ ...incidentFields, title })),
  );
  return url.split("/").pop()!;
}

const deliveriesOf = (targetId: string) =>
  testDb.notificationDelivery.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  receiver = await startReceiver();
});

beforeEach(async () => {
  t = await createTeamWithMembers("Notify");
  signInAs(t.owner.id, t.team.id);
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});

afterAll(async () => {
  await stopSender();
  await receiver.close();
});

describe("delivery through the queue", () => {
  it("signs a generic webhook per Standard Webhooks and sends the incident's events once each", async () => {
    const hook = await addTarget("WEBHOOK", "/hook-a");
    expect(hook.secret).toMatch(/^whsec_/);
    const stored = await testDb.notificationTarget.findUniqueOrThrow({ where: { id: hook.id } });
    // Neither the URL nor the secret is stored in the clear.
    expect(JSON.stringify(stored)).not.toContain(hook.secret!.slice(6));
    expect(stored.urlSealed).not.toContain("127.0.0.1");
    expect(stored.urlHost).toMatch(/^127\.0\.0\.1:\d+$/);

    workers.push(await startWorker({ smtpUrl: "smtp://127.0.0.1:9", ...quiet }));
    const incidentId = await openIncident();
    const [first] = await until(() =>
      receiver.on("/hook-a").length === 1 ? receiver.on("/hook-a") : null,
    );
    const payload = new Webhook(hook.secret!).verify(
      first!.body,
      first!.headers as Record<string, string>,
    );
    const event = notificationEventSchema.parse(payload);
    expect(event).toMatchObject({
      type: "incident.opened",
      data: {
        team: { id: t.team.id, name: "Notify" },
        incident: {
          id: incidentId,
          key: "INC-1",
          title: incidentFields.title,
          severity: "SEV2",
          status: "INVESTIGATING",
        },
      },
    });
    expect(event.data.incident!.url).toMatch(new RegExp(`/incidents/${incidentId}$`));
    expect(first!.headers["webhook-id"]).toMatch(/^msg_/);
    expect(() =>
      new Webhook(hook.secret!).verify(
        first!.body.replace("INC-1", "INC-2"),
        first!.headers as Record<string, string>,
      ),
    ).toThrow();

    // A save that changes status and severity: one event each; a save that changes neither: none.
    await updateIncidentAction(
      initialResult,
      form({
        ...incidentFields,
        id: incidentId,
        version: 1,
        status: "RESOLVED",
        resolvedAt: "2026-01-10T16:00",
        severity: "SEV1",
      }),
    ).catch(() => undefined);
    await updateIncidentAction(
      initialResult,
      form({
        ...incidentFields,
        id: incidentId,
        version: 2,
        status: "RESOLVED",
        resolvedAt: "2026-01-10T16:00",
        severity: "SEV1",
        summary: "Failover.",
      }),
    ).catch(() => undefined);
    await until(() => receiver.on("/hook-a").length >= 3);
    const types = receiver.on("/hook-a").map((r) => (JSON.parse(r.body) as { type: string }).type);
    expect(types.sort()).toEqual([
      "incident.opened",
      "incident.severity_changed",
      "incident.status_changed",
    ]);
    const status = receiver
      .on("/hook-a")
      .map((r) => JSON.parse(r.body) as { type: string; data: { change?: unknown } })
      .find((e) => e.type === "incident.status_changed")!;
    expect(status.data.change).toEqual({ field: "status", from: "INVESTIGATING", to: "RESOLVED" });

    const rows = await until(async () => {
      const list = await deliveriesOf(hook.id);
      return list.every((d) => d.state === "DELIVERED") ? list : null;
    });
    expect(rows).toHaveLength(3);
    for (const d of rows)
      expect(d).toMatchObject({
        attempts: 1,
        responseStatus: 200,
        lastError: null,
        latencyMs: expect.any(Number),
      });
  });

  it("posts Block Kit to Slack and Markdown to Mattermost, only for the events each chose", async () => {
    await addTarget("SLACK", "/slack", ["incident.opened"]);
    await addTarget("MATTERMOST", "/mm", ["incident.status_changed"]);
    workers.push(await startWorker({ smtpUrl: "smtp://127.0.0.1:9", ...quiet }));
    await openIncident("Payments <!channel> down");
    const [slack] = await until(() =>
      receiver.on("/slack").length ? receiver.on("/slack") : null,
    );
    const body = slackIncomingWebhookSchema.parse(JSON.parse(slack!.body));
    expect(body.text).toBe("INC-1 opened (SEV2): Payments &lt;!channel&gt; down");
    expect(body.blocks?.map((b) => b.type)).toEqual(["header", "section", "context"]);
    // Slack webhooks are not signed: no Standard Webhooks headers leak a secret there.
    expect(slack!.headers["webhook-signature"]).toBeUndefined();
    // Mattermost chose status changes only: nothing yet.
    expect(receiver.on("/mm")).toHaveLength(0);
  });

  it("hands a failed attempt back to pg-boss for a retry with back-off", async () => {
    const hook = await addTarget("WEBHOOK", "/flaky");
    receiver.answer("/flaky", 503, "busy");
    workers.push(await startWorker({ smtpUrl: "smtp://127.0.0.1:9", ...quiet }));
    await openIncident();
    const [delivery] = await until(async () => {
      const list = await deliveriesOf(hook.id);
      return list[0]?.attempts ? list : null;
    });
    expect(delivery).toMatchObject({
      state: "QUEUED",
      attempts: 1,
      responseStatus: 503,
      lastError: "HTTP 503: busy",
    });
    const boss = await senderBoss();
    const job = await until(async () => {
      const j = await boss.getJobById(NOTIFY_QUEUE, jobIdForKey(`notify:${delivery!.id}`), {
        includeArchive: true,
      });
      return j?.state === "retry" ? j : null;
    });
    expect(job).toMatchObject({ retryLimit: 6, retryBackoff: true });
    expect(job.startAfter.getTime()).toBeGreaterThan(Date.now());
  });
});

describe("attempt bookkeeping", () => {
  it("records a failure and a later success; turns the target off after repeated failed deliveries", async () => {
    const hook = await addTarget("WEBHOOK", "/down");
    receiver.answer("/down", 500, "boom");
    await openIncident("First");
    const [d] = await deliveriesOf(hook.id);
    await expect(
      deliverNotification({ deliveryId: d!.id }, { retryCount: 0, retryLimit: 6 }),
    ).rejects.toBeInstanceOf(DeliveryFailed);
    expect(
      await testDb.notificationDelivery.findUniqueOrThrow({ where: { id: d!.id } }),
    ).toMatchObject({ state: "QUEUED", attempts: 1, responseStatus: 500 });
    receiver.answer("/down", 204);
    expect(await deliverNotification({ deliveryId: d!.id }, { retryCount: 1, retryLimit: 6 })).toBe(
      "delivered",
    );
    expect(
      await testDb.notificationDelivery.findUniqueOrThrow({ where: { id: d!.id } }),
    ).toMatchObject({ state: "DELIVERED", attempts: 2, responseStatus: 204, lastError: null });
    // Delivered is final: a stray second job sends nothing.
    const before = receiver.on("/down").length;
    expect(await deliverNotification({ deliveryId: d!.id }, { retryCount: 2, retryLimit: 6 })).toBe(
      "skipped",
    );
    expect(receiver.on("/down")).toHaveLength(before);

    receiver.answer("/down", 500, "boom");
    for (let i = 0; i < DISABLE_AFTER_FAILURES; i++) {
      await openIncident(`Failing ${i}`);
      const last = (await deliveriesOf(hook.id)).at(-1)!;
      const failure = await deliverNotification(
        { deliveryId: last.id },
        { retryCount: 6, retryLimit: 6 },
      ).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(DeliveryFailed);
      expect((failure as DeliveryFailed).targetDisabled).toBe(i === DISABLE_AFTER_FAILURES - 1);
    }
    const target = await testDb.notificationTarget.findUniqueOrThrow({ where: { id: hook.id } });
    expect(target.disabledAt).not.toBeNull();
    expect(target.disabledReason).toBe(
      `Turned off after ${DISABLE_AFTER_FAILURES} deliveries in a row failed (last: HTTP 500: boom). Fix the receiver, send a test event, then turn it back on.`,
    );
    expect((await deliveriesOf(hook.id)).filter((x) => x.state === "FAILED")).toHaveLength(
      DISABLE_AFTER_FAILURES,
    );

    // Turned off: new incidents queue nothing for it, but a test event still goes.
    const count = (await deliveriesOf(hook.id)).length;
    await openIncident("While off");
    expect(await deliveriesOf(hook.id)).toHaveLength(count);
    expect(await sendTestEventAction(initialResult, form({ targetId: hook.id }))).toMatchObject({
      ok: true,
    });
    const test = (await deliveriesOf(hook.id)).at(-1)!;
    expect(test.eventType).toBe("test");
    receiver.answer("/down", 200);
    expect(
      await deliverNotification({ deliveryId: test.id }, { retryCount: 0, retryLimit: 6 }),
    ).toBe("delivered");
    expect(await enableTargetAction(initialResult, form({ targetId: hook.id }))).toMatchObject({
      ok: true,
    });
    expect(
      await testDb.notificationTarget.findUniqueOrThrow({ where: { id: hook.id } }),
    ).toMatchObject({ disabledAt: null, disabledReason: null, consecutiveFailures: 0 });
  });

  it("the same change emitted twice queues one delivery per target", async () => {
    const hook = await addTarget("MATTERMOST", "/mm-dedupe", ["incident.opened"]);
    const incidentId = await openIncident();
    const { recordAudit } = await import("@/lib/audit/mutations");
    await testDb.$transaction((tx) =>
      recordAudit(tx, {
        teamId: t.team.id,
        actorId: t.owner.id,
        action: "incident.create",
        entityType: "Incident",
        entityId: incidentId,
        incidentId,
        data: {},
      }),
    );
    expect(await deliveriesOf(hook.id)).toHaveLength(1);
    const [d] = await deliveriesOf(hook.id);
    expect(await deliverNotification({ deliveryId: d!.id }, { retryCount: 0, retryLimit: 6 })).toBe(
      "delivered",
    );
    expect(
      mattermostIncomingWebhookSchema.parse(JSON.parse(receiver.on("/mm-dedupe")[0]!.body)).text,
    ).toContain("INC-1 opened \\(SEV2\\)");
  });
});

describe("settings input and authorization", () => {
  it("refuses bad input field by field and saves nothing", async () => {
    const bad = await createTargetAction(
      initialResult,
      targetForm({ name: "", kind: "FAX", url: "not a url", events: [] }),
    );
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: {
        name: [expect.any(String)],
        kind: ["Choose where to send."],
        events: ["Choose at least one event to send."],
      },
    });
    const url = await createTargetAction(
      initialResult,
      targetForm({ name: "x", kind: "SLACK", url: "not a url", events: ["incident.opened"] }),
    );
    expect(url).toMatchObject({
      ok: false,
      fieldErrors: { url: ["Enter the full URL, starting with https://."] },
    });
    expect(await testDb.notificationTarget.count({ where: { teamId: t.team.id } })).toBe(0);
  });

  it("refuses private and loopback addresses unless the operator allows them", async () => {
    for (const url of [
      "https://127.0.0.1/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://localhost/hook",
      "https://[::1]/hook",
      "https://10.0.0.5/x",
    ]) {
      expect(await checkTargetUrl(url, false), url).toMatch(
        /^This address points inside a private network/,
      );
    }
    expect(await checkTargetUrl("http://hooks.example.com/x", false)).toBe("Use an https:// URL.");
    expect(await checkTargetUrl("https://user:pw@hooks.example.com/x", false)).toBe(
      "Leave user names and passwords out of the URL.",
    );
    expect(await checkTargetUrl(receiver.url("/ok"), true)).toBeNull();
    // At send time too, by address and by name (a DNS answer can change after saving).
    const before = receiver.requests.length;
    await expect(
      postJson(receiver.url("/ssrf"), "{}", {}, { allowPrivate: false }),
    ).rejects.toThrow(/private network/);
    await expect(
      postJson(
        receiver.url("/ssrf").replace("127.0.0.1", "localhost"),
        "{}",
        {},
        { allowPrivate: false },
      ),
    ).rejects.toThrow(/private network/);
    expect(receiver.requests.length).toBe(before);
  });

  it("only owners manage targets; another team's target is not found", async () => {
    const hook = await addTarget("WEBHOOK", "/owned");
    signInAs(t.editor.id, t.team.id);
    expect(await sendTestEventAction(initialResult, form({ targetId: hook.id }))).toMatchObject({
      ok: false,
      message: "You do not have permission to do that.",
    });
    const other = await createTeamWithMembers("Other");
    signInAs(other.owner.id, other.team.id);
    for (const action of [sendTestEventAction, disableTargetAction, deleteTargetAction]) {
      expect(await action(initialResult, form({ targetId: hook.id }))).toMatchObject({
        ok: false,
        message: "Notification target not found.",
      });
    }
    expect(
      await testDb.notificationTarget.findUniqueOrThrow({ where: { id: hook.id } }),
    ).toMatchObject({ disabledAt: null });
    expect(await deliveriesOf(hook.id)).toHaveLength(0);
  });
});
