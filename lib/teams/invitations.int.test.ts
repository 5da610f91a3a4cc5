import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createTeamWithMembers, createUser, testDb } from "@/test/factory";
import { signInAs, testSession } from "@/test/session";
import { initialResult } from "@/lib/action-result";
import type { OutgoingMail } from "@/lib/email/types";
import { jobIdForKey } from "@/lib/jobs/email-queue";
import { stopSender } from "@/lib/jobs/sender";
import { unseal } from "@/lib/jobs/seal";
import {
  acceptInvitationAction,
  inviteMemberAction,
  resendInvitationAction,
  revokeInvitationAction,
} from "./actions";
import { form, redirectOf } from "@/test/actions";

const invite = (email: string, role = "VIEWER") =>
  inviteMemberAction(initialResult, form({ email, role }));
const accept = (invitationId: string) =>
  acceptInvitationAction(initialResult, form({ invitationId }));

const fresh = () => `invitee.${Math.random().toString(36).slice(2, 10)}@example.test`;

/** The invitation email waiting in the durable queue (sealed there; opened here to read it). */
async function queuedInvitationMail(invitation: { id: string; createdAt: Date }) {
  const id = jobIdForKey(`invitation:${invitation.id}:${invitation.createdAt.toISOString()}`);
  const rows = await testDb.$queryRawUnsafe<{ data: { sealed: string } }[]>(
    `SELECT data FROM pgboss.job WHERE name = 'email' AND id = $1::uuid`,
    id,
  );
  return rows[0] ? unseal<OutgoingMail>(rows[0].data.sealed, process.env.AUTH_SECRET!) : null;
}

afterAll(() => stopSender());

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
beforeEach(async () => {
  t = await createTeamWithMembers("Invites");
});

describe("inviting", () => {
  it("lets an owner invite by email, saving the invitation and an audit event", async () => {
    signInAs(t.owner.id, t.team.id);
    const email = fresh();
    const result = await invite(email.toUpperCase(), "EDITOR");
    expect(result.ok).toBe(true);
    const inv = await testDb.invitation.findFirstOrThrow({ where: { teamId: t.team.id, email } });
    expect(inv).toMatchObject({
      role: "EDITOR",
      invitedById: t.owner.id,
      acceptedAt: null,
      revokedAt: null,
    });
    expect(
      await testDb.auditEvent.count({ where: { entityId: inv.id, action: "invitation.create" } }),
    ).toBe(1);
    const mail = await queuedInvitationMail(inv);
    expect(mail).toMatchObject({ to: email, subject: "Join Invites on Hindsight" });
    expect(mail?.text).toContain(`/sign-in?callbackUrl=%2Finvitations%2F${inv.id}`);
    expect(mail?.text).toContain("as an editor");
  });

  it.each(["editor", "viewer"] as const)("refuses an %s and saves nothing", async (who) => {
    signInAs(t[who].id, t.team.id);
    const email = fresh();
    const result = await invite(email);
    expect(result).toMatchObject({ ok: false, message: "You do not have permission to do that." });
    expect(await testDb.invitation.count({ where: { email } })).toBe(0);
  });

  it("refuses a duplicate pending invitation with a field message", async () => {
    signInAs(t.owner.id, t.team.id);
    const email = fresh();
    expect((await invite(email)).ok).toBe(true);
    const again = await invite(email, "EDITOR");
    expect(again.ok).toBe(false);
    expect(!again.ok && again.fieldErrors?.email?.[0]).toMatch(/already has a pending invitation/);
    expect(await testDb.invitation.count({ where: { email } })).toBe(1);
  });

  it("refuses inviting someone who is already a member", async () => {
    signInAs(t.owner.id, t.team.id);
    const result = await invite(t.viewer.email);
    expect(!result.ok && result.fieldErrors?.email?.[0]).toMatch(/already a member/);
    expect(await testDb.invitation.count({ where: { email: t.viewer.email } })).toBe(0);
  });

  it("explains a bad address or role next to the field and saves nothing", async () => {
    signInAs(t.owner.id, t.team.id);
    const before = await testDb.invitation.count();
    const bad = await invite("not-an-email");
    expect(!bad.ok && bad.fieldErrors?.email).toEqual([
      "Enter a valid email address, like name@example.com.",
    ]);
    const owner = await invite(fresh(), "OWNER");
    expect(!owner.ok && owner.fieldErrors?.role).toEqual(["Choose Editor or Viewer."]);
    expect(await testDb.invitation.count()).toBe(before);
  });

  it("re-inviting after expiry replaces the expired invitation", async () => {
    signInAs(t.owner.id, t.team.id);
    const email = fresh();
    const old = await testDb.invitation.create({
      data: {
        teamId: t.team.id,
        email,
        role: "VIEWER",
        invitedById: t.owner.id,
        createdAt: new Date(Date.now() - 15 * 86_400_000),
      },
    });
    expect((await invite(email)).ok).toBe(true);
    expect(
      (await testDb.invitation.findUniqueOrThrow({ where: { id: old.id } })).revokedAt,
    ).not.toBeNull();
    expect(await testDb.invitation.count({ where: { email, revokedAt: null } })).toBe(1);
  });
});

