import { mintTeamScope } from "@/lib/auth/scope";
import { beforeEach, describe, expect, it } from "vitest";
import { createIncident as createIncidentRow, createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import { initialResult } from "@/lib/action-result";
import { createIncidentAction, deleteIncidentAction, updateIncidentAction } from "./actions";
import { createIncident } from "./mutations";
import { incidentInputSchema } from "./schema";
import { form, redirectOf } from "@/test/actions";

const validFields = {
  title: "Checkout API returning 502s",
  severity: "SEV1",
  status: "INVESTIGATING",
  timeZone: "Europe/Berlin",
  startedAt: "2026-01-10T15:02",
  detectedAt: "2026-01-10T15:06",
  acknowledgedAt: "",
  mitigatedAt: "",
  resolvedAt: "",
  summary: "Writes failed after a failover.",
  customerImpact: "18% of checkouts failed.",
  services: "checkout-api, postgres",
  tags: "database",
  commanderId: "",
};

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
let other: Awaited<ReturnType<typeof createTeamWithMembers>>;

beforeEach(async () => {
  t = await createTeamWithMembers("Incidents");
  other = await createTeamWithMembers("Other");
});

const snapshot = async (teamId: string) => ({
  incidents: await testDb.incident.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
  seq: (await testDb.team.findUniqueOrThrow({ where: { id: teamId } })).incidentSeq,
  audits: await testDb.auditEvent.count({ where: { teamId } }),
});

describe("creating an incident", () => {
  it("stores it with the next team number, UTC times and an audit event, then opens it", async () => {
    signInAs(t.editor.id, t.team.id);
    const url = await redirectOf(
      createIncidentAction(initialResult, form({ ...validFields, commanderId: t.owner.id })),
    );
    const incident = await testDb.incident.findFirstOrThrow({ where: { teamId: t.team.id } });
    expect(url).toBe(`/incidents/${incident.id}`);
    expect(incident).toMatchObject({
      number: 1,
      title: "Checkout API returning 502s",
      severity: "SEV1",
      status: "INVESTIGATING",
      startedAt: new Date("2026-01-10T14:02:00Z"),
      detectedAt: new Date("2026-01-10T14:06:00Z"),
      acknowledgedAt: null,
      services: ["checkout-api", "postgres"],
      tags: ["database"],
      commanderId: t.owner.id,
      createdById: t.editor.id,
      version: 1,
    });
    expect(
      await testDb.auditEvent.findFirst({
        where: { entityId: incident.id },
        select: { action: true, actorId: true, incidentId: true },
      }),
    ).toEqual({
      action: "incident.create",
      actorId: t.editor.id,
      incidentId: incident.id,
    });
  });

  it("stores the customer impact window and refuses one that ends before it starts", async () => {
    signInAs(t.editor.id, t.team.id);
    const bad = await createIncidentAction(
      initialResult,
      form({
        ...validFields,
        impactStartedAt: "2026-01-10T15:00",
        impactEndedAt: "2026-01-10T14:00",
      }),
    );
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: { impactEndedAt: ["Impact end cannot be before impact start."] },
    });
    expect(await testDb.incident.count({ where: { teamId: t.team.id } })).toBe(0);
    await redirectOf(
      createIncidentAction(
        initialResult,
        form({
          ...validFields,
          impactStartedAt: "2026-01-10T13:30",
          impactEndedAt: "2026-01-11T07:30",
        }),
      ),
    );
    const incident = await testDb.incident.findFirstOrThrow({ where: { teamId: t.team.id } });
    expect(incident).toMatchObject({
      impactStartedAt: new Date("2026-01-10T12:30:00Z"),
      impactEndedAt: new Date("2026-01-11T06:30:00Z"),
    }); // entered in Berlin
  });

  it("refuses a viewer and a signed-out caller, saving nothing", async () => {
    const before = await snapshot(t.team.id);
    signInAs(t.viewer.id, t.team.id);
    expect(await createIncidentAction(initialResult, form(validFields))).toEqual({
      ok: false,
      message: "You do not have permission to do that.",
      fieldErrors: undefined,
    });
    signInAs(null);
    expect(await createIncidentAction(initialResult, form(validFields))).toMatchObject({
      ok: false,
      message: "Your session has ended. Sign in again.",
    });
    expect(await snapshot(t.team.id)).toEqual(before);
  });

  it("gives field-level messages for bad input and saves nothing", async () => {
    const before = await snapshot(t.team.id);
    signInAs(t.editor.id, t.team.id);
    const result = await createIncidentAction(
      initialResult,
      form({
        ...validFields,
        title: "",
        severity: "SEV7",
        detectedAt: "2026-01-10T14:00",
        resolvedAt: "2026-01-10T14:30",
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        title: ["Enter a title."],
        severity: ["Choose a severity."],
      },
    });
    const times = await createIncidentAction(
      initialResult,
      form({
        ...validFields,
        detectedAt: "2026-01-10T14:00",
        mitigatedAt: "2026-01-10T16:00",
        resolvedAt: "2026-01-10T15:30",
      }),
    );
    expect(times).toMatchObject({
      ok: false,
      fieldErrors: {
        detectedAt: ["Detected cannot be before started."],
        resolvedAt: ["Resolved cannot be before mitigated."],
      },
    });
    expect(await snapshot(t.team.id)).toEqual(before);
  });

  it("refuses a commander who is not in the team, and a closed new incident", async () => {
    const before = await snapshot(t.team.id);
    signInAs(t.editor.id, t.team.id);
    expect(
      await createIncidentAction(
        initialResult,
        form({ ...validFields, commanderId: other.owner.id }),
      ),
    ).toMatchObject({
      ok: false,
      fieldErrors: { commanderId: ["Choose a member of this team as commander."] },
    });
    expect(
      await createIncidentAction(
        initialResult,
        form({ ...validFields, status: "CLOSED", resolvedAt: "2026-01-10T16:00" }),
      ),
    ).toMatchObject({
      ok: false,
      fieldErrors: { status: [expect.stringMatching(/cannot start closed/)] },
    });
    expect(
      await createIncidentAction(initialResult, form({ ...validFields, status: "RESOLVED" })),
    ).toMatchObject({
      ok: false,
      fieldErrors: { resolvedAt: [expect.stringMatching(/resolved time/)] },
    });
    expect(await snapshot(t.team.id)).toEqual(before);
  });

  it("numbers concurrent creates consecutively per team", async () => {
    const input = incidentInputSchema.parse(validFields);
    const actor = {
      user: { id: t.editor.id, email: t.editor.email, name: t.editor.name },
      scope: mintTeamScope(t.team.id),
    };
    const otherActor = {
      user: { id: other.editor.id, email: other.editor.email, name: other.editor.name },
      scope: mintTeamScope(other.team.id),
    };
    await Promise.all([
      ...Array.from({ length: 12 }, () => createIncident(actor, input)),
      ...Array.from({ length: 3 }, () => createIncident(otherActor, input)),
    ]);
    const numbers = (
      await testDb.incident.findMany({ where: { teamId: t.team.id }, select: { number: true } })
    )
      .map((i) => i.number)
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect((await testDb.team.findUniqueOrThrow({ where: { id: t.team.id } })).incidentSeq).toBe(
      12,
    );
    expect(
      (
        await testDb.incident.findMany({
          where: { teamId: other.team.id },
          select: { number: true },
        })
      )
        .map((i) => i.number)
        .sort(),
    ).toEqual([1, 2, 3]);
  });
});

