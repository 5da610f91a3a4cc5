import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/mutations";
import { ensureDefaultTemplates } from "@/lib/reports/mutations";
import { canChangeRole, canRemoveMember, type Role } from "@/lib/auth/permissions";
import type { TeamScope } from "@/lib/auth/scope";
import { AuthorizationError } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { NotFoundError, RuleError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { invitationProblem, invitationState, sameEmail } from "./invitations";
import { slugify } from "./schema";

type Tx = Prisma.TransactionClient;

/** Creates a team with the creator as its owner. */
export async function createTeam(userId: string, name: string) {
  const slug = `${slugify(name)}-${randomBytes(3).toString("hex")}`;
  return db.$transaction(async (tx) => {
    const team = await tx.team.create({
      data: { name, slug, memberships: { create: { userId, role: "OWNER" } } },
    });
    await recordAudit(tx, {
      teamId: team.id,
      actorId: userId,
      action: "team.create",
      entityType: "Team",
      entityId: team.id,
      data: { name },
    });
    // A new team comes with its report templates, so no page has to create them on first view.
    await ensureDefaultTemplates(tx, team.id, userId);
    return team;
  });
}

/**
 * Serialises membership changes per team: two owners demoting each other at the same moment
 * must not leave the team without an owner, so the owner count is read under this lock.
 */
async function lockTeam(tx: Tx, teamId: string) {
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Team" WHERE id = ${teamId} FOR UPDATE`;
  if (rows.length === 0) throw new NotFoundError("Team");
}

/** The actor's role in the team, read inside the transaction (never from the session or a cookie). */
async function roleIn(tx: Tx, teamId: string, userId: string): Promise<Role> {
  const m = await tx.membership.findUnique({
    where: { teamId_userId: { teamId, userId } },
    select: { role: true },
  });
  if (!m) throw new AuthorizationError("You are no longer a member of this team.");
  return m.role;
}

async function requireOwner(tx: Tx, teamId: string, userId: string) {
  if ((await roleIn(tx, teamId, userId)) !== "OWNER")
    throw new AuthorizationError("Only team owners can do that.");
}

const ownerCount = (tx: Tx, teamId: string) =>
  tx.membership.count({ where: { teamId, role: "OWNER" } });

export async function renameTeam(scope: TeamScope, actorId: string, name: string) {
  const { teamId } = scope;
  return db.$transaction(async (tx) => {
    await requireOwner(tx, teamId, actorId);
    const before = await tx.team.findUniqueOrThrow({
      where: { id: teamId },
      select: { name: true },
    });
    const team = await tx.team.update({
      where: { id: teamId },
      data: { name },
      select: { id: true, name: true },
    });
    await recordAudit(tx, {
      teamId,
      actorId,
      action: "team.rename",
      entityType: "Team",
      entityId: teamId,
      data: { from: before.name, to: name },
    });
    return team;
  });
}

export async function updateProfile(
  userId: string,
  profile: { name: string; timeZone: string | null },
) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: userId },
      data: profile,
      select: { id: true, name: true, timeZone: true },
    });
    await recordAudit(tx, {
      teamId: null,
      actorId: userId,
      action: "user.update_profile",
      entityType: "User",
      entityId: userId,
      data: profile,
    });
    return user;
  });
}

export async function createInvitation(
  scope: TeamScope,
  actorId: string,
  input: { email: string; role: "EDITOR" | "VIEWER" },
) {
  const { teamId } = scope;
  return db.$transaction(async (tx) => {
    await lockTeam(tx, teamId);
    await requireOwner(tx, teamId, actorId);
    const email = input.email.trim().toLowerCase();
    const member = await tx.membership.findFirst({
      where: { teamId, user: { email: { equals: email, mode: "insensitive" } } },
      select: { id: true },
    });
    if (member) throw new RuleError(`${email} is already a member of this team.`, "email");
    const open = await tx.invitation.findMany({
      where: {
        teamId,
        email: { equals: email, mode: "insensitive" },
        acceptedAt: null,
        revokedAt: null,
      },
      select: { id: true, createdAt: true, acceptedAt: true, revokedAt: true },
    });
    if (open.some((i) => invitationState(i) === "pending")) {
      throw new RuleError(
        `${email} already has a pending invitation. Resend it from the list below instead.`,
        "email",
      );
    }
    // Expired invitations to the same address are superseded by the new one, so the list shows one row.
    if (open.length > 0)
      await tx.invitation.updateMany({
        where: { id: { in: open.map((i) => i.id) } },
        data: { revokedAt: new Date() },
      });
    const invitation = await tx.invitation.create({
      data: { teamId, email, role: input.role, invitedById: actorId },
      select: {
        id: true,
        email: true,
        role: true,
        createdAt: true,
        team: { select: { name: true } },
      },
    });
    await recordAudit(tx, {
      teamId,
      actorId,
      action: "invitation.create",
      entityType: "Invitation",
      entityId: invitation.id,
      data: { email, role: input.role },
    });
    return invitation;
  });
}

