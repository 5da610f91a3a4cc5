import "server-only";
import { enqueueMail, type EnqueueOptions } from "@/lib/jobs/email-queue";
import { takeEmailAllowance } from "@/lib/rate-limit/email";
import { currentClient } from "@/lib/rate-limit/request";
import type { OutgoingMail } from "./types";
import { escapeHtml } from "@/lib/html/escape";

export interface SendOptions extends EnqueueOptions {
  /** The team on whose behalf the mail goes out (team limit), and the form field a refusal is shown on. */
  limit?: { teamId?: string; field?: string };
}

export type { OutgoingMail } from "./types";
export { deliverMail } from "./smtp";

/**
 * Queues the message durably (PostgreSQL, pg-boss) and returns once it is stored; the worker
 * delivers it over SMTP with retries. Every caller gets the same guarantee: a message that
 * was accepted here survives SMTP outages and app restarts. First it takes one email from the
 * recipient's, the client's and (when given) the team's allowance (lib/rate-limit/email.ts);
 * a refusal throws EmailRateLimitError ("try again in N minutes") and nothing is queued.
 */
export async function sendMail(mail: OutgoingMail, options: SendOptions = {}): Promise<void> {
  const { limit, ...enqueue } = options;
  await takeEmailAllowance({
    recipient: mail.to,
    client: await currentClient(),
    teamId: limit?.teamId,
    field: limit?.field,
  });
  await enqueueMail(mail, enqueue);
}

/** A plain, readable HTML email with one call-to-action button. */
export function simpleHtmlEmail({
  heading,
  paragraphs,
  actionLabel,
  actionUrl,
}: {
  heading: string;
  paragraphs: string[];
  actionLabel: string;
  actionUrl: string;
}) {
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join("");
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:560px;margin:24px auto;padding:0 16px">
<h1 style="font-size:20px">${escapeHtml(heading)}</h1>${body}
<p><a href="${escapeHtml(actionUrl)}" style="display:inline-block;background:#1d4ed8;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(actionLabel)}</a></p>
<p style="color:#6b7280;font-size:13px">Or paste this link into your browser: ${escapeHtml(actionUrl)}</p>
</body></html>`;
}