describe("revoking and resending", () => {
  it("revokes and resends only this team's open invitations, as an owner", async () => {
    const other = await createTeamWithMembers("Elsewhere");
    const theirs = await testDb.invitation.create({
      data: { teamId: other.team.id, email: fresh(), role: "VIEWER", invitedById: other.owner.id },
    });
    const ours = await testDb.invitation.create({
      data: {
        teamId: t.team.id,
        email: fresh(),
        role: "VIEWER",
        invitedById: t.owner.id,
        createdAt: new Date(Date.now() - 20 * 86_400_000),
      },
    });

    signInAs(t.owner.id, t.team.id);
    expect(
      await revokeInvitationAction(initialResult, form({ invitationId: theirs.id })),
    ).toMatchObject({ ok: false, message: "Invitation not found." });
    expect(
      await resendInvitationAction(initialResult, form({ invitationId: theirs.id })),
    ).toMatchObject({ ok: false, message: "Invitation not found." });

    signInAs(t.editor.id, t.team.id);
    expect((await revokeInvitationAction(initialResult, form({ invitationId: ours.id }))).ok).toBe(
      false,
    );

    signInAs(t.owner.id, t.team.id);
    await resendInvitationAction(initialResult, form({ invitationId: ours.id }));
    const renewed = await testDb.invitation.findUniqueOrThrow({ where: { id: ours.id } });
    expect(Date.now() - renewed.createdAt.getTime()).toBeLessThan(60_000);
    expect((await queuedInvitationMail(renewed))?.to).toBe(ours.email);

    expect((await revokeInvitationAction(initialResult, form({ invitationId: ours.id }))).ok).toBe(
      true,
    );
    expect(
      (await testDb.invitation.findUniqueOrThrow({ where: { id: ours.id } })).revokedAt,
    ).not.toBeNull();
    expect(
      await testDb.auditEvent.count({
        where: { entityId: ours.id, action: { in: ["invitation.resend", "invitation.revoke"] } },
      }),
    ).toBe(2);
  });
});

describe("accepting", () => {
  async function invitationFor(
    email: string,
    overrides: Partial<{ createdAt: Date; revokedAt: Date; role: "EDITOR" | "VIEWER" }> = {},
  ) {
    return testDb.invitation.create({
      data: {
        teamId: t.team.id,
        email,
        role: overrides.role ?? "VIEWER",
        invitedById: t.owner.id,
        ...overrides,
      },
    });
  }

  it("joins with the invited role, marks the invitation accepted and makes the team active", async () => {
    const invitee = await createUser("Invitee");
    const inv = await invitationFor(invitee.email.toUpperCase(), { role: "EDITOR" });
    signInAs(invitee.id);
    expect(await redirectOf(accept(inv.id))).toBe("/");
    const membership = await testDb.membership.findUniqueOrThrow({
      where: { teamId_userId: { teamId: t.team.id, userId: invitee.id } },
    });
    expect(membership.role).toBe("EDITOR");
    expect(
      (await testDb.invitation.findUniqueOrThrow({ where: { id: inv.id } })).acceptedAt,
    ).not.toBeNull();
    expect(
      await testDb.auditEvent.count({
        where: { entityId: inv.id, action: "invitation.accept", actorId: invitee.id },
      }),
    ).toBe(1);
    expect(testSession.cookies.get("hindsight-team")).toBe(t.team.id);
  });

  it("refuses a different signed-in address and creates no membership", async () => {
    const stranger = await createUser("Stranger");
    const inv = await invitationFor(fresh());
    signInAs(stranger.id);
    const result = await accept(inv.id);
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.message).toBe(
      `This invitation was sent to a different email address. You are signed in as ${stranger.email}.`,
    );
    // The refusal names no invited address: the stranger may not learn who was invited.
    expect(!result.ok && result.message).not.toContain(inv.email);
    expect(await testDb.membership.count({ where: { userId: stranger.id } })).toBe(0);
    expect(
      (await testDb.invitation.findUniqueOrThrow({ where: { id: inv.id } })).acceptedAt,
    ).toBeNull();
  });

  it("refuses an expired invitation", async () => {
    const invitee = await createUser("Late");
    const inv = await invitationFor(invitee.email, {
      createdAt: new Date(Date.now() - 14 * 86_400_000 - 1000),
    });
    signInAs(invitee.id);
    const result = await accept(inv.id);
    expect(!result.ok && result.message).toMatch(/expired/);
    expect(await testDb.membership.count({ where: { userId: invitee.id } })).toBe(0);
  });

  it("refuses a revoked invitation", async () => {
    const invitee = await createUser("Revoked");
    const inv = await invitationFor(invitee.email, { revokedAt: new Date() });
    signInAs(invitee.id);
    const result = await accept(inv.id);
    expect(!result.ok && result.message).toMatch(/withdrawn/);
    expect(await testDb.membership.count({ where: { userId: invitee.id } })).toBe(0);
  });

  it("refuses a second acceptance and an unknown id", async () => {
    const invitee = await createUser("Twice");
    const inv = await invitationFor(invitee.email);
    signInAs(invitee.id);
    await redirectOf(accept(inv.id));
    expect(await accept(inv.id)).toMatchObject({
      ok: false,
      message: "This invitation has already been accepted.",
    });
    expect(await accept("missing-id")).toMatchObject({
      ok: false,
      message: "Invitation not found.",
    });
    expect(await testDb.membership.count({ where: { userId: invitee.id } })).toBe(1);
  });

  it("needs a session", async () => {
    const inv = await invitationFor(fresh());
    signInAs(null);
    expect(await accept(inv.id)).toMatchObject({
      ok: false,
      message: "Your session has ended. Sign in again.",
    });
  });
});
