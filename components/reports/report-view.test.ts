// Regression tests for issue 12's report defects, on the rendered HTML and the Markdown export.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { composeReport, toStakeholderSnapshot } from "@/lib/reports/snapshot";
import { sampleSource } from "@/lib/reports/test-fixtures";
import { snapshotToMarkdown } from "@/lib/reports/text";
import { ROOT_CAUSE_CATEGORY_LABELS } from "@/lib/labels";
import { ReportView } from "./report-view";
import { cssString } from "./print-rules";

const text = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");
const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

const source = sampleSource({
  incident: {
    ...sampleSource().incident,
    summary: "Checkout returned 502s for an hour.",
    customerImpact: "12% of checkouts failed.",
  },
  narrative: {
    summary: "Checkout returned 502s for an hour.",
    impact: "12% of checkouts failed.",
    expected: "Failover within 30 s.",
    trigger: "A failover.",
  },
});
const snapshot = composeReport(source);
const html = (audience: "team" | "stakeholder" = "team") =>
  text(
    renderToStaticMarkup(
      createElement(ReportView, {
        snapshot: audience === "team" ? snapshot : toStakeholderSnapshot(snapshot),
        audience,
      }),
    ),
  );

describe("the rendered report", () => {
  it("says the summary and the impact once when the author wrote them", () => {
    expect(occurrences(html(), "Checkout returned 502s for an hour.")).toBe(1);
    expect(occurrences(html(), "12% of checkouts failed.")).toBe(1);
  });

  it("still shows the incident's own summary when the narrative is empty", () => {
    const bare = composeReport(sampleSource({ narrative: {} }));
    expect(
      text(renderToStaticMarkup(createElement(ReportView, { snapshot: bare, audience: "team" }))),
    ).toContain("Checkout returned 502s.");
  });

  it("names root-cause categories as the editor does", () => {
    expect(html()).toContain(
      `Connection pool kept stale connections (${ROOT_CAUSE_CATEGORY_LABELS.TOOLING})`,
    );
    const monitoring = composeReport(
      sampleSource({
        whyNodes: [
          {
            id: "m",
            parentId: null,
            statement: "The alert was late",
            position: 0,
            isRootCause: true,
            category: "MONITORING",
          },
        ],
      }),
    );
    const rendered = text(
      renderToStaticMarkup(createElement(ReportView, { snapshot: monitoring, audience: "team" })),
    );
    expect(rendered).toContain("The alert was late (Monitoring and detection)");
    expect(rendered).not.toContain("(monitoring)");
    expect(snapshotToMarkdown(monitoring)).toContain("[root cause: Monitoring and detection]");
  });

  it("never prints the author's email address, and stakeholders see no author", () => {
    expect(html()).toContain("Author: Dana.");
    expect(html()).not.toContain("dana@example.test");
    expect(html("stakeholder")).not.toContain("Dana.");
  });

  it("does not force a page break before every section", () => {
    expect(
      renderToStaticMarkup(createElement(ReportView, { snapshot, audience: "team" })),
    ).not.toContain("break-before-page");
  });

  it("escapes the title in the print footer", () => {
    expect(cssString('a "b" \\ </style>')).toBe('"a \\"b\\" \\\\ \\3C /style>"');
  });
});

describe("the Markdown export", () => {
  const md = snapshotToMarkdown(snapshot);

  it("carries the detected and mitigated times and the duration", () => {
    expect(md).toContain("- Detected: 2026-01-10 14:04 UTC");
    expect(md).toContain("- Mitigated: 2026-01-10 14:40 UTC");
    expect(md).toContain("- Duration: 1 h 5 min");
  });

  it("does not repeat a section's heading for its only field", () => {
    expect(occurrences(md, "What was expected")).toBe(1);
    expect(md).toContain("## What was expected\n\nFailover within 30 s.");
  });

  it("says the summary and impact once", () => {
    expect(occurrences(md, "Checkout returned 502s for an hour.")).toBe(1);
    expect(occurrences(md, "12% of checkouts failed.")).toBe(1);
  });
});

describe("impact window and action item types (snapshot schema 2)", () => {
  const base = sampleSource();
  const src = sampleSource({
    incident: {
      ...base.incident,
      startedAt: new Date("2026-01-10T10:00:00Z"),
      resolvedAt: new Date("2026-01-11T09:00:00Z"),
      impactStartedAt: new Date("2026-01-10T11:00:00Z"),
      impactEndedAt: new Date("2026-01-11T05:00:00Z"),
    },
    actionItems: base.actionItems.map((a, i) => ({
      ...a,
      type: i === 0 ? ("PREVENT" as const) : null,
    })),
  });
  const snap = composeReport(src);

  it("says 18 hours of impact although the incident was open for 23", () => {
    expect(snap.durations.customerImpactMs).toBe(18 * 3600_000);
    expect(snap.durations.timeToResolveMs).toBe(23 * 3600_000);
    const rendered = text(
      renderToStaticMarkup(createElement(ReportView, { snapshot: snap, audience: "team" })),
    );
    expect(rendered).toContain(
      "Customer impact 2026-01-10 11:00 UTC – 2026-01-11 05:00 UTC (18 h)",
    );
    expect(snapshotToMarkdown(snap)).toContain("- Customer impact: 18 h");
  });

  it("shows each action item's type and tracker link in the table and the export", () => {
    const html = renderToStaticMarkup(
      createElement(ReportView, { snapshot: snap, audience: "team" }),
    );
    expect(text(html)).toContain("Validate connections on borrow Alice 2026-02-01 Prevent Open");
    expect(html).toContain('href="https://tracker.example/1"');
    const md = snapshotToMarkdown(snap);
    expect(md).toContain("Validate connections on borrow — type: Prevent; owner: Alice");
    expect(md).toContain("tracker: <https://tracker.example/1>");
  });
});
