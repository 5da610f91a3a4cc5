// What every caller gets from every page and route handler. Keys are "page <pattern>" or
// "<METHOD> <pattern>" as discovered from app/ (test/endpoints.ts); a new page or route
// without a key here fails the matrix. Outcomes:
//   200, 401, 404, …   the status (no redirect)
//   "→/sign-in"        a redirect whose target starts with that path
//   "soft404"          200 carrying the not-found page: notFound() thrown below a loading.tsx
//                      boundary, after the shell was streamed, so Next cannot change the status
//                      any more (the page shows nothing of the record; see docs/decisions.md).
import { type Caller, CALLERS } from "./callers";
import { MARKERS, type World } from "./world";

/** "404|429": refused either way; which one depends on the address's guessing budget so far. */
export type Outcome = number | `→${string}` | "soft404" | "404|429";
export type Row = Record<Caller, Outcome>;

export interface HttpEntry {
  expect: Row;
  /** The path for this caller (default: the pattern filled with team A's ids). */
  path?: (w: World, caller: Caller) => string;
  body?: (w: World) => unknown;
  /**
   * A marker that callers answered 200 must find, so the answer really shows the team's data
   * (and a refusal cannot pass for a page): by default team A's members and tokens, else `showsTo`.
   */
  shows?: string;
  showsTo?: Caller[];
  /** Live streams: read the first event only. */
  stream?: boolean;
  /**
   * For writes: SQL returning one row with a boolean `ok`, true when the callers answered 2xx
   * left exactly their change, each in its own team (checked once every caller has run).
   */
  effect?: (w: World) => [sql: string, params: unknown[]];
}

const SIGN_IN = "→/sign-in";
const NO_SESSION = {
  anonymous: SIGN_IN,
  shareHolder: SIGN_IN,
  tokenRead: SIGN_IN,
  tokenWrite: SIGN_IN,
  otherToken: SIGN_IN,
} as const;

function row(base: Outcome, overrides: Partial<Row> = {}): Row {
  return Object.fromEntries(CALLERS.map((c) => [c, overrides[c] ?? base])) as Row;
}

/** A team page with no record in its address: each member sees their own team (B's owner sees B). */
function teamPage(overrides: Partial<Row> = {}): Row {
  return row(200, { ...NO_SESSION, portalUser: "→/portal", ...overrides });
}

/** A page of one of team A's records: B's owner gets 404, as for a record that does not exist. */
function recordPage(overrides: Partial<Row> = {}): Row {
  return teamPage({ otherOwner: 404, ...overrides });
}

/** Any signed-in user. */
function signedInPage(overrides: Partial<Row> = {}): Row {
  return row(200, { ...NO_SESSION, ...overrides });
}

/** A session route handler needing incident:read: 401 without a session (tokens are not sessions). */
function sessionRoute(overrides: Partial<Row> = {}): Row {
  return row(200, {
    anonymous: 401,
    shareHolder: 401,
    portalUser: 401,
    tokenRead: 401,
    tokenWrite: 401,
    otherToken: 401,
    ...overrides,
  });
}

/** A REST API route: 401 for every session (only tokens authenticate), B's token sees B's own team. */
function apiRoute(overrides: Partial<Row> = {}): Row {
  return row(401, { tokenRead: 200, tokenWrite: 200, otherToken: 200, ...overrides });
}

const A_INT = MARKERS.A.int;
const A_PUB = MARKERS.A.pub;

