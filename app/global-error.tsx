"use client";
import "./globals.css";

/**
 * The last resort when the root layout itself fails: it replaces the whole document, so it
 * brings its own <html> and <body>. Like every error page it shows no message or stack trace,
 * only the digest the server's log line carries.
 */
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body className="bg-slate-50 text-slate-900">
        <main id="main" className="mx-auto max-w-md px-4 py-24 text-center" role="alert">
          <h1 className="text-2xl font-semibold">Hindsight could not load</h1>
          <p className="mt-2 text-slate-600">
            This is probably temporary. Try again; if it keeps happening, tell your administrator.
          </p>
          {error.digest && <p className="mt-1 text-xs text-slate-500">Reference: {error.digest}</p>}
          <button
            type="button"
            onClick={reset}
            className="mt-6 rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:ring-offset-2 focus-visible:outline-none"
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
