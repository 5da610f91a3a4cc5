// Print rules for a report (server component): A4 pages, the title and "Page n of m" in the
// footer (CSS page-margin boxes, which Chromium prints and page.pdf() keeps), headings kept
// with what follows, and rows, boxes and the diagram never split across pages. Sections flow
// on instead of each starting a page, so no page is left mostly empty.

/** A CSS string literal; "<" is escaped too so the text can never close the style element. */
export function cssString(text: string) {
  return `"${text
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/[\n\r\f]/g, " ")
    .replace(/</g, "\\3C ")}"`;
}

export function ReportPrintRules({ title }: { title: string }) {
  const footer = cssString(title.length > 90 ? `${title.slice(0, 89)}…` : title);
  const css = `
@page { size: A4; margin: 16mm 15mm 20mm;
  @bottom-left { content: ${footer}; font: 8pt system-ui, sans-serif; color: #475569; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; color: #475569; }
}
@media print {
  .report-view h2, .report-view h3, .report-view h4 { break-after: avoid; }
  .report-view tr, .report-view li, .report-view dl, .report-view figure, .report-view pre, .report-view img { break-inside: avoid; }
  .report-view thead { display: table-header-group; }
  .report-view p { orphans: 3; widows: 3; }
}`;
  return <style dangerouslySetInnerHTML={{ __html: css }} />;
}
