import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nestReportHtml, renderReportHtml } from "@/components/reports/report-html";
import { withReaderAids } from "@/components/reports/report-toc";
import { htmlText, labelTableCells, reportTitle, tableOfContents } from "./reader-html";
import { parseSnapshot } from "./snapshot-schema";
import { composeReport } from "./snapshot";
import { sampleSource } from "./test-fixtures";

// The v1 snapshot frozen when reports were first published: HTML stored from it must keep
// getting a table of contents and labelled tables without being rendered again.
const frozen = parseSnapshot(
  JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures/snapshot-v1.json"), "utf8")),
);

const withMembers = composeReport({
  ...sampleSource({
    narrative: {
      summary: "Dana & Alice <b>fixed</b> it.\n\n| Host | Lag |\n| --- | --- |\n| db-1 | 4 s |",
    },
  }),
  publication: { number: 2, publishedAt: new Date("2026-02-01T10:00:00Z"), publishedBy: "Dana" },
});

describe("reading aids from the report HTML", () => {
  it("lists every section heading in order, for every audience, with their link targets", () => {
    for (const variant of ["team", "stakeholder", "customer"] as const) {
      const html = renderReportHtml(frozen, variant);
      const shown = frozen.sections.filter((s) => variant !== "customer" || !s.internal);
      expect(tableOfContents(html)).toEqual(
        shown.map((s) => ({ id: `section-${s.key}`, title: s.title })),
      );
    }
  });

  it("reads the title each audience is shown, decoding what the renderer escaped", () => {
    const snapshot = { ...frozen, title: `INC-7: "Dana's" <db> & more` };
    expect(reportTitle(renderReportHtml(snapshot, "team"))).toBe(`INC-7: "Dana's" <db> & more`);
    expect(reportTitle(nestReportHtml(renderReportHtml(snapshot, "team")))).toBe(
      `INC-7: "Dana's" <db> & more`,
    );
    expect(reportTitle("<p>no title</p>")).toBeNull();
  });

  it("labels the action table's cells with their column and marks it stackable", () => {
    const html = labelTableCells(renderReportHtml(withMembers, "team"));
    const actionTable = /<table[^>]*data-stack=""[^>]*>[\s\S]*?<\/table>/g;
    const tables = html.match(actionTable) ?? [];
    // The Markdown table in the summary and the action items table.
    expect(tables).toHaveLength(2);
    const rows = tables[1]!.match(/<tr\b[\s\S]*?<\/tr>/g)!.slice(1);
    expect(rows).toHaveLength(withMembers.actionItems.length);
    for (const row of rows) {
      const labels = [...row.matchAll(/data-label="([^"]*)"/g)].map((m) => m[1]);
      expect(labels).toEqual(["Action", "Owner", "Due", "Type", "Status", "Addresses"]);
    }
    expect(tables[0]).toContain('<td data-label="Host">db-1</td>');
    // Idempotent: serving twice never doubles an attribute.
    expect(labelTableCells(html)).toBe(html);
  });

  it("puts the contents after the report's header and leaves a one-section report alone", () => {
    const html = renderReportHtml(withMembers, "stakeholder");
    const served = withReaderAids(html);
    const toc = served.indexOf('aria-labelledby="report-contents"');
    expect(toc).toBeGreaterThan(served.indexOf("</header>"));
    expect(toc).toBeLessThan(served.indexOf("<section"));
    for (const s of withMembers.sections) expect(served).toContain(`href="#section-${s.key}"`);
    // Nothing else changes: the served HTML minus the contents is the labelled stored HTML.
    expect(served.replace(/<nav\b[\s\S]*?<\/nav>/, "")).toBe(labelTableCells(html));

    const single = { ...withMembers, sections: withMembers.sections.slice(0, 1) };
    expect(withReaderAids(renderReportHtml(single, "team"))).not.toContain("report-contents");
  });

  it("escapes what it writes again: a hostile section title or table header stays text", () => {
    const evil = `<img src=x onerror="alert(1)">&amp;`;
    const snapshot = {
      ...withMembers,
      sections: withMembers.sections.map((s, i) => (i === 1 ? { ...s, title: evil } : s)),
    };
    const served = withReaderAids(renderReportHtml(snapshot, "stakeholder"));
    expect(served).not.toContain("<img src=x");
    expect(served).toContain(`>${"&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;amp;"}</a>`);
    const table = labelTableCells(
      `<table><thead><tr><th>a&quot; onmouseover=&quot;x</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>`,
    );
    expect(table).toContain(`<td data-label="a&quot; onmouseover=&quot;x">1</td>`);
  });

  it("decodes character references and drops tags", () => {
    expect(htmlText("<b>a</b> &amp; &#x27;b&#39; &lt;c&gt; &bogus; &#0;")).toBe(
      "a & 'b' <c> &bogus; &#0;",
    );
  });
});
