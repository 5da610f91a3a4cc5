// Share-link tokens and their lifetime rules. Pure (no I/O): the clock is a parameter.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 32 random bytes = 256 bits, base64url: 43 characters, safe in a URL path. */
export const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generateShareToken(): { token: string; tokenHash: string } {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  return { token, tokenHash: hashShareToken(token) };
}

/** Only this hash is stored (ShareLink.tokenHash): a database leak yields no usable links. */
export function hashShareToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Cheap shape check before touching the database; a malformed token is simply unknown. */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** Constant-time comparison of two hex SHA-256 hashes (equal length by construction). */
export function hashesMatch(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  if (x.length !== 32 || y.length !== 32) return false;
  return timingSafeEqual(x, y);
}

export type LinkState = "active" | "expired" | "revoked";

/** Revocation wins over expiry; a link expires at expiresAt exactly. */
export function linkState(link: { expiresAt: Date; revokedAt: Date | null }, now: Date): LinkState {
  if (link.revokedAt && link.revokedAt.getTime() <= now.getTime()) return "revoked";
  if (now.getTime() >= link.expiresAt.getTime()) return "expired";
  return "active";
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function expiryFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

export interface SharePolicy {
  shareLinkDefaultDays: number;
  shareLinkMaxDays: number;
  allowAnonymousShareLink: boolean;
}

/** Bounds any team may choose; a year is the longest a link may live. */
export const LIFETIME_LIMITS = { min: 1, max: 365 } as const;

/** Null when the requested lifetime fits the team's policy, else the message to show. */
export function lifetimeProblem(
  days: number,
  policy: Pick<SharePolicy, "shareLinkMaxDays">,
): string | null {
  if (!Number.isInteger(days) || days < LIFETIME_LIMITS.min)
    return "Choose a lifetime of at least one day.";
  if (days > policy.shareLinkMaxDays)
    return `Links may last at most ${policy.shareLinkMaxDays} days (team policy).`;
  return null;
}

/** Null when the mode is allowed by the team's policy, else the message to show. */
export function modeProblem(
  mode: "ANYONE_WITH_LINK" | "CONFIRM_EMAIL",
  policy: Pick<SharePolicy, "allowAnonymousShareLink">,
): string | null {
  return mode === "ANYONE_WITH_LINK" && !policy.allowAnonymousShareLink
    ? "This team only allows links that ask the recipient to confirm their email."
    : null;
}

/** "j•••@example.com": enough for the recipient to recognise their address, not to harvest it. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}•••@${domain}`;
}
