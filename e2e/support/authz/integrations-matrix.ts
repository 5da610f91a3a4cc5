// Alert webhooks and chat commands: who may post what. Alert source kinds are discovered
// from ALERT_SOURCE_KINDS (lib/alerts/parse.ts) and chat commands from the ChatCommand union
// (lib/chatops/commands.ts); a new kind or command without an entry fails the matrix.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { AlertSourceKind } from "../../../lib/alerts/parse";
import { slackSignature } from "../../../lib/chatops/verify";
import { ROOT } from "../../../test/endpoints";
import { MARKERS, type World } from "./world";

// ── alert webhooks ──────────────────────────────────────────────────────────────────────────

/** Who posts to team A's source of a kind: each with the credential it holds. */
export const WEBHOOK_CALLERS = [
  "noCredential",
  "apiToken",
  "otherKindToken",
  "otherTeamSource",
  "staleSignature",
  "ownCredential",
] as const;
export type WebhookCaller = (typeof WEBHOOK_CALLERS)[number];

export interface WebhookEntry {
  /** A documented payload from lib/alerts/fixtures. */
  fixture: string;
  /** The status each caller gets; "ownCredential" opens or updates an incident in team A. */
  expect: Record<WebhookCaller, number>;
}

const tokenKind = (): Record<WebhookCaller, number> => ({
  noCredential: 401,
  apiToken: 401,
  otherKindToken: 401,
  otherTeamSource: 401,
  // Token sources are not signed: the stale-signature caller sends only an old Sentry-style signature.
  staleSignature: 401,
  ownCredential: 202,
});

export const WEBHOOK_MATRIX: Record<AlertSourceKind, WebhookEntry> = {
  ALERTMANAGER: { fixture: "alertmanager-v4-firing.json", expect: tokenKind() },
  GRAFANA: { fixture: "grafana-firing.json", expect: tokenKind() },
  KAPACITOR: { fixture: "kapacitor-critical.json", expect: tokenKind() },
  GENERIC: { fixture: "generic-firing.json", expect: tokenKind() },
  // Sentry signs the body with the integration's client secret (no token).
  SENTRY: { fixture: "sentry-event-alert.json", expect: tokenKind() },
};

