import "server-only";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { INVITATION_TTL_DAYS } from "./invitations";

/**
 * Membership gate for a team id the user names (switching teams): takes a bare id on purpose,
 * since it is the check that comes before any scope exists.
 */
export async function isMember(userId: string, teamId: string) {
  return (await db.membership.count({ where: { userId, teamId } })) > 0;
}

export function listMyTeams(userId: string) {
  return db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, team: { select: { id: true, name: true } } },
  });
}

export type MemberRow = Awaited<ReturnType<typeof listMembers>>[number];

export function listMembers(scope: TeamScope) {
  return db.membership.findMany({
    where: { teamId: scope.teamId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      role: true,
      createdAt: true,
      user: { select: { id: true, name: true, email: true } },
    },
  });
}

/** Invitations not yet accepted or revoked, expired ones included so owners can resend them. */
export function listOpenInvitations(scope: TeamScope) {
  return db.invitation.findMany({
    where: { teamId: scope.teamId, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      email: true,
      role: true,
      createdAt: true,
      invitedBy: { select: { name: true, email: true } },
    },
  });
}

/**
 * One invitation for the page its link opens. Not team-scoped on purpose: the holder is not a
 * member yet; the page and the accept action check that the signed-in email is the invited one.
 */
export function findInvitation(invitationId: string) {
  return db.invitation.findUnique({
    where: { id: invitationId },
    select: {
      id: true,
      email: true,
      role: true,
      createdAt: true,
      acceptedAt: true,
      revokedAt: true,
      teamId: true,
      team: { select: { name: true } },
      invitedBy: { select: { name: true, email: true } },
    },
  });
}

/** Live invitations addressed to this email, for teams the user is not already in. */
export function listInvitationsForUser(userId: string, email: string) {
  const since = new Date(Date.now() - INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);
  return db.invitation.findMany({
    where: {
      email: { equals: email, mode: "insensitive" },
      acceptedAt: null,
      revokedAt: null,
      createdAt: { gt: since },
      team: { memberships: { none: { userId } } },
    },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      role: true,
      createdAt: true,
      team: { select: { name: true } },
      invitedBy: { select: { name: true, email: true } },
    },
  });
}

export function getProfile(userId: string) {
  return db.user.findUnique({
    where: { id: userId },
    select: { name: true, email: true, timeZone: true },
  });
}

/** The user's own membership in a team (for "Leave team"), or null. */
export function findOwnMembership(scope: TeamScope, userId: string) {
  return db.membership.findUnique({
    where: { teamId_userId: { teamId: scope.teamId, userId } },
    select: { id: true, role: true },
  });
}

/** Whether someone without a team has a live invitation waiting (onboarding shows it). */
export async function hasLiveInvitation(email: string) {
  const since = new Date(Date.now() - INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);
  return (
    (await db.invitation.count({
      where: {
        email: { equals: email, mode: "insensitive" },
        acceptedAt: null,
        revokedAt: null,
        createdAt: { gt: since },
      },
    })) > 0
  );
}

/** How many live invitations to other teams wait for this user (the header links to them). */
export function countInvitationsForUser(userId: string, email: string) {
  const since = new Date(Date.now() - INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);
  return db.invitation.count({
    where: {
      email: { equals: email, mode: "insensitive" },
      acceptedAt: null,
      revokedAt: null,
      createdAt: { gt: since },
      team: { memberships: { none: { userId } } },
    },
  });
}

/**
 * A logo's bytes by id, for /api/logos/<id>. Logos head shared reports, so they are served to
 * anyone holding the id (an unguessable cuid, only ever printed in a report or settings page).
 */
export function getTeamLogo(id: string) {
  if (typeof id !== "string" || !id) return null;
  return db.teamLogo.findUnique({
    where: { id },
    select: { id: true, contentType: true, bytes: true },
  });
}

/** The team's current logo id (settings page preview). */
export async function getTeamLogoId(scope: TeamScope): Promise<string | null> {
  const team = await db.team.findUnique({ where: { id: scope.teamId }, select: { logoId: true } });
  return team?.logoId ?? null;
}
