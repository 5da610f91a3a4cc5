import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { can, type Permission } from "@/lib/auth/permissions";
import { authorize, requireTeam, type TeamContext } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { TeamScope } from "@/lib/auth/scope";
import { hasNul } from "@/lib/server/input-guard";

/** The minimal incident identity every incident-scoped check needs. */
export interface IncidentRef {
  id: string;
  teamId: string;
  number: number;
  title: string;
}

const refSelect = { id: true, teamId: true, number: true, title: true } as const;

/** The incident if it belongs to this team, else null: another team's id is simply not found. */
export function findIncidentRef(scope: TeamScope, incidentId: string): Promise<IncidentRef | null> {
  if (typeof incidentId !== "string" || hasNul(incidentId)) return Promise.resolve(null);
  return db.incident.findFirst({
    where: { id: incidentId, teamId: scope.teamId },
    select: refSelect,
  });
}

/**
 * For pages under /incidents/[id]: signed in, in a team, the incident belongs to that team
 * (else 404), and the role has the permission (else 404 too).
 */
export async function requireIncidentPage(
  incidentId: string,
  permission: Permission = "incident:read",
): Promise<{ ctx: TeamContext; incident: IncidentRef }> {
  const ctx = await requireTeam(`/incidents/${incidentId}`);
  const incident = await findIncidentRefOnce(ctx.scope, incidentId);
  if (!incident || !can(ctx.role, permission)) notFound();
  return { ctx, incident };
}

// The incident's layout and its page both ask: one lookup per request (React's cache compares
// arguments by identity; the scope is the one object this request's cached team context holds).
const findIncidentRefOnce = cache(findIncidentRef);

/**
 * For server actions and route handlers on one incident: re-reads session and role, checks
 * the permission, and that the incident is the caller's team's. Throws AuthorizationError or
 * NotFoundError (runAction turns both into a result).
 */
export async function authorizeIncident(
  incidentId: string,
  permission: Permission,
): Promise<{ ctx: TeamContext; incident: IncidentRef }> {
  const ctx = await authorize(permission);
  const incident = await findIncidentRef(ctx.scope, incidentId);
  if (!incident) throw new NotFoundError("Incident");
  return { ctx, incident };
}