async function findOpenInvitation(tx: Tx, teamId: string, invitationId: string) {
  const inv = await tx.invitation.findFirst({
    where: { id: invitationId, teamId, acceptedAt: null, revokedAt: null },
    select: { id: true, email: true, role: true, createdAt: true },
  });
  if (!inv) throw new NotFoundError("Invitation");
  return inv;
}

export async function revokeInvitation(scope: TeamScope, actorId: string, invitationId: string) {
  const { teamId } = scope;
  return db.$transaction(async (tx) => {
    await requireOwner(tx, teamId, actorId);
    const inv = await findOpenInvitation(tx, teamId, invitationId);
    await tx.invitation.update({ where: { id: inv.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      teamId,
      actorId,
      action: "invitation.revoke",
      entityType: "Invitation",
      entityId: inv.id,
      data: { email: inv.email },
    });
    return inv;
  });
}

/** Resending restarts the 14-day clock on the same invitation, so the earlier link keeps working. */
export async function renewInvitation(scope: TeamScope, actorId: string, invitationId: string) {
  const { teamId } = scope;
  return db.$transaction(async (tx) => {
    await requireOwner(tx, teamId, actorId);
    const inv = await findOpenInvitation(tx, teamId, invitationId);
    const renewed = await tx.invitation.update({
      where: { id: inv.id },
      data: { createdAt: new Date() },
      select: {
        id: true,
        email: true,
        role: true,
        createdAt: true,
        team: { select: { name: true } },
      },
    });
    await recordAudit(tx, {
      teamId,
      actorId,
      action: "invitation.resend",
      entityType: "Invitation",
      entityId: inv.id,
      data: { email: inv.email },
    });
    return renewed;
  });
}

/** Joins the team with the invited role: marks the invitation accepted and creates the membership together. */
export async function acceptInvitation(user: { id: string; email: string }, invitationId: string) {
  const found = await db.invitation.findUnique({
    where: { id: invitationId },
    select: { teamId: true },
  });
  if (!found) throw new NotFoundError("Invitation");
  return db.$transaction(async (tx) => {
    await lockTeam(tx, found.teamId);
    const inv = await tx.invitation.findUniqueOrThrow({
      where: { id: invitationId },
      select: {
        id: true,
        teamId: true,
        email: true,
        role: true,
        createdAt: true,
        acceptedAt: true,
        revokedAt: true,
      },
    });
    if (!sameEmail(inv.email, user.email)) {
      // Never the invited address: whoever holds the link is not necessarily its recipient
      // (the invitation page says the same; the authorization matrix checks both).
      throw new RuleError(
        `This invitation was sent to a different email address. You are signed in as ${user.email}.`,
      );
    }
    const problem = invitationProblem(invitationState(inv));
    if (problem) throw new RuleError(problem);
    const existing = await tx.membership.findUnique({
      where: { teamId_userId: { teamId: inv.teamId, userId: user.id } },
      select: { id: true, role: true },
    });
    const membership =
      existing ??
      (await tx.membership.create({
        data: { teamId: inv.teamId, userId: user.id, role: inv.role },
        select: { id: true, role: true },
      }));
    await tx.invitation.update({ where: { id: inv.id }, data: { acceptedAt: new Date() } });
    await recordAudit(tx, {
      teamId: inv.teamId,
      actorId: user.id,
      action: "invitation.accept",
      entityType: "Invitation",
      entityId: inv.id,
      data: {
        membershipId: membership.id,
        role: membership.role,
        alreadyMember: Boolean(existing),
      },
    });
    return { teamId: inv.teamId, role: membership.role };
  });
}

export async function changeRole(
  scope: TeamScope,
  actorId: string,
  membershipId: string,
  newRole: Role,
) {
  const { teamId } = scope;
  return db.$transaction(async (tx) => {
    await lockTeam(tx, teamId);
    const target = await tx.membership.findFirst({
      where: { id: membershipId, teamId },
      select: { id: true, userId: true, role: true },
    });
    if (!target) throw new NotFoundError("Member");
    const actorRole = await roleIn(tx, teamId, actorId);
    const verdict = canChangeRole({
      actorId,
      actorRole,
      targetUserId: target.userId,
      targetRole: target.role,
      newRole,
      ownerCount: await ownerCount(tx, teamId),
    });
    if (!verdict.ok) {
      if (actorRole !== "OWNER") throw new AuthorizationError(verdict.reason);
      throw new RuleError(verdict.reason, "role");
    }
    if (target.role === newRole) return { ...target, changed: false };
    await tx.membership.update({ where: { id: target.id }, data: { role: newRole } });
    await recordAudit(tx, {
      teamId,
      actorId,
      action: "membership.change_role",
      entityType: "Membership",
      entityId: target.id,
      data: { userId: target.userId, from: target.role, to: newRole },
    });
    return { ...target, role: newRole, changed: true };
  });
}

/** Removes a member (owners) or the actor themself (leaving); the last owner can do neither. */
export async function removeMember(scope: TeamScope, actorId: string, membershipId: string) {
  const { teamId } = scope;
  return db.$transaction(async (tx) => {
    await lockTeam(tx, teamId);
    const target = await tx.membership.findFirst({
      where: { id: membershipId, teamId },
      select: { id: true, userId: true, role: true, user: { select: { name: true, email: true } } },
    });
    if (!target) throw new NotFoundError("Member");
    const actorRole = await roleIn(tx, teamId, actorId);
    const verdict = canRemoveMember({
      actorId,
      actorRole,
      targetUserId: target.userId,
      targetRole: target.role,
      ownerCount: await ownerCount(tx, teamId),
    });
    if (!verdict.ok) {
      if (actorRole !== "OWNER" && actorId !== target.userId)
        throw new AuthorizationError(verdict.reason);
      throw new RuleError(verdict.reason);
    }
    await tx.membership.delete({ where: { id: target.id } });
    const leaving = target.userId === actorId;
    await recordAudit(tx, {
      teamId,
      actorId,
      action: leaving ? "membership.leave" : "membership.remove",
      entityType: "Membership",
      entityId: target.id,
      data: { userId: target.userId, role: target.role },
    });
    return { ...target, leaving };
  });
}

/** Stores a new logo (bytes already checked by lib/teams/logo.ts) and makes it the team's. */
export async function setTeamLogo(
  scope: TeamScope,
  actorId: string,
  logo: { bytes: Uint8Array; contentType: string; width: number; height: number },
) {
  const { teamId } = scope;
  return db.$transaction(async (tx) => {
    await requireOwner(tx, teamId, actorId);
    const row = await tx.teamLogo.create({
      data: {
        teamId,
        contentType: logo.contentType,
        bytes: Buffer.from(logo.bytes),
        width: logo.width,
        height: logo.height,
        createdById: actorId,
      },
      select: { id: true },
    });
    await tx.team.update({ where: { id: teamId }, data: { logoId: row.id } });
    await recordAudit(tx, {
      teamId,
      actorId,
      action: "team.logo.set",
      entityType: "Team",
      entityId: teamId,
      data: { logoId: row.id, contentType: logo.contentType, bytes: logo.bytes.length },
    });
    return row;
  });
}

/** New reports carry no logo; published ones keep theirs (the rows are never deleted here). */
export async function removeTeamLogo(scope: TeamScope, actorId: string) {
  const { teamId } = scope;
  return db.$transaction(async (tx) => {
    await requireOwner(tx, teamId, actorId);
    await tx.team.update({ where: { id: teamId }, data: { logoId: null } });
    await recordAudit(tx, {
      teamId,
      actorId,
      action: "team.logo.remove",
      entityType: "Team",
      entityId: teamId,
    });
  });
}
