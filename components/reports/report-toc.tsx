// The report's table of contents and the other reading aids added to its HTML where it is read
// on screen (shared link, portal, preview, the team's pages): plain links to the section
// headings, so it works with no JavaScript. Not printed (a PDF has no use for in-page links).
import { renderStaticMarkup } from "@/lib/html/static-markup";
import { labelTableCells, tableOfContents, type TocEntry } from "@/lib/reports/reader-html";

export function ReportToc({ entries }: { entries: TocEntry[] }) {
  return (
    <nav
      aria-labelledby="report-contents"
      className="report-toc no-print rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm"
    >
      <p id="report-contents" className="font-semibold text-slate-800">
        Contents
      </p>
      <ol className="mt-1 list-decimal space-y-1 pl-5">
        {entries.map((e) => (
          <li key={e.id}>
            <a href={`#${e.id}`} className="text-blue-800 underline break-words">
              {e.title}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * The report's HTML as served to a screen: a table of contents after the report's header
 * (when it has two sections or more) and labelled table cells (lib/reports/reader-html.ts).
 * Applied on every request; the stored HTML is never changed.
 */
export function withReaderAids(html: string): string {
  const labelled = labelTableCells(html);
  const entries = tableOfContents(labelled);
  if (entries.length < 2) return labelled;
  const toc = renderStaticMarkup(<ReportToc entries={entries} />);
  const end = labelled.indexOf("</header>");
  if (end < 0) return toc + labelled;
  const at = end + "</header>".length;
  return labelled.slice(0, at) + toc + labelled.slice(at);
}
