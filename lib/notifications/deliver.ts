// One attempt at one notification delivery (a pg-boss job of the "notification" queue). Runs
// in the worker (lib/jobs/worker.ts). Throws to have pg-boss retry it with back-off.
import { env } from "@/lib/env";
import { unseal } from "@/lib/jobs/seal";
import { findDeliveryForSending } from "./data";
import { notificationEventSchema, type NotificationEvent } from "./events";
import { mattermostMessage, slackMessage, webhookBody } from "./format";
import { recordAttempt, skipDelivery } from "./mutations";
import type { NotifyJobData } from "./outbox";
import { postJson, SendError } from "./send";
import { signedHeaders } from "./signing";

export interface AttemptInfo {
  /** Retries already made (0 on the first attempt). */
  retryCount: number;
  retryLimit: number;
}

export type DeliveryOutcome = "delivered" | "skipped";

/** A failed attempt; pg-boss retries it unless it was the last (the row says FAILED then). */
export class DeliveryFailed extends Error {
  constructor(
    message: string,
    public targetDisabled: boolean,
  ) {
    super(message);
  }
}

export function requestFor(
  kind: string,
  event: NotificationEvent,
  deliveryId: string,
  secret: string | null,
) {
  if (kind === "SLACK") return { body: JSON.stringify(slackMessage(event)), headers: {} };
  if (kind === "MATTERMOST") return { body: JSON.stringify(mattermostMessage(event)), headers: {} };
  if (!secret) throw new Error("This webhook has no signing secret.");
  const body = webhookBody(event);
  // The id stays the same across retries of a delivery, so receivers can drop duplicates.
  return { body, headers: signedHeaders(secret, `msg_${deliveryId}`, body) };
}

export async function deliverNotification(
  data: NotifyJobData,
  attempt: AttemptInfo,
): Promise<DeliveryOutcome> {
  const delivery = await findDeliveryForSending(data.deliveryId);
  // Gone with its target, or already settled by an earlier attempt: nothing to send.
  if (!delivery || delivery.state !== "QUEUED") return "skipped";
  if (delivery.target.disabledAt && delivery.eventType !== "test") {
    await skipDelivery(delivery.id, "Not sent: the target was turned off.");
    return "skipped";
  }
  const key = env().AUTH_SECRET;
  const event = notificationEventSchema.parse(delivery.event);
  const url = unseal<string>(delivery.target.urlSealed, key);
  const secret = delivery.target.secretSealed
    ? unseal<string>(delivery.target.secretSealed, key)
    : null;
  const { body, headers } = requestFor(delivery.target.kind, event, delivery.id, secret);
  const final = attempt.retryCount >= attempt.retryLimit;
  let error: string;
  let status: number | null = null;
  let latencyMs: number | null = null;
  try {
    const res = await postJson(url, body, headers, {
      allowPrivate: env().NOTIFICATIONS_ALLOW_PRIVATE,
    });
    status = res.status;
    latencyMs = res.latencyMs;
    if (res.status >= 200 && res.status < 300) {
      await recordAttempt(delivery.id, { ok: true, status, latencyMs, error: null, final: true });
      return "delivered";
    }
    error = `HTTP ${res.status}${res.excerpt ? `: ${res.excerpt}` : ""}`.slice(0, 300);
  } catch (e) {
    if (!(e instanceof SendError)) throw e;
    error = e.message;
  }
  const { disabled } = await recordAttempt(delivery.id, {
    ok: false,
    status,
    latencyMs,
    error,
    final,
  });
  throw new DeliveryFailed(error, disabled);
}
