// The Auth.js database session as this app reads it on every request (pure: the clock and the
// address are parameters). lib/auth/session.ts reads the session cookie and looks the session
// up itself, in one statement with the user and their memberships, instead of running Auth.js
// for every page and route (its request, config and adapter round trips cost more than the
// page's own query on stakeholder views: issue 13). Auth.js stays in charge of every session
// write: a session it would renew or delete on this request is handed to it.

/** How long a session lasts without use (Auth.js `session.maxAge`). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** How often Auth.js rolls a used session's expiry forward (Auth.js `session.updateAge`). */
export const SESSION_UPDATE_AGE_SECONDS = 24 * 60 * 60;

/**
 * The cookie Auth.js keeps the session token in: `__Secure-` prefixed when the app is served over
 * https (Auth.js decides by the URL it runs at, which lib/auth/config.ts pins to APP_URL).
 */
export function sessionCookieName(appUrl: string): string {
  return `${appUrl.startsWith("https:") ? "__Secure-" : ""}authjs.session-token`;
}

/**
 * What Auth.js would do with a session it found: nothing ("fresh"), extend its expiry
 * ("renew": once SESSION_UPDATE_AGE_SECONDS have passed since it was last extended), or delete
 * it ("expired").
 */
export function sessionFreshness(expires: Date, now: number): "fresh" | "renew" | "expired" {
  const at = expires.getTime();
  if (!(at >= now)) return "expired";
  const dueForRenewal = at - SESSION_MAX_AGE_SECONDS * 1000 + SESSION_UPDATE_AGE_SECONDS * 1000;
  return dueForRenewal <= now ? "renew" : "fresh";
}
