import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/lib/auth/config";
import { can, type Permission, type Role } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { hasAnyPortalGrant } from "@/lib/sharing/data";
import { hasLiveInvitation } from "@/lib/teams/data";
import { findSessionUser, findSignedInUser, type SignedInUser } from "./data";
import { mintTeamScope, type TeamScope } from "./scope";
import { sessionCookieName, sessionFreshness } from "./session-token";

export const ACTIVE_TEAM_COOKIE = "hindsight-team";

export interface CurrentUser {
  id: string;
  email: string;
  name: string | null;
}

/**
 * The session named by the cookie, read by `lookup` (one statement by its token): the row when
 * the session is fresh, "signed-out" when no session has that token, and null when Auth.js must
 * decide (no cookie, or a session it would renew or delete now; lib/auth/session-token.ts).
 */
async function sessionByCookie<R extends { expires: Date }>(
  lookup: (sessionToken: string) => Promise<R | null>,
): Promise<R | "signed-out" | null> {
  const token = (await cookies()).get(sessionCookieName(env().APP_URL))?.value;
  if (!token) return null;
  const found = await lookup(token);
  if (!found) return "signed-out";
  return sessionFreshness(found.expires, Date.now()) === "fresh" ? found : null;
}

/**
 * Who is signed in, with their memberships, once per request. The session cookie is looked up
 * here in one statement (lib/auth/data.ts) rather than through Auth.js on every request; a
 * session Auth.js would renew or delete now, and a request without the cookie, go through
 * Auth.js itself, so its rules and writes stay the only ones.
 */
const signedIn = cache(async (): Promise<SignedInUser | null> => {
  const found = await sessionByCookie(findSessionUser);
  if (found === "signed-out") return null;
  if (found) return found;
  const id = (await auth())?.user?.id;
  return id ? findSignedInUser(id) : null;
});

/**
 * The signed-in user and one more row read in the same statement as the session: `lookup`
 * finds the session by its token and joins the row to its user (a hot read path saves a round
 * trip). When the session must go through Auth.js, the user is found as getCurrentUser finds
 * it and the row by `fallback`. Null when nobody is signed in.
 */
export async function currentUserWith<T>(
  lookup: (sessionToken: string) => Promise<{ user: CurrentUser; expires: Date; row: T } | null>,
  fallback: (user: CurrentUser) => Promise<T>,
): Promise<{ user: CurrentUser; row: T } | null> {
  const found = await sessionByCookie(lookup);
  if (found === "signed-out") return null;
  if (found) return { user: found.user, row: found.row };
  const user = await getCurrentUser();
  return user ? { user, row: await fallback(user) } : null;
}

/** The signed-in user, or null. Cached for the duration of one request. */
export const getCurrentUser = cache(
  async (): Promise<CurrentUser | null> => (await signedIn())?.user ?? null,
);

/** The signed-in user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireUser(returnTo?: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user)
    redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
  return user;
}

export interface TeamContext {
  user: CurrentUser;
  team: { id: string; name: string; slug: string };
  role: Role;
  /** The team every read and write of this request is confined to. */
  scope: TeamScope;
  /** Every team the user belongs to, oldest membership first (the team switcher). */
  teams: { id: string; name: string; slug: string }[];
}

/**
 * The team the user works in now: the one named by the team cookie if they still belong to
 * it, else their oldest membership. Role is read from the database on every request.
 */
export const getTeamContext = cache(async (): Promise<TeamContext | null> => {
  const who = await signedIn();
  if (!who) return null;
  const wanted = (await cookies()).get(ACTIVE_TEAM_COOKIE)?.value;
  const chosen = who.memberships.find((m) => m.team.id === wanted) ?? who.memberships[0];
  return chosen
    ? {
        user: who.user,
        team: chosen.team,
        role: chosen.role,
        scope: mintTeamScope(chosen.team.id),
        teams: who.memberships.map((m) => m.team),
      }
    : null;
});

/**
 * For team pages: signed in, member of a team. Without a team: stakeholders with reports
 * shared with them go to the portal (they never reach team pages) unless an invitation to a
 * team is waiting for them; everyone else to onboarding.
 */
export async function requireTeam(returnTo?: string): Promise<TeamContext> {
  const user = await requireUser(returnTo);
  const ctx = await getTeamContext();
  if (!ctx) {
    // A pending invitation wins over the portal: onboarding is where it can be accepted.
    const portal = !(await hasLiveInvitation(user.email)) && (await hasAnyPortalGrant(user.email));
    redirect(portal ? "/portal" : "/onboarding");
  }
  return ctx;
}

/** For team pages that need a permission: a member without it gets 404, as for a missing record. */
export async function requireTeamPermission(
  permission: Permission,
  returnTo?: string,
): Promise<TeamContext> {
  const ctx = await requireTeam(returnTo);
  if (!can(ctx.role, permission)) notFound();
  return ctx;
}

/** Refused: `unauthenticated` (no session: 401) or `forbidden` (signed in, not allowed: 403). */
export class AuthorizationError extends Error {
  constructor(
    message = "You do not have permission to do that.",
    public readonly kind: "unauthenticated" | "forbidden" = "forbidden",
  ) {
    super(message);
  }
}

/**
 * For server actions: re-reads the session and the role from the database and checks the
 * permission. Throws AuthorizationError (turned into an action result by `runAction`).
 */
export async function authorize(permission: Permission): Promise<TeamContext> {
  const ctx = await getTeamContext();
  if (!ctx)
    throw new AuthorizationError("Your session has ended. Sign in again.", "unauthenticated");
  if (!can(ctx.role, permission)) throw new AuthorizationError();
  return ctx;
}
