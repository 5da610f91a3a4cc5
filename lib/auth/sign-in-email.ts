import "server-only";
import { AuthError } from "next-auth";
import { sendMail, simpleHtmlEmail } from "@/lib/email/send";
import { env } from "@/lib/env";
import { EmailRateLimitError } from "@/lib/rate-limit/email";
import { log } from "@/lib/log";

/**
 * A sign-in email refused by a rate limit. An AuthError, so Auth.js hands it back to the
 * sign-in action (which shows its message on the email field) instead of swallowing it; a
 * direct POST to /api/auth/signin lands on the sign-in page with an error and sends nothing.
 */
export class SignInEmailLimited extends AuthError {
  static type = "EmailSignInError" as const;
  constructor(public readonly limit: EmailRateLimitError) {
    super(limit.message);
  }
}

/** Queued like every email, ahead of bulk mail: a person is waiting for this one. */
export async function sendSignInEmail(to: string, url: string) {
  const host = new URL(url).host;
  await sendMail(
    {
      to,
      subject: `Sign in to Hindsight`,
      text: `Sign in to Hindsight (${host}) with this link:\n\n${url}\n\nThe link works once and expires in one hour. If you did not ask for it, ignore this email.`,
      html: simpleHtmlEmail({
        heading: "Sign in to Hindsight",
        paragraphs: [
          `Use the button below to sign in to ${host}.`,
          "The link works once and expires in one hour. If you did not ask for it, ignore this email.",
        ],
        actionLabel: "Sign in",
        actionUrl: url,
      }),
    },
    { priority: 10, limit: { field: "email" } },
  ).catch((error: unknown) => {
    throw error instanceof EmailRateLimitError ? new SignInEmailLimited(error) : error;
  });
  if (env().DEV_MAILBOX_DIR) {
    // Development only: the link is also printed so nobody is stuck without the mailbox.
    log.info({ to, url }, "sign-in link (development mail catcher)");
  }
}
