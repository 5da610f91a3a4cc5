import { beforeEach, describe, expect, it } from "vitest";
import { createTeamWithMembers, createUser, testDb } from "@/test/factory";
import { signInAs, testSession } from "@/test/session";
import { initialResult } from "@/lib/action-result";
import { changeRoleAction, leaveTeamAction, removeMemberAction } from "./actions";
import { form, redirectOf } from "@/test/actions";

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
const membershipOf = (userId: string, teamId = t.team.id) =>
  testDb.membership.findUnique({ where: { teamId_userId: { teamId, userId } } });
const changeRole = async (userId: string, role: string) =>
  changeRoleAction(initialResult, form({ membershipId: (await membershipOf(userId))!.id, role }));
const remove = async (userId: string) =>
  removeMemberAction(initialResult, form({ membershipId: (await membershipOf(userId))!.id }));

beforeEach(async () => {
  t = await createTeamWithMembers("Members");
});

describe("changing roles", () => {
  it("lets an owner change another member's role, with an audit event", async () => {
    signInAs(t.owner.id, t.team.id);
    expect(await changeRole(t.viewer.id, "EDITOR")).toMatchObject({
      ok: true,
      message: "Role changed to editor.",
    });
    const m = await membershipOf(t.viewer.id);
    expect(m?.role).toBe("EDITOR");
    expect(
      await testDb.auditEvent.findFirst({
        where: { entityId: m!.id, action: "membership.change_role" },
        select: { actorId: true, data: true },
      }),
    ).toEqual({
      actorId: t.owner.id,
      data: { userId: t.viewer.id, from: "VIEWER", to: "EDITOR" },
    });
  });

  it("refuses a change of one's own role", async () => {
    await testDb.membership.update({
      where: { id: (await membershipOf(t.editor.id))!.id },
      data: { role: "OWNER" },
    });
    signInAs(t.owner.id, t.team.id);
    const result = await changeRole(t.owner.id, "VIEWER");
    expect(result).toMatchObject({ ok: false, message: "You cannot change your own role." });
    expect((await membershipOf(t.owner.id))?.role).toBe("OWNER");
  });

  it.each(["editor", "viewer"] as const)("refuses an %s", async (who) => {
    signInAs(t[who].id, t.team.id);
    expect(
      (await changeRole(t.viewer.id === t[who].id ? t.editor.id : t.viewer.id, "OWNER")).ok,
    ).toBe(false);
    expect(await testDb.membership.count({ where: { teamId: t.team.id, role: "OWNER" } })).toBe(1);
  });

  it("refuses demoting the last owner, and allows it once there is another", async () => {
    // Two owners: the second owner demotes the first, then cannot be demoted by anyone.
    const second = await createUser("Second Owner");
    await testDb.membership.create({
      data: { teamId: t.team.id, userId: second.id, role: "OWNER" },
    });
    signInAs(second.id, t.team.id);
    expect((await changeRole(t.owner.id, "EDITOR")).ok).toBe(true);
    // The demoted owner is no longer allowed to manage roles at all.
    signInAs(t.owner.id, t.team.id);
    expect(await changeRole(second.id, "VIEWER")).toMatchObject({
      ok: false,
      message: "You do not have permission to do that.",
    });
    expect((await membershipOf(second.id))?.role).toBe("OWNER");
  });

  it("keeps one owner when two owners demote each other at the same moment", async () => {
    const second = await createUser("Co Owner");
    await testDb.membership.create({
      data: { teamId: t.team.id, userId: second.id, role: "OWNER" },
    });
    const ownerMembership = (await membershipOf(t.owner.id))!;
    const secondMembership = (await membershipOf(second.id))!;
    // Each call reads the session before its first await, so the two run as different owners.
    // Whatever the interleaving, the team must end with exactly one owner.
    signInAs(t.owner.id, t.team.id);
    const first = changeRoleAction(
      initialResult,
      form({ membershipId: secondMembership.id, role: "VIEWER" }),
    );
    signInAs(second.id, t.team.id);
    const other = changeRoleAction(
      initialResult,
      form({ membershipId: ownerMembership.id, role: "VIEWER" }),
    );
    const results = await Promise.all([first, other]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await testDb.membership.count({ where: { teamId: t.team.id, role: "OWNER" } })).toBe(1);
  });

  it("answers not found for another team's membership and an invalid role", async () => {
    const other = await createTeamWithMembers("Other");
    signInAs(t.owner.id, t.team.id);
    const theirs = (await membershipOf(other.viewer.id, other.team.id))!;
    expect(
      await changeRoleAction(initialResult, form({ membershipId: theirs.id, role: "OWNER" })),
    ).toMatchObject({ ok: false, message: "Member not found." });
    expect((await membershipOf(other.viewer.id, other.team.id))?.role).toBe("VIEWER");
    const bad = await changeRole(t.viewer.id, "ADMIN");
    expect(!bad.ok && bad.fieldErrors?.role).toEqual(["Choose a role."]);
  });
});

describe("removing and leaving", () => {
  it("lets an owner remove a member", async () => {
    signInAs(t.owner.id, t.team.id);
    expect(await remove(t.editor.id)).toMatchObject({
      ok: true,
      message: `${t.editor.name} was removed from Members.`,
    });
    expect(await membershipOf(t.editor.id)).toBeNull();
    expect(
      await testDb.auditEvent.count({ where: { teamId: t.team.id, action: "membership.remove" } }),
    ).toBe(1);
  });

  it("refuses editors and viewers removing others", async () => {
    signInAs(t.editor.id, t.team.id);
    expect((await remove(t.viewer.id)).ok).toBe(false);
    expect(await membershipOf(t.viewer.id)).not.toBeNull();
  });

  it("refuses removing the last owner, and answers not found for another team's member", async () => {
    const other = await createTeamWithMembers("Other");
    signInAs(t.owner.id, t.team.id);
    expect(await remove(t.owner.id)).toMatchObject({
      ok: false,
      message: "You are the last owner: make someone else an owner before leaving.",
    });
    const theirs = (await membershipOf(other.editor.id, other.team.id))!;
    expect(
      await removeMemberAction(initialResult, form({ membershipId: theirs.id })),
    ).toMatchObject({ ok: false, message: "Member not found." });
    expect(await membershipOf(other.editor.id, other.team.id)).not.toBeNull();
  });

  it("lets any member leave, clearing the active team", async () => {
    signInAs(t.viewer.id, t.team.id);
    expect(await redirectOf(leaveTeamAction(initialResult, form({})))).toBe("/");
    expect(await membershipOf(t.viewer.id)).toBeNull();
    expect(testSession.cookies.has("hindsight-team")).toBe(false);
    expect(
      await testDb.auditEvent.count({
        where: { teamId: t.team.id, action: "membership.leave", actorId: t.viewer.id },
      }),
    ).toBe(1);
  });

  it("refuses the last owner leaving", async () => {
    signInAs(t.owner.id, t.team.id);
    expect(await leaveTeamAction(initialResult, form({}))).toMatchObject({
      ok: false,
      message: "You are the last owner: make someone else an owner before leaving.",
    });
    expect((await membershipOf(t.owner.id))?.role).toBe("OWNER");
  });
});
