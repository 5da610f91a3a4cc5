import "server-only";
import { recordAudit } from "@/lib/audit/mutations";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { z } from "zod";
import type { createApiTokenSchema } from "./schema";
import { displayPrefix, generateSecret, hashSecret } from "./tokens";

/** Creates a token and returns it in the clear: the only moment it exists outside the caller's hands. */
export async function createApiToken(
  scope: TeamScope,
  actorId: string,
  input: z.output<typeof createApiTokenSchema>,
) {
  const token = generateSecret();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        teamId: scope.teamId,
        name: input.name,
        scope: input.scope,
        tokenHash: hashSecret(token),
        prefix: displayPrefix(token),
        createdById: actorId,
      },
      select: { id: true, name: true, scope: true },
    });
    await recordAudit(tx, {
      teamId: scope.teamId,
      actorId,
      action: "api_token.create",
      entityType: "ApiToken",
      entityId: created.id,
      data: { name: input.name, scope: input.scope },
    });
    return created;
  });
  return { ...row, token };
}

export async function revokeApiToken(scope: TeamScope, actorId: string, tokenId: string) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, teamId: scope.teamId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new NotFoundError("Token");
    await recordAudit(tx, {
      teamId: scope.teamId,
      actorId,
      action: "api_token.revoke",
      entityType: "ApiToken",
      entityId: tokenId,
    });
  });
}
