// The kinds of caller the matrix tries on every endpoint, what each one sends, and which
// teams' markers it must never see.
import { MARKERS, type World } from "./world";

export const CALLERS = [
  "anonymous",
  "shareHolder",
  "portalUser",
  "viewer",
  "editor",
  "owner",
  "otherOwner",
  "tokenRead",
  "tokenWrite",
  "otherToken",
] as const;

export type Caller = (typeof CALLERS)[number];

/** What a caller sends: a session cookie, a bearer token, or nothing (the share holder's credential is in the path). */
export function credentials(world: World, caller: Caller): Record<string, string> {
  const session = (token: string) => ({ cookie: `authjs.session-token=${token}` });
  switch (caller) {
    case "anonymous":
    case "shareHolder":
      return {};
    case "portalUser":
      return session(world.portal.sessionToken);
    case "viewer":
      return session(world.A.viewer.sessionToken);
    case "editor":
      return session(world.A.editor.sessionToken);
    case "owner":
      return session(world.A.owner.sessionToken);
    case "otherOwner":
      return session(world.B.owner.sessionToken);
    case "tokenRead":
      return { authorization: `Bearer ${world.A.readToken.secret}` };
    case "tokenWrite":
      return { authorization: `Bearer ${world.A.writeToken.secret}` };
    case "otherToken":
      return { authorization: `Bearer ${world.B.writeToken.secret}` };
  }
}

/**
 * Markers that must never appear in any answer to this caller. Team A's members and tokens
 * may see A's data; B's owner and token only B's; the share holder and the portal user only
 * what A published; an anonymous caller nothing of either team.
 */
export function forbiddenMarkers(caller: Caller): string[] {
  switch (caller) {
    case "anonymous":
      return [MARKERS.A.int, MARKERS.A.pub, MARKERS.B.int, MARKERS.B.pub];
    case "shareHolder":
    case "portalUser":
      return [MARKERS.A.int, MARKERS.B.int, MARKERS.B.pub];
    case "otherOwner":
    case "otherToken":
      return [MARKERS.A.int, MARKERS.A.pub];
    default:
      return [MARKERS.B.int, MARKERS.B.pub];
  }
}

/** The markers of `body` this caller must not see (lower-cased search: markers are lower-case words). */
export function leakedMarkers(caller: Caller, body: string): string[] {
  const text = body.toLowerCase();
  return forbiddenMarkers(caller).filter((m) => text.includes(m));
}
