import { beforeEach, describe, expect, it } from "vitest";
import { mintTeamScope } from "@/lib/auth/scope";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import { initialResult } from "@/lib/action-result";
import {
  addTimelineEventAction,
  deleteTimelineEventAction,
  importTimelineAction,
  updateTimelineEventAction,
} from "./actions";
import { listTimeline } from "./data";
import { form } from "@/test/actions";

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
let other: Awaited<ReturnType<typeof createTeamWithMembers>>;
let incidentId: string;
let otherIncidentId: string;

beforeEach(async () => {
  t = await createTeamWithMembers("Timeline");
  other = await createTeamWithMembers("Other");
  // Started 2026-01-10 14:00 UTC (15:00 in Berlin).
  incidentId = (await createIncident(t.team.id, t.owner.id)).id;
  otherIncidentId = (await createIncident(other.team.id, other.owner.id)).id;
});

const eventFields = {
  timeZone: "Europe/Berlin",
  occurredAt: "2026-01-10T15:04:30",
  kind: "ALERT",
  body: "5xx above 5%",
  author: "grafana",
  isKey: "on",
};
const add = (fields: Record<string, string> = {}) =>
  addTimelineEventAction(initialResult, form({ incidentId, ...eventFields, ...fields }));
const events = (id = incidentId) =>
  testDb.timelineEvent.findMany({ where: { incidentId: id }, orderBy: { occurredAt: "asc" } });

describe("adding an event", () => {
  it("stores it in UTC with an audit event", async () => {
    signInAs(t.editor.id, t.team.id);
    expect(await add()).toEqual({ ok: true, message: "Event added." });
    const [e] = await events();
    expect(e).toMatchObject({
      occurredAt: new Date("2026-01-10T14:04:30Z"),
      kind: "ALERT",
      body: "5xx above 5%",
      author: "grafana",
      isKey: true,
      source: "MANUAL",
      version: 1,
    });
    expect(
      await testDb.auditEvent.findFirst({
        where: { entityId: e.id },
        select: { action: true, incidentId: true, actorId: true },
      }),
    ).toEqual({
      action: "timeline.create",
      incidentId,
      actorId: t.editor.id,
    });
  });

  it("refuses a viewer, a signed-out caller and another team's incident", async () => {
    signInAs(t.viewer.id, t.team.id);
    expect(await add()).toMatchObject({
      ok: false,
      message: "You do not have permission to do that.",
    });
    signInAs(null);
    expect(await add()).toMatchObject({
      ok: false,
      message: "Your session has ended. Sign in again.",
    });
    signInAs(t.editor.id, t.team.id);
    expect(
      await addTimelineEventAction(
        initialResult,
        form({ incidentId: otherIncidentId, ...eventFields }),
      ),
    ).toMatchObject({ ok: false, message: "Incident not found." });
    expect(
      await testDb.timelineEvent.count({
        where: { incidentId: { in: [incidentId, otherIncidentId] } },
      }),
    ).toBe(0);
    expect(
      await testDb.auditEvent.count({
        where: { incidentId: { in: [incidentId, otherIncidentId] } },
      }),
    ).toBe(0);
  });

  it("gives field-level messages and saves nothing", async () => {
    signInAs(t.editor.id, t.team.id);
    expect(await add({ body: "  ", kind: "RUMOUR", occurredAt: "later" })).toMatchObject({
      ok: false,
      fieldErrors: { body: ["Describe what happened."], kind: ["Choose a kind."] },
    });
    expect(await add({ occurredAt: "2026-02-30T10:00" })).toMatchObject({
      ok: false,
      fieldErrors: { occurredAt: ["That is not a date and time."] },
    });
    expect(await add({ body: "x".repeat(2001) })).toMatchObject({
      ok: false,
      fieldErrors: { body: [expect.stringMatching(/2000/)] },
    });
    expect(await events()).toEqual([]);
  });
});

