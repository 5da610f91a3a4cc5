import "server-only";
import type { AuditData } from "@/lib/audit/schema";
import { can, type Permission } from "@/lib/auth/permissions";
import { mintTeamScope, type TeamScope } from "@/lib/auth/scope";
import { AuthorizationError, type TeamContext } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { BucketPolicy } from "@/lib/sharing/rate-limit";
import { takeRateLimit } from "@/lib/sharing/mutations";
import { credentialFrom, hashSecret } from "./tokens";

/**
 * The gate for the REST API (and, through `scopeForVerifiedSource`, for signed webhooks): the
 * only place outside lib/auth allowed to mint a TeamScope. A request carries
 * `Authorization: Bearer hs_…`; the token's hash selects the team. A token works only while
 * the member who created it still belongs to the team, and never beyond that member's role:
 * a write token made by an owner who was later demoted to viewer can only read.
 */
export interface ApiContext {
  scope: TeamScope;
  token: { id: string; name: string; scope: "READ" | "WRITE" };
  /** The actor the app's mutations expect: the token's creator, in the token's team. */
  actor: Pick<TeamContext, "user" | "scope">;
  /** What audit rows show as the actor. */
  label: string;
}

export class RateLimitedError extends Error {
  constructor(public retryAfterSeconds: number) {
    super("Too many requests for this token: slow down.");
  }
}

export function apiRatePolicy(): BucketPolicy {
  const { API_RATE_BURST, API_RATE_PER_SECOND } = env();
  // The floor keeps a client that ignores Retry-After blocked for at most ~a minute.
  return {
    capacity: API_RATE_BURST,
    refillPerSecond: API_RATE_PER_SECOND,
    floor: -Math.ceil(API_RATE_PER_SECOND * 60),
  };
}

const UNAUTHENTICATED = "Send a valid API token: Authorization: Bearer hs_…";

export async function authenticateApiRequest(
  request: Request,
  permission: Permission,
): Promise<ApiContext> {
  const secret = credentialFrom(request.headers);
  if (!secret) throw new AuthorizationError(UNAUTHENTICATED, "unauthenticated");
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashSecret(secret) },
    select: {
      id: true,
      name: true,
      scope: true,
      revokedAt: true,
      teamId: true,
      createdById: true,
      team: { select: { id: true, name: true, slug: true } },
      createdBy: { select: { id: true, email: true, name: true } },
    },
  });
  if (!token || token.revokedAt || !token.createdBy)
    throw new AuthorizationError(UNAUTHENTICATED, "unauthenticated");
  const membership = await db.membership.findUnique({
    where: { teamId_userId: { teamId: token.teamId, userId: token.createdBy.id } },
    select: { role: true },
  });
  if (!membership)
    throw new AuthorizationError(
      "This token's creator has left the team: create a new token.",
      "unauthenticated",
    );

  const limit = await takeRateLimit(`api:${token.id}`, 1, new Date(), apiRatePolicy());
  if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);

  const tokenAllows = permission === "incident:read" || token.scope === "WRITE";
  if (!tokenAllows) throw new AuthorizationError("This token is read-only.", "forbidden");
  if (!can(membership.role, permission))
    throw new AuthorizationError("The member who created this token may not do that.", "forbidden");

  const scope = mintTeamScope(token.teamId);
  return {
    scope,
    token: { id: token.id, name: token.name, scope: token.scope },
    actor: { user: token.createdBy, scope },
    label: `API token “${token.name}”`,
  };
}

/** Every use: the last-used time and one audit row with what was asked and the answer. */
export async function recordApiUse(api: ApiContext, request: Request, status: number) {
  const url = new URL(request.url);
  await db.$transaction([
    db.apiToken.update({ where: { id: api.token.id }, data: { lastUsedAt: new Date() } }),
    db.auditEvent.create({
      data: {
        teamId: api.scope.teamId,
        actorLabel: api.label,
        action: "api.request",
        entityType: "ApiToken",
        entityId: api.token.id,
        data: {
          method: request.method,
          path: url.pathname,
          status,
        } satisfies AuditData<"api.request">,
      },
    }),
  ]);
}

/**
 * For webhook endpoints whose handler has verified the request (a source token or the tool's
 * signature) against a record it looked up by id: that record's team becomes the scope.
 */
export function scopeForVerifiedSource(verified: { teamId: string; verified: true }): TeamScope {
  return mintTeamScope(verified.teamId);
}
