import { describe, expect, it } from "vitest";
import { mintTeamScope } from "@/lib/auth/scope";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { form } from "@/test/actions";
import { signInAs } from "@/test/session";
import {
  changeActionStatusAction,
  createActionItemAction,
  deleteActionItemAction,
} from "./actions";
import { countActionItems } from "./data";

// The action items page's per-status counts come from TeamActionCount, kept by a trigger on
// ActionItem. Whatever writes items (the app's actions, bulk SQL, a deleted incident or team),
// the counts must equal what a count of the items says.
const ok = { ok: true } as const;
const item = (title: string, status = "OPEN") =>
  form({
    title,
    description: "",
    ownerId: "",
    dueDate: "",
    priority: "P2",
    status,
    wontDoReason: status === "WONT_DO" ? "Covered by another item" : "",
    trackerUrl: "",
  });

async function settled(p: Promise<unknown>) {
  // Successful create/delete actions redirect (Next throws NEXT_REDIRECT).
  await p.catch((e: { digest?: string }) => {
    if (!e.digest?.startsWith("NEXT_REDIRECT")) throw e;
  });
}

/** The counts as the page shows them, and as counting the rows says they are. */
async function counts(teamId: string) {
  const shown = (await countActionItems(mintTeamScope(teamId), "nobody")).status;
  const rows = await testDb.actionItem.groupBy({
    by: ["status"],
    where: { teamId },
    _count: { _all: true },
  });
  const actual = { OPEN: 0, IN_PROGRESS: 0, DONE: 0, WONT_DO: 0 };
  for (const r of rows) actual[r.status] = r._count._all;
  return { shown, actual };
}

describe("per-status action item counts (TeamActionCount)", () => {
  it("stay exact through create, status changes and delete by the app", async () => {
    const t = await createTeamWithMembers("Counts");
    const other = await createTeamWithMembers("Counts other");
    const incidentId = (await createIncident(t.team.id, t.owner.id)).id;
    signInAs(t.editor.id, t.team.id);
    await settled(createActionItemAction(incidentId, ok, item("Add pool validation")));
    await settled(createActionItemAction(incidentId, ok, item("Alert on saturation")));
    await settled(createActionItemAction(incidentId, ok, item("Load test", "IN_PROGRESS")));
    expect((await counts(t.team.id)).shown).toEqual({
      OPEN: 2,
      IN_PROGRESS: 1,
      DONE: 0,
      WONT_DO: 0,
    });

    const [first, second] = await testDb.actionItem.findMany({
      where: { incidentId, status: "OPEN" },
      orderBy: { createdAt: "asc" },
    });
    expect(
      await changeActionStatusAction(first!.id, ok, form({ version: "1", status: "DONE" })),
    ).toMatchObject({ ok: true });
    expect(
      await changeActionStatusAction(
        second!.id,
        ok,
        form({ version: "1", status: "WONT_DO", wontDoReason: "Duplicate" }),
      ),
    ).toMatchObject({ ok: true });
    // A refused change (stale version) changes nothing.
    expect(
      await changeActionStatusAction(first!.id, ok, form({ version: "1", status: "OPEN" })),
    ).toMatchObject({ ok: false });
    expect((await counts(t.team.id)).shown).toEqual({
      OPEN: 0,
      IN_PROGRESS: 1,
      DONE: 1,
      WONT_DO: 1,
    });

    await settled(deleteActionItemAction(first!.id, ok, form({})));
    const after = await counts(t.team.id);
    expect(after.shown).toEqual({ OPEN: 0, IN_PROGRESS: 1, DONE: 0, WONT_DO: 1 });
    expect(after.shown).toEqual(after.actual);
    // Another team's counts are its own.
    expect((await counts(other.team.id)).shown).toEqual({
      OPEN: 0,
      IN_PROGRESS: 0,
      DONE: 0,
      WONT_DO: 0,
    });
  });

  it("stay exact through bulk SQL, moves between teams and a deleted incident", async () => {
    const t = await createTeamWithMembers("Bulk counts");
    const u = await createTeamWithMembers("Bulk counts 2");
    const a = await createIncident(t.team.id, t.owner.id);
    const b = await createIncident(t.team.id, t.owner.id);
    await testDb.actionItem.createMany({
      data: [
        ...Array.from({ length: 5 }, (_, i) => ({
          teamId: t.team.id,
          incidentId: a.id,
          title: `a${i}`,
        })),
        ...Array.from({ length: 3 }, (_, i) => ({
          teamId: t.team.id,
          incidentId: b.id,
          title: `b${i}`,
          status: "DONE" as const,
        })),
      ],
    });
    // One statement moving items both ways between statuses.
    await testDb.$executeRaw`UPDATE "ActionItem" SET status = CASE WHEN status = 'OPEN' THEN 'DONE'::"ActionStatus" ELSE 'OPEN'::"ActionStatus" END WHERE "teamId" = ${t.team.id} AND title IN ('a0', 'a1', 'b0')`;
    // An edit that changes no status leaves the counts alone.
    await testDb.actionItem.updateMany({ where: { teamId: t.team.id }, data: { priority: "P1" } });
    let now = await counts(t.team.id);
    expect(now.shown).toEqual({ OPEN: 4, IN_PROGRESS: 0, DONE: 4, WONT_DO: 0 });
    expect(now.shown).toEqual(now.actual);

    // Deleting an incident deletes its items (cascade): their counts go too.
    await testDb.incident.delete({ where: { id: a.id } });
    now = await counts(t.team.id);
    expect(now.shown).toEqual({ OPEN: 1, IN_PROGRESS: 0, DONE: 2, WONT_DO: 0 });
    expect(now.shown).toEqual(now.actual);

    // Deleting a team takes its items and its counters; other teams are untouched.
    const c = await createIncident(u.team.id, u.owner.id);
    await testDb.actionItem.create({ data: { teamId: u.team.id, incidentId: c.id, title: "c" } });
    await testDb.team.delete({ where: { id: t.team.id } });
    expect(await testDb.teamActionCount.count({ where: { teamId: t.team.id } })).toBe(0);
    expect((await counts(u.team.id)).shown).toEqual({
      OPEN: 1,
      IN_PROGRESS: 0,
      DONE: 0,
      WONT_DO: 0,
    });
  });
});