describe("editing and deleting an event", () => {
  let eventId: string;
  beforeEach(async () => {
    signInAs(t.editor.id, t.team.id);
    await add();
    eventId = (await events())[0].id;
  });
  const edit = (fields: Record<string, string | number>) =>
    updateTimelineEventAction(
      initialResult,
      form({ incidentId, eventId, ...eventFields, ...fields }),
    );

  it("saves with a version bump and audits the changed fields", async () => {
    expect(await edit({ version: 1, body: "5xx above 10%", isKey: "" })).toEqual({
      ok: true,
      message: "Event saved.",
    });
    expect((await events())[0]).toMatchObject({ body: "5xx above 10%", isKey: false, version: 2 });
    const audit = await testDb.auditEvent.findFirstOrThrow({
      where: { entityId: eventId, action: "timeline.update" },
    });
    expect(audit.data).toEqual({
      version: 2,
      changes: {
        body: { from: "5xx above 5%", to: "5xx above 10%" },
        isKey: { from: true, to: false },
      },
    });
  });

  it("refuses a stale edit with what changed, and a stale delete", async () => {
    await edit({ version: 1, body: "First" });
    const result = await edit({ version: 1, body: "Second", kind: "NOTE" });
    expect(result).toMatchObject({
      ok: false,
      conflict: { changed: ["body"], current: { body: "First", version: 2 } },
    });
    expect(
      await deleteTimelineEventAction(initialResult, form({ incidentId, eventId, version: 1 })),
    ).toMatchObject({ ok: false, conflict: { changed: ["body"] } });
    expect((await events())[0]).toMatchObject({ body: "First", kind: "ALERT", version: 2 });
  });

  it("refuses a viewer, and an event id used through another incident", async () => {
    signInAs(t.viewer.id, t.team.id);
    expect(await edit({ version: 1, body: "viewer" })).toMatchObject({
      ok: false,
      message: "You do not have permission to do that.",
    });
    expect(
      await deleteTimelineEventAction(initialResult, form({ incidentId, eventId, version: 1 })),
    ).toMatchObject({ ok: false });
    // Another team's member passes their own incident with our event id.
    signInAs(other.owner.id, other.team.id);
    expect(
      await updateTimelineEventAction(
        initialResult,
        form({ ...eventFields, incidentId: otherIncidentId, eventId, version: 1 }),
      ),
    ).toMatchObject({ ok: false, message: "Timeline event not found." });
    expect(
      await deleteTimelineEventAction(
        initialResult,
        form({ incidentId: otherIncidentId, eventId, version: 1 }),
      ),
    ).toMatchObject({ ok: false, message: "Timeline event not found." });
    expect(
      await deleteTimelineEventAction(initialResult, form({ incidentId, eventId, version: 1 })),
    ).toMatchObject({ ok: false, message: "Incident not found." });
    expect((await events())[0]).toMatchObject({ body: "5xx above 5%", version: 1 });
  });

  it("deletes with an audit event", async () => {
    expect(
      await deleteTimelineEventAction(initialResult, form({ incidentId, eventId, version: 1 })),
    ).toEqual({ ok: true, message: "Event deleted." });
    expect(await events()).toEqual([]);
    expect(
      await testDb.auditEvent.findFirst({
        where: { entityId: eventId, action: "timeline.delete" },
        select: { incidentId: true },
      }),
    ).toEqual({ incidentId });
  });
});

