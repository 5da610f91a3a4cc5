import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listMail } from "@/lib/email/mailbox";
import { env } from "@/lib/env";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Development mailbox", robots: { index: false } };
export const dynamic = "force-dynamic";

// Exists only when the start script runs the development mail catcher (no SMTP_URL given).
export default function DevMailboxPage() {
  const dir = env().DEV_MAILBOX_DIR;
  if (!dir) notFound();
  const mails = listMail(dir).slice(0, 50);
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-semibold">Development mailbox</h1>
      <p className="mb-6 text-sm text-slate-600">Every email the app sent while running without SMTP, newest first. Not available in production.</p>
      {mails.length === 0 ? (
        <EmptyState title="No mail yet">Ask for a sign-in link on the sign-in page and it will appear here.</EmptyState>
      ) : (
        <ul className="space-y-4">
          {mails.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="text-sm text-slate-600">
                To <strong>{m.to.join(", ")}</strong> · <time dateTime={m.receivedAt}>{m.receivedAt.replace("T", " ").slice(0, 19)} UTC</time>
              </p>
              <h2 className="mt-1 font-medium">{m.subject}</h2>
              <pre className="mt-2 whitespace-pre-wrap break-all font-sans text-sm text-slate-800">
                {m.text.split(/(https?:\/\/\S+)/).map((part, i) =>
                  /^https?:\/\//.test(part) ? (
                    <a key={i} href={part} className="text-blue-700 underline">
                      {part}
                    </a>
                  ) : (
                    part
                  ),
                )}
              </pre>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
