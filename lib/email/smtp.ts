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
    // Pooled: a few long-lived connections carry every message (the worker sends batches a few
    // at a time) instead of a TCP and SMTP handshake per message.
    // Transport options travel in the URL's query (nodemailer reads them there; a second
    // argument would be message defaults); options already in SMTP_URL win.
    t = nodemailer.createTransport(withTransportOptions(url));
    transporters.set(url, t);
  }
  return t;
}

const TRANSPORT_OPTIONS = {
  pool: "true",
  maxConnections: "5",
  maxMessages: "500",
  connectionTimeout: "10000",
  greetingTimeout: "10000",
  socketTimeout: "30000",
};

function withTransportOptions(url: string): string {
  const u = new URL(url);
  for (const [key, value] of Object.entries(TRANSPORT_OPTIONS))
    if (!u.searchParams.has(key)) u.searchParams.set(key, value);
  return u.toString();
}

/** Sends one message over SMTP now; throws when the server refuses or cannot be reached. */
export async function deliverMail(mail: OutgoingMail, smtpUrl = env().SMTP_URL): Promise<void> {
  if (!smtpUrl) throw new Error("SMTP_URL is not set: cannot send email");
  await transport(smtpUrl).sendMail({ from: env().EMAIL_FROM, ...mail });
}