describe("updating an incident", () => {
  let incidentId: string;
  beforeEach(async () => {
    incidentId = (await createIncidentRow(t.team.id, t.owner.id)).id;
  });
  const update = (fields: Partial<typeof validFields> & { version: number; id?: string }) =>
    updateIncidentAction(initialResult, form({ ...validFields, id: incidentId, ...fields }));

  it("saves, bumps the version and audits the changed fields", async () => {
    signInAs(t.editor.id, t.team.id);
    expect(
      await redirectOf(
        update({ version: 1, title: "Renamed", status: "IDENTIFIED", commanderId: t.viewer.id }),
      ),
    ).toBe(`/incidents/${incidentId}`);
    const row = await testDb.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(row).toMatchObject({
      title: "Renamed",
      status: "IDENTIFIED",
      version: 2,
      commanderId: t.viewer.id,
    });
    const audit = await testDb.auditEvent.findFirstOrThrow({
      where: { entityId: incidentId, action: "incident.update" },
    });
    expect(audit).toMatchObject({ actorId: t.editor.id, incidentId, teamId: t.team.id });
    expect(audit.data).toMatchObject({
      version: 2,
      changes: {
        title: { from: "Checkout errors", to: "Renamed" },
        status: { from: "INVESTIGATING", to: "IDENTIFIED" },
        commanderId: { from: null, to: t.viewer.name },
      },
    });
  });

  it("refuses a stale save, listing what changed and the current values", async () => {
    signInAs(t.editor.id, t.team.id);
    await redirectOf(update({ version: 1, title: "First writer", severity: "SEV1" }));
    signInAs(t.owner.id, t.team.id);
    const before = await testDb.incident.findUniqueOrThrow({ where: { id: incidentId } });
    const result = await update({ version: 1, title: "Second writer", severity: "SEV3" });
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Someone else saved this incident/),
      conflict: {
        changed: expect.arrayContaining(["title", "severity"]),
        current: { title: "First writer", severity: "SEV1", version: 2 },
      },
    });
    expect(await testDb.incident.findUniqueOrThrow({ where: { id: incidentId } })).toEqual(before);
    // Re-applying on top of the current version works.
    expect(await redirectOf(update({ version: 2, title: "Second writer" }))).toBe(
      `/incidents/${incidentId}`,
    );
  });

  it("enforces status transitions with a field message", async () => {
    signInAs(t.editor.id, t.team.id);
    expect(
      await update({ version: 1, status: "CLOSED", resolvedAt: "2026-01-10T17:00" }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { status: ["Only a resolved incident can be closed."] },
    });
    await redirectOf(update({ version: 1, status: "RESOLVED", resolvedAt: "2026-01-10T17:00" }));
    await redirectOf(update({ version: 2, status: "CLOSED", resolvedAt: "2026-01-10T17:00" }));
    expect(await update({ version: 3, status: "INVESTIGATING", resolvedAt: "" })).toMatchObject({
      ok: false,
      fieldErrors: { status: ["A closed incident cannot change status."] },
    });
  });

  it("refuses a viewer, a signed-out caller and another team's member", async () => {
    const before = await testDb.incident.findUniqueOrThrow({ where: { id: incidentId } });
    signInAs(t.viewer.id, t.team.id);
    expect(await update({ version: 1, title: "Viewer" })).toMatchObject({
      ok: false,
      message: "You do not have permission to do that.",
    });
    signInAs(null);
    expect(await update({ version: 1, title: "Nobody" })).toMatchObject({
      ok: false,
      message: "Your session has ended. Sign in again.",
    });
    signInAs(other.owner.id, other.team.id);
    expect(await update({ version: 1, title: "Intruder" })).toMatchObject({
      ok: false,
      message: "Incident not found.",
    });
    expect(await testDb.incident.findUniqueOrThrow({ where: { id: incidentId } })).toEqual(before);
  });

  it("validates and saves nothing on bad input", async () => {
    signInAs(t.editor.id, t.team.id);
    const before = await testDb.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(
      await update({
        version: 1,
        acknowledgedAt: "2026-01-10T15:05",
        detectedAt: "2026-01-10T15:10",
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { acknowledgedAt: ["Acknowledged cannot be before detected."] },
    });
    expect(await update({ version: 1, services: "x".repeat(61) })).toMatchObject({
      ok: false,
      fieldErrors: { services: [expect.stringMatching(/too long/)] },
    });
    expect(await testDb.incident.findUniqueOrThrow({ where: { id: incidentId } })).toEqual(before);
    expect(await testDb.auditEvent.count({ where: { incidentId } })).toBe(0);
  });
});

