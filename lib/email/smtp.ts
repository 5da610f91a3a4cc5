// The SMTP hop itself. Only the queue worker calls this: everything else enqueues with sendMail.
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";
import type { OutgoingMail } from "./types";

const transporters = new Map<string, Transporter>();

function transport(url: string): Transporter {
  let t = transporters.get(url);
  if (!t) {
    // Timeouts well under the job's expiry, so a hung server fails the attempt instead of
    // letting the job expire and be fetched again while the first attempt is still alive.
    t = nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    transporters.set(url, t);
  }
  return t;
}

/** Sends one message over SMTP now; throws when the server refuses or cannot be reached. */
export async function deliverMail(mail: OutgoingMail, smtpUrl = env().SMTP_URL): Promise<void> {
  if (!smtpUrl) throw new Error("SMTP_URL is not set: cannot send email");
  await transport(smtpUrl).sendMail({ from: env().EMAIL_FROM, ...mail });
}
