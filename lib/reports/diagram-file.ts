// The 5 Whys diagram of a published version as a standalone SVG file (pure), cut from the
// version's stored HTML for the reader's audience: the same drawing the page shows (the customer
// version's has its names replaced), so a download never shows more than the page. The drawing
// carries every style inline (components/whys/cause-diagram-svg.tsx); only the page's sizing
// (its class and the --diagram-min width) is dropped from the root element.

// The report's figure (DiagramFigure, idPrefix "report-diagram"); the printed appendix copy
// ("report-diagram-print") is the same drawing. The drawing holds no nested <svg>.
const REPORT_DIAGRAM = /<svg\b[^>]*\baria-labelledby="report-diagram-title\b[^>]*>[\s\S]*?<\/svg>/;

/** The diagram as an SVG document, or null when the version shows none (no causes, or older). */
export function diagramSvgFile(html: string): string | null {
  const match = REPORT_DIAGRAM.exec(html);
  if (!match) return null;
  const svg = match[0];
  const open = svg.indexOf(">") + 1;
  const root = svg
    .slice(0, open)
    .replace(/\sclass="[^"]*"/, "")
    .replace(/\sstyle="([^"]*)"/, (_whole, style: string) => {
      const kept = style
        .split(";")
        .filter((d) => d.trim() && !d.trim().startsWith("--"))
        .join(";");
      return kept ? ` style="${kept}"` : "";
    });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}${svg.slice(open)}\n`;
}

/** "incident-12-5-whys.svg" from a version title "INC-12: …" (as the editor's download names it). */
export function diagramFilename(versionTitle: string): string {
  const number = /^INC-(\d+)\b/.exec(versionTitle)?.[1];
  return number ? `incident-${number}-5-whys.svg` : "5-whys.svg";
}
