// Whole HTML documents for readers' pages that have no interactive part (the shared link, the
// portal's report, print): served by route handlers as plain bytes, with no React payload and
// no JavaScript. The markup matches the app's layouts (app/layout.tsx, ReaderShell, print).
import { renderStaticMarkup } from "@/lib/html/static-markup";
import { buttonClass } from "@/components/ui/button";
import { withReaderAids } from "@/components/reports/report-toc";
import { ReaderShell } from "./reader-shell";

export interface DocumentOptions {
  title: string;
  stylesheets: string[];
  /** Shared links and the portal: never indexed, never leak their URL as a referrer. */
  private?: boolean;
}

function document(
  { title, stylesheets, private: isPrivate = true }: DocumentOptions,
  head: React.ReactNode,
  body: React.ReactNode,
): string {
  return `<!DOCTYPE html>${renderStaticMarkup(
    <html lang="en">
      {/* A document served by a route handler (no Next page): a plain head element is right here. */}
      {/* eslint-disable-next-line @next/next/no-head-element */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Hindsight`}</title>
        {isPrivate && <meta name="robots" content="noindex, nofollow, nocache" />}
        {isPrivate && <meta name="referrer" content="no-referrer" />}
        {stylesheets.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        {head}
      </head>
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        {body}
      </body>
    </html>,
  )}`;
}

const raw = (html: string) => <div dangerouslySetInnerHTML={{ __html: html }} />;

/**
 * A page in the reader shell (shared link, portal, preview): `html` is trusted, already-rendered
 * markup (a report with its reading aids: lib/reports/published-html.ts#publishedReaderHtml).
 */
export function readerDocument(
  options: DocumentOptions & {
    subtitle: string;
    html: string;
    before?: React.ReactNode;
    aside?: React.ReactNode;
    /** The print view's address, linked in the header (shared links). */
    printHref?: string;
  },
): string {
  return document(
    options,
    null,
    <ReaderShell
      subtitle={options.subtitle}
      aside={options.aside ?? (options.printHref && <PrintLink href={options.printHref} />)}
    >
      {options.before ? (
        <div className="space-y-6">
          {options.before}
          {raw(options.html)}
        </div>
      ) : (
        raw(options.html)
      )}
    </ReaderShell>,
  );
}

const PRINT_CSS = `
@page { size: A4; margin: 16mm 15mm 18mm; }
@media print {
  html, body { background: white; }
  .report-view { max-width: none; }
  h2, h3 { break-after: avoid; }
  .why-diagram li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}`;

/**
 * The print view (A4, no navigation) of a report; the button prints with one line of inline
 * script, which runs only with the request's CSP nonce (`x-nonce`, set by proxy.ts). Shared links
 * and the portal pass `private` (their addresses must not leak or be indexed).
 */
export function printDocument(
  options: DocumentOptions & { html: string; backHref: string; nonce: string | null },
): string {
  return document(
    { ...options, private: options.private ?? false },
    <>
      <meta name="robots" content="noindex" />
      <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
    </>,
    <div className="min-h-screen bg-white">
      <main id="main" className="mx-auto max-w-[210mm] px-6 py-8 print:p-0">
        <div className="no-print mb-6 flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 pb-3 text-sm">
          <a href={options.backHref} className="text-blue-800 underline">
            Back to the report
          </a>
          <button type="button" data-print="" className={buttonClass("secondary")}>
            Print or save as PDF
          </button>
        </div>
        {/* The team's pages take the report from here after a client-side navigation. */}
        <div data-report-html="" dangerouslySetInnerHTML={{ __html: options.html }} />
      </main>
      <script
        nonce={options.nonce ?? undefined}
        dangerouslySetInnerHTML={{
          __html: `document.querySelector("[data-print]").addEventListener("click",function(){window.print()})`,
        }}
      />
    </div>,
  );
}

/** The author's preview: the reader page a recipient gets, under a banner that says whose view it is. */
export function previewDocument(
  options: DocumentOptions & { html: string; audienceLabel: string; backHref: string },
): string {
  return readerDocument({
    ...options,
    // The same reading aids a recipient's page has (the preview is rendered per request).
    html: withReaderAids(options.html),
    subtitle: "Shared incident report",
    before: (
      <div
        role="note"
        className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
        data-testid="preview-banner"
      >
        <p>
          <strong>Preview.</strong> Below is exactly what recipients of {options.audienceLabel} see
          (this banner aside).{" "}
          <a href={options.backHref} className="font-medium underline">
            Back to sharing
          </a>
        </p>
      </div>
    ),
  });
}

/** The link from a reader's page to its print view (the PDF). */
/**
 * The reader's downloads: the print view (`href`, ".../print") and, beside it at the sibling
 * ".../diagram.svg", the 5 Whys diagram as an SVG file (lib/reports/diagram-routes.ts), shown
 * by app/globals.css only when the page draws a diagram.
 */
export function PrintLink({ href }: { href: string }) {
  const diagram = href.replace(/\/print$/, "/diagram.svg");
  return (
    <span className="no-print flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
      <a href={href} className="font-medium text-blue-700 underline">
        Print or save as PDF
      </a>
      {diagram !== href && (
        <a href={diagram} download className="diagram-download font-medium text-blue-700 underline">
          Download the 5 Whys diagram (SVG)
        </a>
      )}
    </span>
  );
}

/** A reader-facing message page (not found, not available). */
export function messageDocument(
  options: DocumentOptions & {
    subtitle: string;
    heading: string;
    text: string;
    link?: { href: string; label: string };
  },
): string {
  return document(
    options,
    null,
    <ReaderShell subtitle={options.subtitle}>
      <div className="mx-auto max-w-md py-16 text-center">
        <h1 className="text-2xl font-semibold text-slate-900">{options.heading}</h1>
        <p className="mt-2 text-slate-700">{options.text}</p>
        {options.link && (
          <p className="mt-6">
            <a href={options.link.href} className="font-medium text-blue-700 underline">
              {options.link.label}
            </a>
          </p>
        )}
      </div>
    </ReaderShell>,
  );
}

/** A report in the stakeholder portal, for the signed-in reader `email`. */
export function portalReportDocument(
  options: DocumentOptions & { email: string; html: string; printHref: string },
): string {
  return readerDocument({
    ...options,
    subtitle: "Stakeholder portal",
    aside: (
      <p className="flex items-center gap-3 text-sm text-slate-700">
        <span className="break-all">{options.email}</span>
        <a href="/portal" className="text-blue-700 underline">
          Portal home and sign out
        </a>
      </p>
    ),
    before: (
      <p className="flex flex-wrap items-center justify-between gap-3">
        <a href="/portal" className="text-sm font-medium text-blue-700 underline">
          ← All reports shared with you
        </a>
        <PrintLink href={options.printHref} />
      </p>
    ),
  });
}
