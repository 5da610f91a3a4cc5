import "server-only";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { unseal } from "@/lib/jobs/seal";

const slackOf = (scope: TeamScope) => ({
  teamId_provider: { teamId: scope.teamId, provider: "SLACK" as const },
});

/** For the command gate only: the Slack workspace id in the body selects whose signing secret to check. */
export function findIntegrationByWorkspace(workspaceId: string) {
  return db.chatIntegration.findFirst({
    where: { workspaceId, provider: "SLACK", signingSecretSealed: { not: null } },
    select: { id: true, teamId: true, signingSecretSealed: true },
  });
}

/** For the command gate only: the hash of a Mattermost command token selects the team. */
export function findIntegrationByCommandToken(commandTokenHash: string) {
  return db.chatIntegration.findFirst({
    where: { commandTokenHash, provider: "MATTERMOST" },
    select: { id: true, teamId: true, commandTokenHash: true },
  });
}

/** The team's chat integrations (Slack, Mattermost) for its settings page. */
export async function getChatIntegrations(scope: TeamScope) {
  const rows = await db.chatIntegration.findMany({
    where: { teamId: scope.teamId },
    select: {
      id: true,
      provider: true,
      workspaceId: true,
      commandTokenHash: true,
      updatedAt: true,
      botTokenSealed: true,
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
  return {
    slack: rows.find((r) => r.provider === "SLACK") ?? null,
    mattermost: rows.find((r) => r.provider === "MATTERMOST") ?? null,
  };
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

/** Whether the team saved a bot token (the import panel then offers to read a channel). */
export async function hasSlackBotToken(scope: TeamScope): Promise<boolean> {
  const row = await db.chatIntegration.findUnique({
    where: slackOf(scope),
    select: { botTokenSealed: true },
  });
  return Boolean(row?.botTokenSealed);
}

/** The team's Slack bot token in the clear, or null when none is saved. */
export async function getSlackBotToken(scope: TeamScope): Promise<string | null> {
  const row = await db.chatIntegration.findUnique({
    where: slackOf(scope),
    select: { botTokenSealed: true },
  });
  return row?.botTokenSealed ? unseal<string>(row.botTokenSealed, env().AUTH_SECRET) : null;
}

/** The window of an incident's chat worth importing: 15 minutes either side of start to resolution (or now). */
export async function getIncidentWindow(scope: TeamScope, incidentId: string, now = new Date()) {
  const incident = await db.incident.findFirst({
    where: { id: incidentId, teamId: scope.teamId },
    select: { startedAt: true, resolvedAt: true },
  });
  if (!incident) throw new NotFoundError("Incident");
  const margin = 15 * 60_000;
  const end = incident.resolvedAt
    ? Math.min(incident.resolvedAt.getTime() + margin, now.getTime())
    : now.getTime();
  return { oldest: new Date(incident.startedAt.getTime() - margin), latest: new Date(end) };
}
