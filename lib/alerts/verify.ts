// Request authentication for alert endpoints (pure; the clock is a parameter). A secret in the
// URL is never enough: every kind needs a token header, and Sentry its HMAC signature.
import { createHash, createHmac } from "node:crypto";
import { credentialFrom, hashSecret, safeEqual } from "@/lib/api/tokens";

/** Signed requests older (or further in the future) than this are refused as stale. */
export const MAX_SKEW_SECONDS = 300;

export type Verdict = { ok: true } | { ok: false; status: 401; reason: string };

/** Sentry: hex HMAC-SHA256 of the raw body with the integration's client secret, plus a fresh timestamp. */
export function verifySentry(
  headers: Headers,
  rawBody: string,
  clientSecret: string,
  now: Date,
): Verdict {
  const signature = headers.get("sentry-hook-signature");
  if (!signature) return { ok: false, status: 401, reason: "Missing Sentry-Hook-Signature." };
  const expected = createHmac("sha256", clientSecret).update(rawBody, "utf8").digest("hex");
  if (!safeEqual(signature.trim().toLowerCase(), expected))
    return { ok: false, status: 401, reason: "Bad signature." };
  const ts = Number(headers.get("sentry-hook-timestamp"));
  if (!Number.isFinite(ts) || ts <= 0)
    return { ok: false, status: 401, reason: "Missing Sentry-Hook-Timestamp." };
  // Sentry sends seconds; accept milliseconds too.
  const seconds = ts > 1e12 ? ts / 1000 : ts;
  if (Math.abs(now.getTime() / 1000 - seconds) > MAX_SKEW_SECONDS)
    return { ok: false, status: 401, reason: "Stale request (timestamp outside 5 minutes)." };
  return { ok: true };
}

/** Every other tool: the source token as Bearer, Basic (password) or X-Hindsight-Token. */
export function verifyToken(headers: Headers, tokenHash: string | null): Verdict {
  const secret = credentialFrom(headers);
  if (!secret) return { ok: false, status: 401, reason: "Missing token header." };
  if (!tokenHash || !safeEqual(hashSecret(secret), tokenHash))
    return { ok: false, status: 401, reason: "Wrong token." };
  return { ok: true };
}

/**
 * The seen-delivery key: the body's hash. A retried delivery is byte-identical, and a replayed
 * signed body (Sentry signs the body, not its timestamp header) is caught as the same delivery.
 */
export function deliveryKey(rawBody: string): string {
  return createHash("sha256").update(rawBody, "utf8").digest("hex");
}
