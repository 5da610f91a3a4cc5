// Reading aids derived from a report's rendered HTML when it is served (pure). Published
// versions keep their stored bytes: the table of contents, the tab title and the cell labels
// that let tables stack on a phone are read from that HTML on every request, not stored, so
// every version published before them gets them too and none is re-rendered for them.
// The HTML is our own renderer's output (lib/html/static-markup.ts, sanitize-html for
// Markdown): attribute values are double-quoted and text never holds a raw "<", which is what
// makes these few patterns exact.
import { escapeHtml } from "@/lib/html/escape";

export interface TocEntry {
  /** The heading's id, a link target: `section-<key>` (stable since reports were first shared). */
  id: string;
  title: string;
}

const SECTION_HEADING = /<h2\b[^>]*\bid="(section-[^"]+)"[^>]*>([\s\S]*?)<\/h2>/g;
const REPORT_TITLE = /<h([12])\b[^>]*\bid="report-title"[^>]*>([\s\S]*?)<\/h\1>/;

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

/** The text of an HTML fragment: tags dropped, character references decoded. */
export function htmlText(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
      if (ref[0] !== "#") return NAMED[ref.toLowerCase()] ?? whole;
      const code =
        ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/\s+/g, " ")
    .trim();
}

/** Every section heading of the report, in order (the customer summary included). */
export function tableOfContents(html: string): TocEntry[] {
  return [...html.matchAll(SECTION_HEADING)].map((m) => ({ id: m[1]!, title: htmlText(m[2]!) }));
}

/** The title the report shows (the customer version's title has its names replaced). */
export function reportTitle(html: string): string | null {
  const m = REPORT_TITLE.exec(html);
  const title = m ? htmlText(m[2]!) : "";
  return title || null;
}

/**
 * Gives each body cell of a table with a header row a `data-label` (its column's header) and
 * marks the table `data-stack`, so narrow screens can show each row as "label: value" lines
 * (app/globals.css). Tables without a header row are left alone.
 */
export function labelTableCells(html: string): string {
  return html.replace(
    /<table\b([^>]*)>([\s\S]*?)<\/table>/g,
    (whole, attrs: string, inner: string) => {
      const head = /<thead\b[^>]*>([\s\S]*?)<\/thead>/.exec(inner);
      if (!head) return whole;
      const labels = [...head[1]!.matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/g)].map((m) =>
        htmlText(m[1]!),
      );
      if (labels.length === 0 || /\bdata-stack\b/.test(attrs)) return whole;
      const body = inner.replace(
        /<tr\b([^>]*)>([\s\S]*?)<\/tr>/g,
        (row: string, rowAttrs: string, cells: string) => {
          if (row.includes("<th")) return row;
          let column = 0;
          const labelled = cells.replace(/<td\b([^>]*)>/g, (cell: string, cellAttrs: string) => {
            const label = labels[column++];
            return label && !/\bdata-label=/.test(cellAttrs)
              ? `<td${cellAttrs} data-label="${escapeHtml(label)}">`
              : cell;
          });
          return `<tr${rowAttrs}>${labelled}</tr>`;
        },
      );
      return `<table${attrs} data-stack="">${body}</table>`;
    },
  );
}
