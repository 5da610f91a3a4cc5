// Standard Webhooks signing (https://www.standardwebhooks.com/) for generic webhook targets,
// through the reference library. Pure, no I/O.
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** A signing secret in the spec's form: "whsec_" and 24 random bytes in base64. */
export function generateSigningSecret() {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/** The three headers of one signed message; `messageId` stays the same across retries. */
export function signedHeaders(secret: string, messageId: string, body: string, at = new Date()) {
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(messageId, at, body),
  };
}
