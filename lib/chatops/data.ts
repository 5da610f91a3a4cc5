import "server-only";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";

/** For the command gate only: the Slack workspace id in the body selects whose signing secret to check. */
export function findIntegrationByWorkspace(workspaceId: string) {
  return db.chatIntegration.findUnique({
    where: { workspaceId },
    select: { id: true, teamId: true, signingSecretSealed: true },
  });
}

export function getChatIntegration(scope: TeamScope) {
  return db.chatIntegration.findUnique({
    where: { teamId: scope.teamId },
    select: {
      id: true,
      workspaceId: true,
      updatedAt: true,
      identities: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          chatUserName: true,
          createdAt: true,
          user: { select: { name: true, email: true } },
        },
      },
    },
  });
}

export function findIncidentByNumber(scope: TeamScope, number: number) {
  return db.incident.findFirst({
    where: { teamId: scope.teamId, number },
    select: {
      id: true,
      number: true,
      title: true,
      status: true,
      severity: true,
      problemStatement: true,
    },
  });
}

export function listWhyNodes(scope: TeamScope, incidentId: string) {
  return db.whyNode.findMany({
    where: { incidentId, incident: { teamId: scope.teamId } },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, parentId: true, statement: true, isRootCause: true },
  });
}

/** The linked member behind a chat user, with their current role in the integration's team. */
export async function findLinkedMember(
  scope: TeamScope,
  integrationId: string,
  chatUserId: string,
) {
  const identity = await db.chatIdentity.findUnique({
    where: { integrationId_chatUserId: { integrationId, chatUserId } },
    select: { user: { select: { id: true, email: true, name: true } } },
  });
  if (!identity) return null;
  const membership = await db.membership.findUnique({
    where: { teamId_userId: { teamId: scope.teamId, userId: identity.user.id } },
    select: { role: true, team: { select: { id: true, name: true, slug: true } } },
  });
  return membership ? { user: identity.user, role: membership.role, team: membership.team } : null;
}

/** A pending link request by its token hash (not used, not expired). */
export function findLinkRequest(tokenHash: string, now = new Date()) {
  return db.chatLinkRequest.findFirst({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
    select: {
      id: true,
      chatUserId: true,
      chatUserName: true,
      integration: { select: { id: true, teamId: true, team: { select: { name: true } } } },
    },
  });
}
