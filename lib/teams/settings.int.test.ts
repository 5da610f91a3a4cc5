import { beforeEach, describe, expect, it } from "vitest";
import { createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs, testSession } from "@/test/session";
import { initialResult } from "@/lib/action-result";
import { renameTeamAction, switchTeamAction, updateProfileAction } from "./actions";
import { form, redirectOf } from "@/test/actions";

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
beforeEach(async () => {
  t = await createTeamWithMembers("Settings");
});

describe("renaming the team", () => {
  it("lets an owner rename it, with an audit event", async () => {
    signInAs(t.owner.id, t.team.id);
    expect(await renameTeamAction(initialResult, form({ name: "  Checkout SRE  " }))).toMatchObject(
      { ok: true },
    );
    expect((await testDb.team.findUniqueOrThrow({ where: { id: t.team.id } })).name).toBe(
      "Checkout SRE",
    );
    expect(
      await testDb.auditEvent.findFirst({
        where: { teamId: t.team.id, action: "team.rename" },
        select: { data: true },
      }),
    ).toEqual({ data: { from: "Settings", to: "Checkout SRE" } });
  });

  it("explains a too short or too long name and saves nothing", async () => {
    signInAs(t.owner.id, t.team.id);
    const short = await renameTeamAction(initialResult, form({ name: "x" }));
    expect(!short.ok && short.fieldErrors?.name).toEqual([
      "Team name needs at least 2 characters.",
    ]);
    const long = await renameTeamAction(initialResult, form({ name: "y".repeat(81) }));
    expect(!long.ok && long.fieldErrors?.name).toEqual(["Team name can be at most 80 characters."]);
    expect((await testDb.team.findUniqueOrThrow({ where: { id: t.team.id } })).name).toBe(
      "Settings",
    );
  });

  it("refuses editors", async () => {
    signInAs(t.editor.id, t.team.id);
    expect((await renameTeamAction(initialResult, form({ name: "Taken over" }))).ok).toBe(false);
    expect((await testDb.team.findUniqueOrThrow({ where: { id: t.team.id } })).name).toBe(
      "Settings",
    );
  });
});

describe("profile", () => {
  it("saves a display name and an IANA time zone for any member", async () => {
    signInAs(t.viewer.id, t.team.id);
    expect(
      await updateProfileAction(
        initialResult,
        form({ name: "Vera Viewer", timeZone: "Europe/Berlin" }),
      ),
    ).toMatchObject({ ok: true });
    expect(
      await testDb.user.findUniqueOrThrow({
        where: { id: t.viewer.id },
        select: { name: true, timeZone: true },
      }),
    ).toEqual({ name: "Vera Viewer", timeZone: "Europe/Berlin" });
    await updateProfileAction(initialResult, form({ name: "Vera Viewer", timeZone: "UTC" }));
    expect((await testDb.user.findUniqueOrThrow({ where: { id: t.viewer.id } })).timeZone).toBe(
      "UTC",
    );
  });

  it("refuses an unknown time zone and an empty name, saving nothing", async () => {
    signInAs(t.viewer.id, t.team.id);
    const result = await updateProfileAction(
      initialResult,
      form({ name: " ", timeZone: "Mars/Olympus_Mons" }),
    );
    expect(!result.ok && result.fieldErrors).toEqual({
      name: ["Enter your name."],
      timeZone: ["Choose a time zone from the list."],
    });
    expect((await testDb.user.findUniqueOrThrow({ where: { id: t.viewer.id } })).name).toBe(
      "Settings Viewer",
    );
  });
});

describe("switching teams", () => {
  it("switches only to a team the user belongs to", async () => {
    const other = await createTeamWithMembers("Other");
    await testDb.membership.create({
      data: { teamId: other.team.id, userId: t.viewer.id, role: "EDITOR" },
    });
    signInAs(t.viewer.id, t.team.id);

    expect(
      await redirectOf(
        switchTeamAction(initialResult, form({ teamId: other.team.id, returnTo: "/incidents" })),
      ),
    ).toBe("/incidents");
    expect(testSession.cookies.get("hindsight-team")).toBe(other.team.id);

    const stranger = await createTeamWithMembers("Stranger");
    expect(await switchTeamAction(initialResult, form({ teamId: stranger.team.id }))).toMatchObject(
      { ok: false, message: "You are not a member of that team." },
    );
    expect(testSession.cookies.get("hindsight-team")).toBe(other.team.id);
  });

  it("never redirects off-site", async () => {
    signInAs(t.viewer.id, t.team.id);
    expect(
      await redirectOf(
        switchTeamAction(initialResult, form({ teamId: t.team.id, returnTo: "//evil.example" })),
      ),
    ).toBe("/");
  });
});
