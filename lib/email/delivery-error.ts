// What team members are told when an email could not be delivered (pure). The raw SMTP answer
// (server names, codes, sometimes internal addresses) goes to the server log only.

export const DELIVERY_MESSAGES = {
  recipient: "The recipient's mail server refused this address. Check it, then share again.",
  temporary: "The mail server is busy or unavailable for now.",
  unreachable: "Could not reach the mail server.",
  configuration:
    "The mail server refused our sign-in: ask your administrator to check the email settings.",
  unknown: "The email could not be delivered.",
} as const;

const KNOWN = new Set<string>(Object.values(DELIVERY_MESSAGES));

/** A friendly, fixed sentence for a delivery error, chosen by its SMTP code or socket error. */
export function friendlyDeliveryError(error: unknown): string {
  const e = (error ?? {}) as { responseCode?: number; code?: string };
  if (e.code === "EAUTH") return DELIVERY_MESSAGES.configuration;
  if (typeof e.responseCode === "number") {
    if (e.responseCode === 530 || e.responseCode === 535) return DELIVERY_MESSAGES.configuration;
    if (e.responseCode >= 500) return DELIVERY_MESSAGES.recipient;
    if (e.responseCode >= 400) return DELIVERY_MESSAGES.temporary;
  }
  if (
    e.code &&
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ESOCKET|ECONNECTION|EDNS|ENOTFOUND|EAI_AGAIN|ETLS)$/.test(
      e.code,
    )
  )
    return DELIVERY_MESSAGES.unreachable;
  return DELIVERY_MESSAGES.unknown;
}

/** For display: a stored reason, unless it is raw text (rows from before this rule). */
export function displayDeliveryError(stored: string): string {
  return KNOWN.has(stored) ? stored : DELIVERY_MESSAGES.unknown;
}
