import { beforeEach, describe, expect, it } from "vitest";
import { mintTeamScope } from "@/lib/auth/scope";
import { createIncident, createTeamWithMembers, createUser, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import {
  changeActionStatusAction,
  createActionItemAction,
  updateActionItemAction,
} from "./actions";
import { countActionItems, listActionItems } from "./data";
import { parseActionFilters } from "./filters";

const ok = { ok: true } as const;
const form = (values: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.append(k, v);
  return fd;
};
const valid = (over: Record<string, string> = {}) =>
  form({
    title: "Validate pooled connections",
    description: "",
    ownerId: "",
    dueDate: "2026-04-01",
    priority: "P2",
    status: "OPEN",
    wontDoReason: "",
    trackerUrl: "",
    ...over,
  });

/** Server actions that succeed redirect (Next throws NEXT_REDIRECT); return the URL. */
async function redirected(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const digest = (e as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2];
    throw e;
  }
  throw new Error("expected a redirect");
}

describe("action items against the database", () => {
  let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
  let incidentId: string;

  beforeEach(async () => {
    t = await createTeamWithMembers("Actions");
    incidentId = (await createIncident(t.team.id, t.owner.id)).id;
  });

  it("creates an item as a countermeasure of a root cause, audited", async () => {
    const node = await testDb.whyNode.create({
      data: { incidentId, statement: "No pool validation", isRootCause: true },
    });
    signInAs(t.editor.id, t.team.id);
    const url = await redirected(
      createActionItemAction(
        incidentId,
        ok,
        valid({
          ownerId: t.viewer.id,
          whyNodeId: node.id,
          trackerUrl: "https://tracker.example/ABC-1",
          type: "PREVENT",
        }),
      ),
    );
    expect(url).toBe(`/incidents/${incidentId}/actions?created=1`);
    const item = await testDb.actionItem.findFirstOrThrow({ where: { incidentId } });
    expect(item).toMatchObject({
      title: "Validate pooled connections",
      ownerId: t.viewer.id,
      whyNodeId: node.id,
      priority: "P2",
      type: "PREVENT",
      status: "OPEN",
      trackerUrl: "https://tracker.example/ABC-1",
    });
    expect(item.dueDate?.toISOString()).toBe("2026-04-01T00:00:00.000Z");
    expect(
      await testDb.auditEvent.count({
        where: { action: "action_item.create", entityId: item.id, incidentId },
      }),
    ).toBe(1);
  });

  it("refuses a cause from another incident, unknown owners, bad dates, bad links and long titles, saving nothing", async () => {
    const otherIncident = await createIncident(t.team.id, t.owner.id);
    const foreignNode = await testDb.whyNode.create({
      data: { incidentId: otherIncident.id, statement: "elsewhere" },
    });
    const outsider = await createUser("Outsider");
    signInAs(t.editor.id, t.team.id);
    expect(
      await createActionItemAction(incidentId, ok, valid({ whyNodeId: foreignNode.id })),
    ).toMatchObject({ ok: false, fieldErrors: { whyNodeId: [expect.any(String)] } });
    expect(
      await createActionItemAction(incidentId, ok, valid({ ownerId: outsider.id })),
    ).toMatchObject({ ok: false, fieldErrors: { ownerId: ["Choose an owner from your team."] } });
    expect(
      await createActionItemAction(incidentId, ok, valid({ dueDate: "2026-02-30" })),
    ).toMatchObject({ ok: false, fieldErrors: { dueDate: ["That date does not exist."] } });
    expect(
      await createActionItemAction(incidentId, ok, valid({ dueDate: "next week" })),
    ).toMatchObject({ ok: false, fieldErrors: { dueDate: [expect.any(String)] } });
    expect(
      await createActionItemAction(incidentId, ok, valid({ trackerUrl: "javascript:alert(1)" })),
    ).toMatchObject({ ok: false, fieldErrors: { trackerUrl: [expect.any(String)] } });
    expect(
      await createActionItemAction(incidentId, ok, valid({ title: "x".repeat(201) })),
    ).toMatchObject({ ok: false, fieldErrors: { title: [expect.any(String)] } });
    expect(await createActionItemAction(incidentId, ok, valid({ priority: "P9" }))).toMatchObject({
      ok: false,
      fieldErrors: { priority: [expect.any(String)] },
    });
    expect(
      await createActionItemAction(incidentId, ok, valid({ status: "WONT_DO" })),
    ).toMatchObject({
      ok: false,
      fieldErrors: { wontDoReason: ["Say why this will not be done."] },
    });
    expect(await testDb.actionItem.count({ where: { teamId: t.team.id } })).toBe(0);
  });

  it("lets viewers only read and answers not found for another team's incident and items", async () => {
    signInAs(t.viewer.id, t.team.id);
    expect(await createActionItemAction(incidentId, ok, valid())).toMatchObject({
      ok: false,
      message: expect.stringContaining("permission"),
    });
    const item = await testDb.actionItem.create({
      data: { teamId: t.team.id, incidentId, title: "Existing" },
    });
    expect(
      await changeActionStatusAction(item.id, ok, form({ version: "1", status: "DONE" })),
    ).toMatchObject({ ok: false });

    const other = await createTeamWithMembers("Other");
    signInAs(other.owner.id, other.team.id);
    expect(await createActionItemAction(incidentId, ok, valid())).toMatchObject({
      ok: false,
      message: "Incident not found.",
    });
    expect(await updateActionItemAction(item.id, ok, valid({ version: "1" }))).toMatchObject({
      ok: false,
      message: "Action item not found.",
    });
    expect(
      await changeActionStatusAction(item.id, ok, form({ version: "1", status: "DONE" })),
    ).toMatchObject({ ok: false, message: "Action item not found." });
    expect((await testDb.actionItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe(
      "OPEN",
    );
  });

  it("records who completed an item and when, clears it on reopening, and checks the version", async () => {
    const item = await testDb.actionItem.create({
      data: { teamId: t.team.id, incidentId, title: "Runbook" },
    });
    signInAs(t.editor.id, t.team.id);
    expect(
      await changeActionStatusAction(item.id, ok, form({ version: "1", status: "DONE" })),
    ).toMatchObject({ ok: true });
    const done = await testDb.actionItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(done).toMatchObject({ status: "DONE", completedById: t.editor.id, version: 2 });
    expect(done.completedAt).toBeInstanceOf(Date);

    // A stale edit is refused with what changed, nothing saved.
    const stale = await updateActionItemAction(
      item.id,
      ok,
      valid({ title: "Runbook", version: "1", status: "OPEN" }),
    );
    expect(stale).toMatchObject({
      ok: false,
      conflict: { changed: expect.arrayContaining(["status"]), current: { status: "DONE" } },
    });

    expect(
      await updateActionItemAction(
        item.id,
        ok,
        valid({ title: "Runbook v2", version: "2", status: "IN_PROGRESS" }),
      ),
    ).toMatchObject({ ok: true });
    expect(await testDb.actionItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      title: "Runbook v2",
      status: "IN_PROGRESS",
      completedAt: null,
      completedById: null,
      version: 3,
    });

    expect(
      await updateActionItemAction(
        item.id,
        ok,
        valid({ version: "3", status: "WONT_DO", wontDoReason: "Superseded by the new pooler" }),
      ),
    ).toMatchObject({ ok: true });
    expect(await testDb.actionItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
      status: "WONT_DO",
      wontDoReason: "Superseded by the new pooler",
    });
  });

  it("filters and counts by mine, overdue, incident, status and owner", async () => {
    const now = new Date("2026-03-10T12:00:00Z");
    const second = await createIncident(t.team.id, t.owner.id);
    const mk = (
      title: string,
      data: Partial<{
        ownerId: string;
        status: "OPEN" | "DONE" | "IN_PROGRESS";
        dueDate: Date;
        incidentId: string;
      }>,
    ) => testDb.actionItem.create({ data: { teamId: t.team.id, incidentId, title, ...data } });
    await mk("mine overdue", { ownerId: t.editor.id, dueDate: new Date("2026-03-01T00:00:00Z") });
    await mk("mine done", {
      ownerId: t.editor.id,
      status: "DONE",
      dueDate: new Date("2026-03-01T00:00:00Z"),
    });
    await mk("owner later", {
      ownerId: t.owner.id,
      status: "IN_PROGRESS",
      dueDate: new Date("2026-04-01T00:00:00Z"),
      incidentId: second.id,
    });
    const otherTeam = await createTeamWithMembers("Noise");
    const noiseIncident = await createIncident(otherTeam.team.id, otherTeam.owner.id);
    await testDb.actionItem.create({
      data: {
        teamId: otherTeam.team.id,
        incidentId: noiseIncident.id,
        title: "other team",
        ownerId: otherTeam.owner.id,
      },
    });

    const titles = async (params: Record<string, string>) =>
      (
        await listActionItems(
          mintTeamScope(t.team.id),
          parseActionFilters(params),
          t.editor.id,
          now,
        )
      )
        .map((i) => i.title)
        .sort();
    expect(await titles({})).toEqual(["mine overdue", "owner later"]);
    expect(await titles({ mine: "1", status: "ALL" })).toEqual(["mine done", "mine overdue"]);
    expect(await titles({ overdue: "1" })).toEqual(["mine overdue"]);
    expect(await titles({ incident: second.id })).toEqual(["owner later"]);
    expect(await titles({ owner: t.owner.id })).toEqual(["owner later"]);
    expect(await titles({ status: "DONE" })).toEqual(["mine done"]);
    expect(await countActionItems(mintTeamScope(t.team.id), t.editor.id, now)).toMatchObject({
      status: { OPEN: 1, IN_PROGRESS: 1, DONE: 1, WONT_DO: 0 },
      overdue: 1,
      mine: 1,
      active: 2,
      total: 3,
    });
  });
});
