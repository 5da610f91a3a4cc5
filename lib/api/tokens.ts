// Secrets handed to tools (API tokens, alert-source tokens, chat link tokens): random,
// shown once, stored only as a SHA-256 hash. Pure, no I/O.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const API_TOKEN_PREFIX = "hs_";

/** 32 random bytes, base64url, with a prefix that says what the secret is for (secret scanners match it). */
export function generateSecret(prefix = API_TOKEN_PREFIX): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** What owners see to tell tokens apart: the prefix and the first 6 random characters. */
export function displayPrefix(secret: string): string {
  const cut = secret.indexOf("_") + 1;
  return `${secret.slice(0, cut + 6)}…`;
}

/** Constant-time comparison of two strings (lengths may differ). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The credential of a request: `Authorization: Bearer <t>`, `Authorization: Basic` (the
 * password, or the user name when the password is empty: tools differ), or `X-Hindsight-Token`.
 */
export function credentialFrom(headers: { get(name: string): string | null }): string | null {
  const auth = headers.get("authorization")?.trim();
  if (auth) {
    const [kind, value = ""] = auth.split(/\s+/, 2);
    if (/^bearer$/i.test(kind!) && value) return value;
    if (/^basic$/i.test(kind!) && value) {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      const user = colon >= 0 ? decoded.slice(0, colon) : decoded;
      const password = colon >= 0 ? decoded.slice(colon + 1) : "";
      return password || user || null;
    }
  }
  return headers.get("x-hindsight-token")?.trim() || null;
}
