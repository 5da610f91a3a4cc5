// Slack request signatures (pure; the clock is a parameter): X-Slack-Signature is
// "v0=" + hex HMAC-SHA256(signing secret, "v0:" + X-Slack-Request-Timestamp + ":" + raw body),
// and requests older than 5 minutes are refused (api.slack.com/authentication/verifying-requests-from-slack).
import { createHmac } from "node:crypto";
import { safeEqual } from "@/lib/api/tokens";

export const SLACK_WINDOW_SECONDS = 300;

export function slackSignature(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`, "utf8").digest("hex")}`;
}

export function verifySlack(
  headers: Headers,
  rawBody: string,
  secret: string,
  now: Date,
): { ok: true } | { ok: false; reason: string } {
  const ts = headers.get("x-slack-request-timestamp") ?? "";
  const sig = headers.get("x-slack-signature") ?? "";
  if (!ts || !sig) return { ok: false, reason: "Missing Slack signature headers." };
  if (!/^\d{1,12}$/.test(ts) || Math.abs(now.getTime() / 1000 - Number(ts)) > SLACK_WINDOW_SECONDS)
    return { ok: false, reason: "Stale request (timestamp outside 5 minutes)." };
  if (!safeEqual(sig, slackSignature(secret, ts, rawBody)))
    return { ok: false, reason: "Bad signature." };
  return { ok: true };
}

/**
 * Mattermost's custom slash command carries the command's token twice: in the header
 * `Authorization: Token <token>` and as the form field `token`
 * (developers.mattermost.com/integrate/slash-commands/custom). Either is accepted; when both
 * are present they must be the same. Returns null when there is none or they disagree.
 */
export function mattermostToken(headers: Headers, form: URLSearchParams): string | null {
  const auth = headers.get("authorization")?.trim() ?? "";
  const match = /^token\s+(\S+)$/i.exec(auth);
  const fromHeader = match?.[1] ?? null;
  const fromBody = form.get("token")?.trim() || null;
  if (auth && !fromHeader) return null;
  if (fromHeader && fromBody && fromHeader !== fromBody) return null;
  return fromHeader ?? fromBody;
}
