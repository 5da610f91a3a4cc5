// Job payloads are sealed (AES-256-GCM, key derived from AUTH_SECRET) because queued emails
// carry live credentials: sign-in links and share-link tokens must never sit in the
// pgboss tables in the clear, nor in their archive.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

function key(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "hindsight", "job-payload-v1", 32));
}

export function seal(value: unknown, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** Throws when the payload was tampered with or sealed with another secret. */
export function unseal<T>(sealed: string, secret: string): T {
  const raw = Buffer.from(sealed, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key(secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString(
    "utf8",
  );
  return JSON.parse(text) as T;
}