describe("deleting an incident", () => {
  it("deletes with an audit event that outlives it; others cannot", async () => {
    const incident = await createIncidentRow(t.team.id, t.owner.id);
    signInAs(other.owner.id, other.team.id);
    expect(
      await deleteIncidentAction(initialResult, form({ id: incident.id, version: 1 })),
    ).toMatchObject({ ok: false, message: "Incident not found." });
    signInAs(t.viewer.id, t.team.id);
    expect(
      await deleteIncidentAction(initialResult, form({ id: incident.id, version: 1 })),
    ).toMatchObject({ ok: false });
    signInAs(t.editor.id, t.team.id);
    expect(
      await redirectOf(deleteIncidentAction(initialResult, form({ id: incident.id, version: 1 }))),
    ).toBe("/incidents");
    expect(await testDb.incident.count({ where: { id: incident.id } })).toBe(0);
    expect(
      await testDb.auditEvent.findFirst({
        where: { entityId: incident.id },
        select: { action: true, data: true },
      }),
    ).toEqual({
      action: "incident.delete",
      data: { number: incident.number, title: incident.title },
    });
  });
});

describe("deleting an incident with a published report", () => {
  it("is refused for everyone, keeping the incident, its versions and share links", async () => {
    const incident = await createIncidentRow(t.team.id, t.owner.id);
    const report = await testDb.report.create({
      data: { incidentId: incident.id, status: "PUBLISHED" },
    });
    const version = await testDb.reportVersion.create({
      data: {
        reportId: report.id,
        number: 1,
        snapshot: {},
        title: "INC",
        publishedById: t.owner.id,
      },
    });
    await testDb.shareLink.create({
      data: {
        reportVersionId: version.id,
        tokenHash: "h".repeat(64),
        recipientEmail: "cfo@example.com",
        createdById: t.owner.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    for (const user of [t.editor, t.owner]) {
      signInAs(user.id, t.team.id);
      expect(
        await deleteIncidentAction(initialResult, form({ id: incident.id, version: 1 })),
      ).toMatchObject({ ok: false, message: expect.stringContaining("has a published report") });
    }
    expect(await testDb.incident.count({ where: { id: incident.id } })).toBe(1);
    expect(await testDb.reportVersion.count({ where: { reportId: report.id } })).toBe(1);
    expect(await testDb.shareLink.count({ where: { reportVersionId: version.id } })).toBe(1);
    expect(
      await testDb.auditEvent.count({
        where: { entityId: incident.id, action: "incident.delete" },
      }),
    ).toBe(0);
  });
});

describe("every incident action re-checks the session", () => {
  it("refuses signed-out update and delete", async () => {
    const incident = await createIncidentRow(t.team.id, t.owner.id);
    signInAs(null);
    expect(
      await updateIncidentAction(
        initialResult,
        form({ ...validFields, id: incident.id, version: 1 }),
      ),
    ).toMatchObject({ ok: false, message: "Your session has ended. Sign in again." });
    expect(
      await deleteIncidentAction(initialResult, form({ id: incident.id, version: 1 })),
    ).toMatchObject({ ok: false, message: "Your session has ended. Sign in again." });
    expect(await testDb.incident.findUniqueOrThrow({ where: { id: incident.id } })).toEqual(
      incident,
    );
  });
});
