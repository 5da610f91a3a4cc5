import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { composeReport, toStakeholderSnapshot } from "@/lib/reports/snapshot";
import { parseSnapshot } from "@/lib/reports/snapshot-schema";
import { sampleSource } from "@/lib/reports/test-fixtures";
import {
  nestReportHtml,
  renderPublishedReport,
  renderReportHtml,
  rendererFingerprint,
} from "./report-html";
import { ReportView } from "./report-view";

const frozen = parseSnapshot(
  JSON.parse(
    readFileSync(
      path.join(import.meta.dirname, "../../lib/reports/fixtures/snapshot-v1.json"),
      "utf8",
    ),
  ),
);
const published = composeReport({
  ...sampleSource({
    narrative: {
      summary: "# Heading\n\nWe **lost** checkouts <script>alert(1)</script>.",
      trigger: "A [failover](https://status.example.test).",
    },
  }),
  publication: { number: 3, publishedAt: new Date("2026-02-01T10:00:00Z"), publishedBy: "Dana" },
});

describe("the stored report HTML", () => {
  for (const [name, snapshot] of [
    ["frozen v1 snapshot", frozen],
    ["freshly composed snapshot", published],
  ] as const) {
    it(`is React's own rendering of ReportView (${name})`, () => {
      expect(renderReportHtml(snapshot, "team")).toBe(
        renderToStaticMarkup(createElement(ReportView, { snapshot, audience: "team" })),
      );
      expect(renderReportHtml(snapshot, "stakeholder")).toBe(
        renderToStaticMarkup(
          createElement(ReportView, {
            snapshot: toStakeholderSnapshot(snapshot),
            audience: "stakeholder",
          }),
        ),
      );
    });
  }

  it("keeps team-internal content out of the stakeholder variant", () => {
    const stored = renderPublishedReport(published);
    expect(stored.teamHtml).toContain("Reviewers: Alice (approved)");
    expect(stored.stakeholderHtml).not.toContain("Reviewers:");
    expect(stored.stakeholderHtml).toContain("<strong>lost</strong>");
    expect(stored.stakeholderHtml).not.toContain("<script");
    expect(stored.htmlRenderer).toBe(rendererFingerprint());
  });

  it("nests under a page heading: only the title becomes an h2", () => {
    const html = renderReportHtml(published, "team");
    const nested = nestReportHtml(html);
    expect(nested).toBe(
      renderToStaticMarkup(
        createElement(ReportView, { snapshot: published, audience: "team", nested: true }),
      ),
    );
    expect(nested).toContain("<h3>Heading</h3>");
  });
});
