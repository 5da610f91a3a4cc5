import "server-only";
import { sendMail, simpleHtmlEmail } from "@/lib/email/send";
import { env } from "@/lib/env";

/** Queued like every email, ahead of bulk mail: a person is waiting for this one. */
export async function sendSignInEmail(to: string, url: string) {
  const host = new URL(url).host;
  if (env().DEV_MAILBOX_DIR) {
    // Development only: the link is also printed so nobody is stuck without the mailbox.
    console.log(`[hindsight] Sign-in link for ${to}: ${url}`);
  }
  await sendMail({
    to,
    subject: `Sign in to Hindsight`,
    text: `Sign in to Hindsight (${host}) with this link:\n\n${url}\n\nThe link works once and expires in one hour. If you did not ask for it, ignore this email.`,
    html: simpleHtmlEmail({
      heading: "Sign in to Hindsight",
      paragraphs: [`Use the button below to sign in to ${host}.`, "The link works once and expires in one hour. If you did not ask for it, ignore this email."],
      actionLabel: "Sign in",
      actionUrl: url,
    }),
  }, { priority: 10 });
}
