import "server-only";
// Limits on sending email, shared by every instance (token buckets in PostgreSQL): per
// recipient address, per client address and per team. Checked in enqueueMail, which every
// email passes through, so no sending path can skip them.
import { env } from "@/lib/env";
import { RuleError } from "@/lib/errors";
import type { BucketPolicy } from "@/lib/sharing/rate-limit";
import { takeRateLimit } from "./store";

const perHour = (n: number) => n / 3600;

/** A person gets at most 5 emails in a row from us, then one every 12 minutes. */
// (A floor just below zero: the SQL bucket tells a refusal by a negative balance.)
export const RECIPIENT_LIMIT: BucketPolicy = {
  capacity: 5,
  refillPerSecond: perHour(5),
  floor: -1,
};
/** One client address may cause 10 emails in a row (EMAIL_LIMIT_CLIENT_BURST), then 30 an hour; hammering digs a debt. */
export const clientLimit = (burst = env().EMAIL_LIMIT_CLIENT_BURST): BucketPolicy => ({
  capacity: burst,
  refillPerSecond: perHour(30),
  floor: -burst,
});
/** One team may send 30 emails in a row (invitations, shares, reviews), then 60 an hour. */
export const TEAM_LIMIT: BucketPolicy = { capacity: 30, refillPerSecond: perHour(60), floor: -1 };

export type EmailLimitScope = "recipient" | "client" | "team";

/** Refused by an email limit; a RuleError, so forms show it (on `field`) and routes answer 422. */
export class EmailRateLimitError extends RuleError {
  constructor(
    public readonly scope: EmailLimitScope,
    public readonly retryAfterSeconds: number,
    recipient: string,
    field?: string,
  ) {
    super(emailLimitMessage(scope, retryAfterSeconds, recipient), field);
  }
}

export function minutesText(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

export function emailLimitMessage(
  scope: EmailLimitScope,
  retryAfterSeconds: number,
  recipient: string,
): string {
  const wait = `Try again in ${minutesText(retryAfterSeconds)}.`;
  if (scope === "recipient") return `Too many emails were sent to ${recipient} recently. ${wait}`;
  if (scope === "client")
    return `Too many emails were requested from your network recently. ${wait}`;
  return `Your team has sent too many emails recently. ${wait}`;
}

export interface EmailLimitKeys {
  recipient: string;
  /** The client address (lib/net/client-address.ts); omitted for mail sent outside a request. */
  client?: string;
  teamId?: string;
  /** The form field a refusal is shown on. */
  field?: string;
}

/** Takes one email from each bucket (team, client, recipient); throws on the first that is empty. */
export async function takeEmailAllowance(
  { recipient, client, teamId, field }: EmailLimitKeys,
  now = new Date(),
): Promise<void> {
  const address = recipient.trim().toLowerCase();
  const checks: [EmailLimitScope, string, BucketPolicy][] = [];
  if (teamId) checks.push(["team", `email:team:${teamId}`, TEAM_LIMIT]);
  if (client) checks.push(["client", `email:client:${client}`, clientLimit()]);
  checks.push(["recipient", `email:to:${address}`, RECIPIENT_LIMIT]);
  for (const [scope, key, policy] of checks) {
    const result = await takeRateLimit(key, 1, now, policy);
    if (!result.allowed)
      throw new EmailRateLimitError(scope, result.retryAfterSeconds, address, field);
  }
}