export const HTTP_MATRIX: Record<string, HttpEntry> = {
  // ── pages ──────────────────────────────────────────────────────────────────────────────
  "page /": { expect: teamPage(), shows: A_PUB },
  "page /actions": { expect: teamPage(), shows: A_INT },
  "page /incidents": { expect: teamPage(), shows: A_PUB },
  "page /incidents/[id]": { expect: recordPage(), shows: A_INT },
  "page /incidents/[id]/actions": { expect: recordPage(), shows: A_INT },
  "page /incidents/[id]/actions/[actionId]": { expect: recordPage(), shows: A_INT },
  "page /incidents/[id]/actions/new": { expect: recordPage({ viewer: 404 }), shows: A_PUB },
  "page /incidents/[id]/edit": { expect: recordPage({ viewer: 404 }), shows: A_INT },
  "page /incidents/[id]/history": { expect: recordPage(), shows: A_PUB },
  "page /incidents/[id]/report": { expect: recordPage(), shows: A_PUB },
  "page /incidents/[id]/report/share": { expect: recordPage(), shows: A_PUB },
  "page /incidents/[id]/report/versions": { expect: recordPage(), shows: A_PUB },
  "page /incidents/[id]/report/versions/[number]": { expect: recordPage(), shows: A_PUB },
  "page /incidents/[id]/whys": { expect: recordPage(), shows: A_INT },
  "page /incidents/[id]/whys/diagram": { expect: recordPage(), shows: A_INT },
  "page /incidents/new": { expect: teamPage({ viewer: 404 }) },
  "page /insights": { expect: teamPage() },
  "page /search": { expect: teamPage(), path: () => `/search?q=checkout` },
  "page /settings": { expect: teamPage(), shows: A_PUB },
  "page /settings/alerts": { expect: teamPage({ viewer: 404, editor: 404 }), shows: A_INT },
  "page /settings/api-tokens": { expect: teamPage({ viewer: 404, editor: 404 }), shows: A_INT },
  "page /settings/chat": { expect: teamPage({ viewer: 404, editor: 404 }) },
  "page /settings/notifications": {
    expect: teamPage({ viewer: 404, editor: 404 }),
    shows: A_INT,
  },
  "page /settings/members": { expect: teamPage(), shows: A_INT },
  "page /settings/sharing": { expect: teamPage() },
  "page /settings/templates": { expect: teamPage(), shows: A_INT },
  "page /print/incidents/[id]/report": { expect: recordPage(), shows: A_PUB },
  // An invitation page for someone else's invitation: it must not name the invited address.
  "page /invitations/[id]": {
    expect: signedInPage(),
    path: (w) => `/invitations/${w.A.invitationId}`,
  },
  "page /onboarding": { expect: signedInPage() },
  "page /portal": { expect: signedInPage(), shows: A_PUB, showsTo: ["portalUser"] },
  // The chat link is a bearer credential of one chat user (tested with its action); here an unknown one.
  "page /chat/link/[token]": {
    expect: signedInPage(),
    path: () => `/chat/link/hcl_unknown-link-token`,
  },
  // The share holder's link asks for no confirmation (anyone-with-link): back to the report.
  "page /r/[token]/confirm": { expect: row(404, { shareHolder: "→/r/" }) },
  "page /sign-in": {
    expect: row("→/", {
      anonymous: 200,
      shareHolder: 200,
      tokenRead: 200,
      tokenWrite: 200,
      otherToken: 200,
    }),
  },
  "page /verify-request": { expect: row(200) },
  "page /docs/api": { expect: row(200) },
  // The development mailbox does not exist in a production build.
  "page /dev/mailbox": { expect: row(404) },

  // ── route handlers ─────────────────────────────────────────────────────────────────────
  "GET /api/auth/[...nextauth]": { expect: row(200), path: () => "/api/auth/session" },
  // Auth.js refuses a sign-out without its CSRF token: back to sign-in with the error.
  "POST /api/auth/[...nextauth]": {
    expect: row("→/sign-in?error=MissingCSRF"),
    path: () => "/api/auth/signout",
    body: () => "",
  },
  "GET /api/health": { expect: row(200) },
  "GET /api/ready": { expect: row(200) },
  // Process liveness: answers whatever the caller and the database.
  "GET /api/live": { expect: row(200) },
  // Only the scraper's METRICS_TOKEN (configured in the e2e run) opens it: no session or API
  // token of any caller does.
  "GET /api/metrics": { expect: row(401) },
  "GET /api/incidents/[id]/similar": { expect: sessionRoute({ otherOwner: 404 }) },
  "GET /api/incidents/[id]/whys": { expect: sessionRoute({ otherOwner: 404 }), shows: A_INT },
  "GET /api/incidents/[id]/whys/stream": {
    expect: sessionRoute({ otherOwner: 404 }),
    stream: true,
  },
  "GET /api/insights/csv": {
    expect: sessionRoute(),
    path: () => "/api/insights/csv?chart=severity",
  },
  "GET /api/reports/[versionId]/[format]": {
    expect: sessionRoute({ otherOwner: 404 }),
    path: (w) => `/api/reports/${w.A.versionId}/markdown`,
    shows: A_PUB,
  },
  "GET /api/v1/openapi.json": { expect: row(200) },
  "GET /api/v1/incidents": { expect: apiRoute(), shows: A_PUB },
  "POST /api/v1/incidents": {
    expect: apiRoute({ tokenRead: 403, tokenWrite: 201, otherToken: 201 }),
    body: () => ({
      title: "Opened by the authorization matrix",
      severity: "SEV4",
      startedAt: new Date(Date.now() - 60_000).toISOString(),
    }),
    // One in team A (its write token), one in team B (B's token opens it in its own team).
    effect: (w) => [
      `SELECT count(*) FILTER (WHERE "teamId" = $1) = 1 AND count(*) FILTER (WHERE "teamId" = $2) = 1 AND count(*) = 2 AS ok
       FROM "Incident" WHERE title = 'Opened by the authorization matrix'`,
      [w.A.teamId, w.B.teamId],
    ],
  },
  "GET /api/v1/incidents/[id]": { expect: apiRoute({ otherToken: 404 }), shows: A_PUB },
  "PATCH /api/v1/incidents/[id]": {
    expect: apiRoute({ tokenRead: 403, otherToken: 404 }),
    path: (w) => `/api/v1/incidents/${w.A.draftIncidentId}`,
    body: () => ({ version: 1, tags: ["matrix"] }),
    effect: (w) => [
      `SELECT count(*) = 1 AND bool_and(id = $1 AND version = 2) AS ok FROM "Incident" WHERE 'matrix' = ANY(tags)`,
      [w.A.draftIncidentId],
    ],
  },
  "GET /api/v1/incidents/[id]/timeline": { expect: apiRoute({ otherToken: 404 }), shows: A_INT },
  "POST /api/v1/incidents/[id]/timeline": {
    expect: apiRoute({ tokenRead: 403, tokenWrite: 201, otherToken: 404 }),
    body: () => ({
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      kind: "NOTE",
      body: "Note from the authorization matrix",
    }),
    effect: (w) => [
      `SELECT count(*) = 1 AND bool_and("incidentId" = $1) AS ok FROM "TimelineEvent" WHERE body = 'Note from the authorization matrix'`,
      [w.A.incidentId],
    ],
  },
  "GET /api/v1/incidents/[id]/action-items": {
    expect: apiRoute({ otherToken: 404 }),
    shows: A_INT,
  },
  "GET /api/v1/action-items": { expect: apiRoute(), shows: A_INT },
  "GET /api/v1/reports": { expect: apiRoute(), shows: A_PUB },
  "GET /api/v1/reports/[id]": {
    expect: apiRoute({ otherToken: 404 }),
    path: (w) => `/api/v1/reports/${w.A.versionId}`,
    shows: A_PUB,
  },
  // Webhooks: no caller here holds the source's token or Slack's signing secret (their own
  // matrices follow); an API token or a session is not a webhook credential.
  "POST /api/v1/alerts/[sourceId]": {
    expect: row(401),
    path: (w) => `/api/v1/alerts/${w.A.alertSources.GENERIC.id}`,
    body: () => ({ status: "firing", id: "matrix", title: "Matrix alert" }),
  },
  "POST /api/v1/slack/commands": {
    expect: row(401),
    body: (w) => `team_id=${w.A.chat.workspaceId}&user_id=${w.A.chat.editorChatId}&text=help`,
  },
  // A session or an API token is not Mattermost's command token (its own matrix follows).
  "POST /api/v1/mattermost/commands": {
    expect: row(401),
    body: (w) =>
      `team_id=${w.A.chat.workspaceId}&user_id=${w.A.chat.mattermost.editorChatId}&text=help`,
  },
  // The author's previews: the draft composed now (a session route), and a published version's
  // stored bytes (members of its team; a signed-in non-member is told it is not found).
  "GET /preview/incidents/[id]/report": {
    expect: sessionRoute({ otherOwner: 404 }),
    path: (w) => `/preview/incidents/${w.A.incidentId}/report`,
    shows: A_PUB,
  },
  "GET /preview/reports/[versionId]": {
    expect: row(200, { ...NO_SESSION, portalUser: 404, otherOwner: 404 }),
    path: (w) => `/preview/reports/${w.A.versionId}`,
    shows: A_PUB,
  },
  // Team logos are public by id (they head emailed reports); an unknown id is not found.
  "GET /api/logos/[id]": { expect: row(404), path: () => "/api/logos/no-such-logo" },
  // Attachments: team members by role and portal readers whose granted report shows it; a
  // link's holder only what the link's version shows; uploads only editors and owners, from
  // this site's pages (the matrix sends no Origin, so even they are refused here;
  // lib/attachments/attachments.int.test.ts tests the upload itself).
  "GET /api/attachments/[id]": {
    expect: sessionRoute({ otherOwner: 404, portalUser: 200 }),
    path: (w) => `/api/attachments/${w.A.attachmentId}`,
    shows: A_PUB,
    showsTo: ["portalUser", "viewer", "editor", "owner"],
  },
  "POST /api/incidents/[id]/attachments": {
    expect: sessionRoute({ viewer: 403, editor: 403, owner: 403, otherOwner: 404 }),
    body: () => "target=incident",
  },
  "GET /r/[token]/files/[id]": {
    expect: row(404, { shareHolder: 200 }),
    path: (w, caller) =>
      `/r/${caller === "shareHolder" ? w.A.shareToken : "unknown-share-token-0123456789abcdef"}/files/${w.A.attachmentId}`,
    shows: A_PUB,
    showsTo: ["shareHolder"],
  },
  "GET /portal/reports/[versionId]": {
    expect: row(404, { ...NO_SESSION, portalUser: 200 }),
    path: (w) => `/portal/reports/${w.A.versionId}`,
    shows: A_PUB,
    showsTo: ["portalUser"],
  },
  // The portal report's print view (PDF): the same grant check as the report.
  "GET /portal/reports/[versionId]/print": {
    expect: row(404, { ...NO_SESSION, portalUser: 200 }),
    path: (w) => `/portal/reports/${w.A.versionId}/print`,
    shows: A_PUB,
    showsTo: ["portalUser"],
  },
  "GET /print/reports/[versionId]": {
    expect: row(200, { ...NO_SESSION, portalUser: 404, otherOwner: 404 }),
    path: (w) => `/print/reports/${w.A.versionId}`,
    shows: A_PUB,
  },
  "GET /r/[token]": {
    expect: row(404, { shareHolder: 200 }),
    shows: A_PUB,
    showsTo: ["shareHolder"],
  },
  // The shared report's print view (PDF): the same token check and guessing limit as the link.
  // Every caller's address has spent part of its budget on unknown tokens by now (the link, its
  // confirm page and files route before it), and the budget refills with time, so an unknown
  // token answers 404 or 429 depending on the machine's speed; either way nothing is shown.
  "GET /r/[token]/print": {
    expect: row("404|429", { shareHolder: 200 }),
    shows: A_PUB,
    showsTo: ["shareHolder"],
  },
  // The published 5 Whys diagram as an SVG file: the same token check, guessing limit and
  // grant check as the report it belongs to (lib/reports/diagram-routes.ts).
  "GET /r/[token]/diagram.svg": {
    expect: row("404|429", { shareHolder: 200 }),
    shows: A_PUB,
    showsTo: ["shareHolder"],
  },
  "GET /portal/reports/[versionId]/diagram.svg": {
    expect: row(404, {
      anonymous: 401,
      shareHolder: 401,
      tokenRead: 401,
      tokenWrite: 401,
      otherToken: 401,
      portalUser: 200,
    }),
    path: (w) => `/portal/reports/${w.A.versionId}/diagram.svg`,
    shows: A_PUB,
    showsTo: ["portalUser"],
  },
  // Where a limited confirmation lands: always "too many attempts".
  "GET /r/limited": { expect: row(429) },
};

/** The pattern filled with team A's ids; a token segment is the caller's share token, or an unknown one. */
export function defaultPath(pattern: string, w: World, caller: Caller): string {
  return pattern
    .replace("[actionId]", w.A.actionItemId)
    .replace("[number]", "1")
    .replace("[versionId]", w.A.versionId)
    .replace("[sourceId]", w.A.alertSources.GENERIC.id)
    .replace(
      "[token]",
      caller === "shareHolder" ? w.A.shareToken : "unknown-share-token-0123456789abcdef",
    )
    .replace("[id]", w.A.incidentId);
}