export function fixtureBody(name: string): string {
  return readFileSync(path.join(ROOT, "lib/alerts/fixtures", name), "utf8");
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
function sentryHeaders(secret: string, body: string, timestamp: number) {
  return {
    "sentry-hook-signature": createHmac("sha256", secret).update(body, "utf8").digest("hex"),
    "sentry-hook-timestamp": String(timestamp),
    "sentry-hook-resource": "event_alert",
  };
}

/** The headers a webhook caller sends to team A's source of `kind`. */
export function webhookHeaders(
  w: World,
  kind: AlertSourceKind,
  caller: WebhookCaller,
  body: string,
): Record<string, string> {
  const now = Math.floor(Date.now() / 1000);
  const own = w.A.alertSources[kind].secret;
  const other =
    kind === "GENERIC" ? w.A.alertSources.GRAFANA.secret : w.A.alertSources.GENERIC.secret;
  const sign = (secret: string, ts = now) =>
    kind === "SENTRY" ? sentryHeaders(secret, body, ts) : bearer(secret);
  switch (caller) {
    case "noCredential":
      return {};
    case "apiToken":
      return bearer(w.A.writeToken.secret);
    case "otherKindToken":
      return kind === "SENTRY" ? bearer(other) : bearer(w.A.alertSources.SENTRY.secret);
    case "otherTeamSource":
      return sign(w.B.alertSources[kind].secret);
    case "staleSignature":
      return sentryHeaders(own, body, now - 600);
    case "ownCredential":
      return sign(own);
  }
}

// ── chat commands ───────────────────────────────────────────────────────────────────────────

export const CHAT_CALLERS = [
  "unsigned",
  "wrongSecret",
  "stale",
  "unlinked",
  "linkedViewer",
  "linkedEditor",
  "otherWorkspace",
] as const;
export type ChatCaller = (typeof CHAT_CALLERS)[number];

/** An HTTP status (refused before the command runs) or a pattern the reply must match. */
export type ChatOutcome = number | RegExp;

export interface ChatCase {
  /** The command text; INC-7 exists only in team A (B's numbers are 1 and 40 onwards). */
  text: string;
  expect: Record<ChatCaller, ChatOutcome>;
}

const CONNECT = /Connect your chat account to Hindsight/;
const VIEWER_REFUSED = /role \(viewer\) cannot change incidents/;
const NOT_IN_B = /No INC-7 in this team/;
const A_INT = new RegExp(MARKERS.A.int);
const unverified = { unsigned: 401, wrongSecret: 401, stale: 401 } as const;
const everyone = (reply: RegExp) => ({
  ...unverified,
  unlinked: reply,
  linkedViewer: reply,
  linkedEditor: reply,
  otherWorkspace: reply,
});

export const CHAT_MATRIX: Record<string, ChatCase[]> = {
  help: [{ text: "help", expect: everyone(/\/postmortem new/) }],
  link: [{ text: "link", expect: everyone(CONNECT) }],
  new: [
    {
      text: "new Opened from chat by the matrix sev2",
      expect: {
        ...unverified,
        unlinked: CONNECT,
        linkedViewer: VIEWER_REFUSED,
        linkedEditor: /opened INC-\d+/,
        otherWorkspace: /opened INC-\d+/,
      },
    },
  ],
  note: [
    {
      text: "note INC-7 a note from chat",
      expect: {
        ...unverified,
        unlinked: CONNECT,
        linkedViewer: VIEWER_REFUSED,
        linkedEditor: /Added to the timeline of INC-7/,
        otherWorkspace: NOT_IN_B,
      },
    },
  ],
  // Reading a status is open to anyone in the team's chat workspace; changing it needs a linked writer.
  status: [
    { text: "status INC-7", expect: { ...everyone(A_INT), otherWorkspace: NOT_IN_B } },
    {
      text: "status INC-7 monitoring",
      expect: {
        ...unverified,
        unlinked: CONNECT,
        linkedViewer: VIEWER_REFUSED,
        linkedEditor: /set INC-7 to Monitoring/,
        otherWorkspace: NOT_IN_B,
      },
    },
  ],
  whys: [
    {
      text: "whys INC-1",
      expect: { ...everyone(A_INT), otherWorkspace: new RegExp(MARKERS.B.int) },
    },
    { text: "whys INC-7", expect: { ...everyone(/INC-7/), otherWorkspace: NOT_IN_B } },
  ],
};

export const CHAT_PRODUCTS = {
  slack: "/api/v1/slack/commands",
  mattermost: "/api/v1/mattermost/commands",
} as const;
export type ChatProduct = keyof typeof CHAT_PRODUCTS;

/**
 * A slash-command request as the product sends it, with the credential the caller holds. For
 * Slack: a signature (none, made with B's secret, or 400 s old). Mattermost signs nothing: its
 * "unsigned" sends no token, "wrongSecret" a well-formed token of nobody, and "stale" the
 * credential of the other product (a valid Slack signature of A, no token).
 */
export function chatRequest(
  w: World,
  caller: ChatCaller,
  text: string,
  product: ChatProduct = "slack",
): { body: string; headers: Record<string, string> } {
  const team = caller === "otherWorkspace" ? w.B : w.A;
  const ids = product === "slack" ? team.chat : team.chat.mattermost;
  const userId =
    {
      linkedViewer: ids.viewerChatId,
      linkedEditor: ids.editorChatId,
      otherWorkspace: (product === "slack" ? w.B.chat : w.B.chat.mattermost).ownerChatId,
    }[caller as string] ?? (product === "slack" ? "UNLINKED" : "unlinked0000000000000000aa");
  const fields: Record<string, string> = {
    command: "/postmortem",
    text,
    team_id: team.chat.workspaceId,
    user_id: userId,
    user_name: userId.toLowerCase(),
  };
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  const now = Math.floor(Date.now() / 1000);
  const slackSigned = (body: string, secret: string, ts: number) => ({
    "x-slack-request-timestamp": String(ts),
    "x-slack-signature": slackSignature(secret, String(ts), body),
  });
  if (product === "mattermost") {
    const token =
      caller === "unsigned" || caller === "stale"
        ? null
        : caller === "wrongSecret"
          ? "nobodys0token0000000000000"
          : team.chat.mattermost.token;
    if (token) {
      fields.token = token;
      headers.authorization = `Token ${token}`;
    }
    const body = new URLSearchParams(fields).toString();
    if (caller === "stale") Object.assign(headers, slackSigned(body, w.A.chat.signingSecret, now));
    return { body, headers };
  }
  const body = new URLSearchParams(fields).toString();
  const secret = caller === "wrongSecret" ? w.B.chat.signingSecret : team.chat.signingSecret;
  if (caller !== "unsigned")
    Object.assign(headers, slackSigned(body, secret, caller === "stale" ? now - 400 : now));
  return { body, headers };
}

/** Markers a chat caller must never see: A's workspace sees A, B's sees B, the refused nothing. */
export function chatForbidden(caller: ChatCaller): string[] {
  if (caller === "otherWorkspace") return [MARKERS.A.int, MARKERS.A.pub];
  if (caller === "unlinked" || caller === "linkedViewer" || caller === "linkedEditor")
    return [MARKERS.B.int, MARKERS.B.pub];
  return [MARKERS.A.int, MARKERS.A.pub, MARKERS.B.int, MARKERS.B.pub];
}
