import { describe, expect, it } from "vitest";
import { renderReportHtml } from "@/components/reports/report-html";
import { customerLeaks, customerScrubber, EMAIL_REMOVED, toCustomerSnapshot } from "./customer";
import { fullTemplateSections } from "./sections";
import { composeReport } from "./snapshot";
import { sampleSource } from "./test-fixtures";
import { snapshotToMarkdown } from "./text";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

// A report that names people everywhere a real one does: structured fields, free text, a
// member who appears only in the narrative, and addresses standing in for display names.
function namedReport() {
  const base = sampleSource();
  return composeReport({
    ...base,
    incident: {
      ...base.incident,
      commanderName: "Dana Whitfield",
      summary: "Dana Whitfield declared the incident.",
    },
    keyEvents: [
      {
        id: "e1",
        occurredAt: new Date("2026-01-10T14:04:00Z"),
        kind: "ALERT",
        body: "Paged alice@example.test",
        author: "Dana Whitfield",
      },
      {
        id: "e2",
        occurredAt: new Date("2026-01-10T14:40:00Z"),
        kind: "ACTION",
        body: "Alice Moreau rolled back",
        author: "Alice Moreau",
      },
      {
        id: "e3",
        occurredAt: new Date("2026-01-10T14:50:00Z"),
        kind: "NOTE",
        body: "Internal: blame-free retro booked",
        author: "Alice Moreau",
      },
    ],
    actionItems: base.actionItems.map((a, i) => ({
      ...a,
      ownerName: i === 0 ? "bob@example.test" : "Alice Moreau",
      title: i === 0 ? "Carol Ng adds pool validation" : a.title,
    })),
    template: {
      ...base.template,
      sections: fullTemplateSections().map((s) =>
        s.key === "expected" ? { ...s, internal: true } : s,
      ),
    },
    narrative: {
      summary: "We lost checkouts. Carol Ng from support escalated; write to carol@example.test.",
      trigger: "A failover that Dana Whitfield started.",
      expected: "Internal runbook RB-7 applied",
      customerSummary: "Checkout failed for some customers for 50 minutes. Ask Dana Whitfield.",
    },
    author: { name: "Dana Whitfield", email: "dana@example.test" },
    reviewers: [
      {
        name: "Alice Moreau",
        email: "alice@example.test",
        decision: "APPROVED",
        decidedAt: new Date("2026-01-10T16:00:00Z"),
      },
    ],
    team: { name: "Payments Platform", logoId: null },
    members: [
      { name: "Dana Whitfield", email: "dana@example.test" },
      { name: "Alice Moreau", email: "alice@example.test" },
      { name: "Carol Ng", email: "carol@example.test" },
      { name: null, email: "bob@example.test" },
    ],
    publication: {
      number: 1,
      publishedAt: new Date("2026-01-11T09:30:00Z"),
      publishedBy: "Dana Whitfield",
    },
  });
}

describe("the customer version", () => {
  it("names no one: no member's name and no email address in the page", () => {
    const team = namedReport();
    const page = text(renderReportHtml(team, "customer"));
    expect(customerLeaks(team, page)).toEqual([]);
    // The same report for internal stakeholders does carry the names: the check can fail.
    expect(customerLeaks(team, text(renderReportHtml(team, "stakeholder")))).toEqual(
      expect.arrayContaining(["Dana Whitfield", "Alice Moreau"]),
    );
  });

  it("shows roles where people were named, and the team as publisher", () => {
    const page = text(renderReportHtml(namedReport(), "customer"));
    expect(page).toContain("Paged [email removed]");
    expect(page).toContain("a responder rolled back — Responder");
    expect(page).toContain("— Incident commander");
    expect(page).toContain("A failover that the incident commander started.");
    expect(page).toContain("Assigned engineer");
    expect(page).toContain("published 2026-01-11 09:30 UTC by Payments Platform");
    expect(page).toContain("Incident report · Payments Platform");
    expect(page).not.toContain("Incident commander —");
  });

  it("opens with the customer summary and leaves out internal sections, notes and tracker links", () => {
    const html = renderReportHtml(namedReport(), "customer");
    const page = text(html);
    expect(page).toMatch(
      /Summary Checkout failed for some customers for 50 minutes\. Ask the incident commander\./,
    );
    expect(page).not.toContain("What was expected");
    expect(page).not.toContain("RB-7");
    expect(page).toContain("a responder adds pool validation");
    expect(page).not.toContain("blame-free retro");
    expect(html).not.toContain("tracker.example");
    // The internal report keeps all of it and shows no customer summary.
    const internal = text(renderReportHtml(namedReport(), "stakeholder"));
    expect(internal).toContain("Internal runbook RB-7 applied");
    expect(internal).toContain("blame-free retro");
    expect(internal).not.toContain("Checkout failed for some customers");
  });

  it("exports as Markdown without names or addresses", () => {
    const team = namedReport();
    const md = snapshotToMarkdown(toCustomerSnapshot(team), { customer: true });
    expect(customerLeaks(team, md)).toEqual([]);
    expect(md).toContain("## Summary\n\nCheckout failed for some customers");
    expect(md).toContain("Incident report from Payments Platform.");
    expect(md).not.toContain("tracker:");
  });

  it("replaces names as whole words, longest first, whatever their case", () => {
    const scrub = customerScrubber(namedReport());
    expect(scrub("DANA WHITFIELD and Alice Moreau met Carol Ng")).toBe(
      "the incident commander and a responder met a responder",
    );
    expect(scrub("Carol Ngata is not Carol Ng")).toBe("Carol Ngata is not a responder");
    expect(scrub("mail x.y+z@sub.example.co.uk now")).toBe(`mail ${EMAIL_REMOVED} now`);
  });

  it("never carries internal content", () => {
    expect(toCustomerSnapshot(namedReport()).internal).toBeNull();
  });
});
