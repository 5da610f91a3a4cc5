// The published report as stored HTML. Rendering is a pure function of (snapshot, variant):
// publishing renders each variant once and stores it on the ReportVersion; the shared link,
// the portal and print serve the stored bytes. Each variant is one entry in REPORT_VARIANTS and
// one stored column (stakeholderHtml, teamHtml, customerHtml).
import { createHash } from "node:crypto";
import { renderStaticMarkup } from "@/lib/html/static-markup";
import { toCustomerSnapshot } from "@/lib/reports/customer";
import { toStakeholderSnapshot, type ReportSnapshot } from "@/lib/reports/snapshot";
import { parseSnapshot } from "@/lib/reports/snapshot-schema";
import frozenV1 from "@/lib/reports/fixtures/snapshot-v1.json";
import { ReportView } from "./report-view";

export const REPORT_VARIANTS = ["stakeholder", "team", "customer"] as const;
export type ReportVariant = (typeof REPORT_VARIANTS)[number];

/** The snapshot as one audience may see it (the same transform feeds exports and emails). */
export function snapshotFor(snapshot: ReportSnapshot, variant: ReportVariant): ReportSnapshot {
  if (variant === "team") return snapshot;
  if (variant === "customer") return toCustomerSnapshot(snapshot);
  return toStakeholderSnapshot(snapshot);
}

/** The report for one audience, standalone (its title is the page's h1). */
export function renderReportHtml(snapshot: ReportSnapshot, variant: ReportVariant): string {
  return renderStaticMarkup(
    <ReportView snapshot={snapshotFor(snapshot, variant)} audience={variant} />,
  );
}

/**
 * The same HTML inside a page that has its own h1 (the incident pages): the title becomes an
 * h2. The title is the only h1 a report contains (Markdown headings are mapped to h3/h4 by
 * the sanitizer), so the swap is exact.
 */
export function nestReportHtml(html: string): string {
  return html.replace(/<(\/?)h1\b/g, "<$1h2");
}

let fingerprint: string | undefined;

/**
 * Identifies the code that renders reports: the hash of the frozen v1 snapshot rendered in
 * every variant. Stored beside the HTML; when the markup changes (a new release), stored HTML
 * with another fingerprint is rendered again from its snapshot on its next view.
 */
export function rendererFingerprint(): string {
  if (!fingerprint) {
    const sample = parseSnapshot(frozenV1);
    const hash = createHash("sha256");
    for (const variant of REPORT_VARIANTS) hash.update(renderReportHtml(sample, variant));
    fingerprint = hash.digest("base64url").slice(0, 16);
  }
  return fingerprint;
}

export interface RenderedReport {
  stakeholderHtml: string;
  teamHtml: string;
  customerHtml: string;
  htmlRenderer: string;
}

/** Every variant of a published snapshot, as stored on its ReportVersion. */
export function renderPublishedReport(snapshot: ReportSnapshot): RenderedReport {
  return {
    stakeholderHtml: renderReportHtml(snapshot, "stakeholder"),
    teamHtml: renderReportHtml(snapshot, "team"),
    customerHtml: renderReportHtml(snapshot, "customer"),
    htmlRenderer: rendererFingerprint(),
  };
}
