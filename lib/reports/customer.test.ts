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
      detection: "Alice noticed the 502s; Carol confirmed with Dana.",
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
    expect(page).toContain(
      "A responder noticed the 502s; a responder confirmed with the incident commander.",
    );
    expect(page).toContain("Paged [email removed]");
    expect(page).toContain("A responder rolled back — Responder");
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
    expect(page).toContain("A responder adds pool validation");
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
    // First names alone too (customerLeaks checks them; the internal export keeps them).
    expect(md).toContain("A responder noticed the 502s");
    expect(customerLeaks(team, snapshotToMarkdown(team))).toEqual(
      expect.arrayContaining(["Alice", "Carol", "Dana"]),
    );
    expect(md).toContain("## Summary\n\nCheckout failed for some customers");
    expect(md).toContain("Incident report from Payments Platform.");
    expect(md).not.toContain("tracker:");
  });

  it("replaces names as whole words, longest first, whatever their case", () => {
    const scrub = customerScrubber(namedReport());
    expect(scrub("DANA WHITFIELD and Alice Moreau met Carol Ng")).toBe(
      "The incident commander and a responder met a responder",
    );
    // "Ngata" is not "Ng" (whole words); the shared first name goes, the safe direction.
    expect(scrub("Carol Ngata is not Carol Ng")).toBe("A responder Ngata is not a responder");
    expect(scrub("mail x.y+z@sub.example.co.uk now")).toBe(`mail ${EMAIL_REMOVED} now`);
  });

  it("never carries internal content", () => {
    expect(toCustomerSnapshot(namedReport()).internal).toBeNull();
  });
});

describe("first names used alone", () => {
  // A team with a commander, members known by full name, one known only by an address, a
  // mailbox address, and members whose first names are English words.
  function team(extra: { name: string | null; email: string }[] = []) {
    const base = sampleSource();
    return composeReport({
      ...base,
      incident: { ...base.incident, commanderName: "Dana Whitfield" },
      keyEvents: [],
      actionItems: base.actionItems.map((a) => ({ ...a, ownerName: null })),
      author: { name: "Dana Whitfield", email: "dana@example.test" },
      reviewers: [],
      members: [
        { name: "Dana Whitfield", email: "dana@example.test" },
        { name: "Alice Moreau", email: "alice@example.test" },
        { name: null, email: "bob.k@example.test" },
        { name: null, email: "support@example.test" },
        { name: "Will Turner", email: "wt@example.test" },
        { name: "May Chen", email: "mc@example.test" },
        ...extra,
      ],
    });
  }

  it("replaces them with the person's role, capitalised at a sentence's start", () => {
    const scrub = customerScrubber(team());
    expect(scrub("Alice restarted the pod. Then Bob paged Dana.")).toBe(
      "A responder restarted the pod. Then a responder paged the incident commander.",
    );
    expect(scrub("- Dana declared it\n- **Alice** rolled back\n\n## Alice's notes")).toBe(
      "- The incident commander declared it\n- **A responder** rolled back\n\n## A responder's notes",
    );
    // Full names at a sentence's start read the same way.
    expect(scrub("Dana Whitfield declared the incident.")).toBe(
      "The incident commander declared the incident.",
    );
  });

  it("only replaces the name as written, as a whole word, outside identifiers", () => {
    const scrub = customerScrubber(team());
    const kept =
      "alice and ALICE, Alicent, Alice-svc, Alice_1, grafana/d/Alice, #Alice, host.Alice.io, Don't";
    expect(scrub(kept)).toBe(kept);
    expect(scrub("Thanks, Alice.")).toBe("Thanks, a responder.");
  });

  it("keeps first names that are English words at a sentence's start", () => {
    const scrub = customerScrubber(team());
    expect(scrub("Will the fix hold? Then Will restarted it.")).toBe(
      "Will the fix hold? Then a responder restarted it.",
    );
    expect(scrub("May 3: rollback. We paged May and Will.")).toBe(
      "May 3: rollback. We paged a responder and a responder.",
    );
  });

  it("knows members by their address, but not mailboxes or people outside the team", () => {
    const scrub = customerScrubber(team());
    expect(scrub("Bob approved; Support escalated; Zoe from the vendor called.")).toBe(
      "A responder approved; Support escalated; Zoe from the vendor called.",
    );
  });

  it("calls a first name shared by the commander and someone else a responder", () => {
    const scrub = customerScrubber(team([{ name: "Dana Kim", email: "dk@example.test" }]));
    expect(scrub("Dana restarted it. Dana Whitfield closed it.")).toBe(
      "A responder restarted it. The incident commander closed it.",
    );
  });

  it("replaces surnames used alone by the same rules", () => {
    const scrub = customerScrubber(team());
    expect(scrub("Whitfield paged Moreau. Thanks to Chen and Turner.")).toBe(
      "The incident commander paged a responder. Thanks to a responder and a responder.",
    );
    // As written with the capital, as a whole word, outside identifiers.
    const kept = "moreau, MOREAU, Moreaux, moreau-svc, grafana/d/Moreau, Moreau_1";
    expect(scrub(kept)).toBe(kept);
    expect(customerLeaks(team(), "Ask Whitfield.")).toEqual(["Whitfield"]);
  });

  it("are reported as leaks where the scrubber would have replaced them", () => {
    const t = team();
    expect(customerLeaks(t, "Thanks Alice and Bob.")).toEqual(["Alice", "Bob"]);
    expect(customerLeaks(t, "Will this recur? May 3 was calm.")).toEqual([]);
    expect(customerLeaks(t, "We asked Will.")).toEqual(["Will"]);
  });
});
