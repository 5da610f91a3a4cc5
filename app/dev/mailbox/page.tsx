import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Development mailbox", robots: { index: false } };
export const dynamic = "force-dynamic";

// Exists only when the start script runs the development mail catcher (no SMTP_URL). The app
// never shows caught mail itself: the catcher serves it on a loopback-only port (see
// lib/email/mailbox-server.ts), so nobody reaching this server from another machine can read
// someone else's sign-in link.
export default function DevMailboxPage() {
  const url = env().DEV_MAILBOX_URL;
  if (!env().DEV_MAILBOX_DIR || !url) notFound();
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-semibold">Development mailbox</h1>
      <p className="mt-2 text-slate-700">
        This mailbox exists because no SMTP server is configured (<code>SMTP_URL</code> is not set):
        every email Hindsight sends is caught instead of delivered. For safety it is served only to
        the machine running Hindsight, at{" "}
        <a className="font-medium text-blue-700 underline" href={url}>
          {url}
        </a>
        . Sign-in links are also printed in the terminal.
      </p>
      <p className="mt-2 text-sm text-slate-600">
        Set SMTP_URL to send real email; this page then disappears.
      </p>
    </main>
  );
}