describe("importing a chat log", () => {
  const chat =
    "23:58 alice: failover started\n[23:59:30] bob: writes failing\nbob: forgot the time\n00:02 alice: restarted the primary";
  const importText = (text: string, extra: Record<string, string | number> = {}) =>
    importTimelineAction(initialResult, form({ incidentId, timeZone: "UTC", text, ...extra }));

  it("imports every readable line in one go, in time order, rolling over midnight, with one audit event", async () => {
    signInAs(t.editor.id, t.team.id);
    const text = "14:02 alice: restarted the primary\n14:01 bob: saw errors\n";
    expect(await importText(text, { expectedCount: 2 })).toEqual({
      ok: true,
      message: "Imported 2 events.",
      data: { count: 2 },
    });
    expect(
      (await events()).map((e) => [e.occurredAt.toISOString(), e.author, e.body, e.source]),
    ).toEqual([
      ["2026-01-10T14:01:00.000Z", "bob", "saw errors", "CHAT"],
      ["2026-01-10T14:02:00.000Z", "alice", "restarted the primary", "CHAT"],
    ]);
    expect(
      await testDb.auditEvent.findFirst({
        where: { incidentId, action: "timeline.import" },
        select: { data: true },
      }),
    ).toEqual({ data: { count: 2, format: "chat" } });
  });

  it("stores the kind and key-event flag chosen in the preview, over the guess", async () => {
    signInAs(t.editor.id, t.team.id);
    const slack =
      "Jane Doe\n11:27 PM\nPagerDuty paged me\nyp\n11:29 PM\nrolled back the deploy\nyp\n11:31 PM\nlooking at graphs";
    const fd = form({ incidentId, timeZone: "UTC", text: slack, expectedCount: 3 });
    // Each message is known by its time line. Line 2 keeps its guess (alert, key); line 5 is
    // changed to a decision and not key; line 8 is made key.
    fd.append("kind.5", "DECISION");
    fd.append("key.5", "off");
    fd.append("key.8", "off");
    fd.append("key.8", "on");
    expect(await importTimelineAction(initialResult, fd)).toMatchObject({
      ok: true,
      data: { count: 3 },
    });
    expect(
      (await events()).map((e) => [e.occurredAt.toISOString(), e.author, e.body, e.kind, e.isKey]),
    ).toEqual([
      ["2026-01-10T23:27:00.000Z", "Jane Doe", "PagerDuty paged me", "ALERT", true],
      ["2026-01-10T23:29:00.000Z", "yp", "rolled back the deploy", "DECISION", false],
      ["2026-01-10T23:31:00.000Z", "yp", "looking at graphs", "NOTE", true],
    ]);
  });

  it("refuses text with unreadable lines unless the user chose to skip them", async () => {
    signInAs(t.editor.id, t.team.id);
    expect(await importText(chat)).toMatchObject({
      ok: false,
      fieldErrors: { text: [expect.stringMatching(/line 3: No time/)] },
    });
    expect(await events()).toEqual([]);
    expect(await importText(chat, { skipInvalid: "on", expectedCount: 3 })).toMatchObject({
      ok: true,
      data: { count: 3 },
    });
    expect((await events()).map((e) => e.occurredAt.toISOString())).toEqual([
      "2026-01-10T23:58:00.000Z",
      "2026-01-10T23:59:30.000Z",
      "2026-01-11T00:02:00.000Z",
    ]);
  });

  it("refuses when the server reads a different number of events than the preview showed", async () => {
    signInAs(t.editor.id, t.team.id);
    expect(await importText(chat, { skipInvalid: "on", expectedCount: 4 })).toMatchObject({
      ok: false,
      fieldErrors: { text: [expect.stringMatching(/changed since the preview/)] },
    });
    expect(await events()).toEqual([]);
  });

  it("imports nothing when over 500 events", async () => {
    signInAs(t.editor.id, t.team.id);
    const text = [
      "time,text",
      ...Array.from(
        { length: 501 },
        (_, i) => `2026-01-10T14:${String(i % 60).padStart(2, "0")}:00Z,event ${i}`,
      ),
    ].join("\n");
    expect(await importText(text, { skipInvalid: "on" })).toMatchObject({
      ok: false,
      fieldErrors: { text: ["At most 500 events per import."] },
    });
    expect(await testDb.timelineEvent.count({ where: { incidentId } })).toBe(0);
  });

  it("refuses a viewer and another team's incident", async () => {
    signInAs(t.viewer.id, t.team.id);
    expect(await importText("14:02 a: b")).toMatchObject({
      ok: false,
      message: "You do not have permission to do that.",
    });
    signInAs(other.owner.id, other.team.id);
    expect(await importText("14:02 a: b")).toMatchObject({
      ok: false,
      message: "Incident not found.",
    });
    expect(await events()).toEqual([]);
  });
});

describe("every timeline action re-checks the session and role", () => {
  it.each([
    ["add", () => addTimelineEventAction(initialResult, form({ incidentId, ...eventFields }))],
    [
      "edit",
      () =>
        updateTimelineEventAction(
          initialResult,
          form({ incidentId, eventId: "x", version: 1, ...eventFields }),
        ),
    ],
    [
      "delete",
      () =>
        deleteTimelineEventAction(initialResult, form({ incidentId, eventId: "x", version: 1 })),
    ],
    [
      "import",
      () =>
        importTimelineAction(
          initialResult,
          form({ incidentId, timeZone: "UTC", text: "14:02 a: b" }),
        ),
    ],
  ] as const)("%s: signed out and viewer refused", async (_name, call) => {
    signInAs(null);
    expect(await call()).toMatchObject({
      ok: false,
      message: "Your session has ended. Sign in again.",
    });
    signInAs(t.viewer.id, t.team.id);
    expect(await call()).toMatchObject({
      ok: false,
      message: "You do not have permission to do that.",
    });
    expect(await testDb.timelineEvent.count({ where: { incidentId } })).toBe(0);
  });
});

describe("listTimeline", () => {
  it("returns events in time order with the 5 Whys nodes citing them, and nothing across teams", async () => {
    const [late, early] = await Promise.all([
      testDb.timelineEvent.create({
        data: {
          incidentId,
          occurredAt: new Date("2026-01-10T14:30:00Z"),
          kind: "ACTION",
          body: "Restarted",
        },
      }),
      testDb.timelineEvent.create({
        data: {
          incidentId,
          occurredAt: new Date("2026-01-10T14:05:00Z"),
          kind: "ALERT",
          body: "Alert fired",
        },
      }),
    ]);
    const node = await testDb.whyNode.create({
      data: { incidentId, statement: "Writes went to the old primary" },
    });
    await testDb.whyNodeEvidence.create({ data: { nodeId: node.id, timelineEventId: early.id } });
    const rows = await listTimeline(mintTeamScope(t.team.id), incidentId);
    expect(rows.map((r) => [r.id, r.citations.map((c) => c.node)])).toEqual([
      [early.id, [{ id: node.id, statement: "Writes went to the old primary" }]],
      [late.id, []],
    ]);
    expect(await listTimeline(mintTeamScope(other.team.id), incidentId)).toEqual([]);
  });
});
