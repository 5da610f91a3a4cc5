import "server-only";
import { recordAudit } from "@/lib/audit/mutations";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { NotFoundError, RuleError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { generateSecret, hashSecret } from "@/lib/api/tokens";
import { seal } from "@/lib/jobs/seal";
import { findLinkRequest } from "./data";
import type { ChatIntegrationInput } from "./schema";

export const LINK_TTL_MINUTES = 15;

export async function saveChatIntegration(
  scope: TeamScope,
  actorId: string,
  input: ChatIntegrationInput,
) {
  try {
    await db.$transaction(async (tx) => {
      const data = {
        workspaceId: input.workspaceId,
        signingSecretSealed: seal(input.signingSecret, env().AUTH_SECRET),
      };
      const row = await tx.chatIntegration.upsert({
        where: { teamId_provider: { teamId: scope.teamId, provider: "SLACK" } },
        create: { teamId: scope.teamId, ...data },
        update: data,
        select: { id: true },
      });
      await recordAudit(tx, {
        teamId: scope.teamId,
        actorId,
        action: "chat.configure",
        entityType: "ChatIntegration",
        entityId: row.id,
        data: { workspaceId: input.workspaceId },
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new RuleError("Another team already uses this Slack workspace.", "workspaceId");
    throw error;
  }
}

/** Saves (sealed) or removes the bot token that reads channel history for timeline imports. */
export async function saveSlackBotToken(scope: TeamScope, actorId: string, botToken: string) {
  await db.$transaction(async (tx) => {
    const row = await tx.chatIntegration.findUnique({
      where: { teamId_provider: { teamId: scope.teamId, provider: "SLACK" } },
      select: { id: true },
    });
    if (!row)
      throw new RuleError(
        "Save the Slack app's workspace ID and signing secret first.",
        "botToken",
      );
    await tx.chatIntegration.update({
      where: { id: row.id },
      data: { botTokenSealed: botToken ? seal(botToken, env().AUTH_SECRET) : null },
    });
    await recordAudit(tx, {
      teamId: scope.teamId,
      actorId,
      action: "chat.configure",
      entityType: "ChatIntegration",
      entityId: row.id,
      data: { botToken: botToken ? "saved" : "removed" },
    });
  });
}

/**
 * Saves the Mattermost slash command's token as a SHA-256 hash (it is only ever compared, so
 * it is not kept in a form that can be read back), or with an empty token refuses every
 * command until a new one is saved. Linked chat accounts stay either way.
 */
export async function saveMattermostToken(scope: TeamScope, actorId: string, token: string) {
  try {
    await db.$transaction(async (tx) => {
      const commandTokenHash = token ? hashSecret(token) : null;
      const row = await tx.chatIntegration.upsert({
        where: { teamId_provider: { teamId: scope.teamId, provider: "MATTERMOST" } },
        create: { teamId: scope.teamId, provider: "MATTERMOST", commandTokenHash },
        update: { commandTokenHash },
        select: { id: true },
      });
      await recordAudit(tx, {
        teamId: scope.teamId,
        actorId,
        action: "chat.configure",
        entityType: "ChatIntegration",
        entityId: row.id,
        data: { provider: "MATTERMOST", commandToken: token ? "saved" : "removed" },
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new RuleError(
        "Another team already uses this command token: create a slash command of your own in Mattermost.",
        "commandToken",
      );
    throw error;
  }
}

/** A one-time link (15 minutes) for a chat user to connect their Hindsight account; returns the URL. */
export async function createLinkRequest(
  integrationId: string,
  chatUserId: string,
  chatUserName: string,
) {
  const token = generateSecret("hcl_");
  await db.chatLinkRequest.create({
    data: {
      integrationId,
      tokenHash: hashSecret(token),
      chatUserId,
      chatUserName: chatUserName.slice(0, 80),
      expiresAt: new Date(Date.now() + LINK_TTL_MINUTES * 60_000),
    },
  });
  return `${env().APP_URL.replace(/\/$/, "")}/chat/link/${token}`;
}

/** The signed-in user confirms: they must be a member of the integration's team. One chat user ↔ one account. */
export async function confirmLink(userId: string, token: string) {
  return db.$transaction(async (tx) => {
    const request = await findLinkRequest(hashSecret(token));
    if (!request) throw new NotFoundError("Link");
    const member = await tx.membership.findUnique({
      where: { teamId_userId: { teamId: request.integration.teamId, userId } },
      select: { id: true },
    });
    if (!member)
      throw new RuleError(
        `Sign in with an account that belongs to ${request.integration.team.name}.`,
      );
    const used = await tx.chatLinkRequest.updateMany({
      where: { id: request.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (used.count === 0) throw new NotFoundError("Link");
    await tx.chatIdentity.upsert({
      where: {
        integrationId_chatUserId: {
          integrationId: request.integration.id,
          chatUserId: request.chatUserId,
        },
      },
      create: {
        integrationId: request.integration.id,
        chatUserId: request.chatUserId,
        chatUserName: request.chatUserName,
        userId,
      },
      update: { userId, chatUserName: request.chatUserName },
    });
    await recordAudit(tx, {
      teamId: request.integration.teamId,
      actorId: userId,
      action: "chat.link",
      entityType: "ChatIntegration",
      entityId: request.integration.id,
      data: { chatUser: request.chatUserName },
    });
    return { chatUserName: request.chatUserName, teamName: request.integration.team.name };
  });
}

/** Replay protection: a signature seen in the last window is refused (false). */
export async function claimSignature(signature: string, now = new Date()): Promise<boolean> {
  await db.seenSignature.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - 10 * 60_000) } },
  });
  const inserted =
    await db.$executeRaw`INSERT INTO "SeenSignature" ("key", "createdAt") VALUES (${signature}, ${now}) ON CONFLICT ("key") DO NOTHING`;
  return inserted === 1;
}
