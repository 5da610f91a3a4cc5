// Evidence and attached files in the composed report, every rendering of it and every export:
// the team's HTML, the stakeholder and customer versions, Markdown, and the share link's HTML.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReportView } from "@/components/reports/report-view";
import { withShareLinkFiles } from "@/lib/attachments/urls";
import { toCustomerSnapshot } from "./customer";
import { placeAttachments } from "./evidence";
import { composeReport, toStakeholderSnapshot, type ReportSource } from "./snapshot";
import { sampleSource } from "./test-fixtures";
import { snapshotToMarkdown } from "./text";

const t = (hhmm: string) => new Date(`2026-01-10T${hhmm}:00Z`);
const file = (
  id: string,
  where: { sectionKey?: string; timelineEventId?: string },
  extra: Partial<NonNullable<ReportSource["attachments"]>[number]> = {},
) => ({
  id,
  filename: `${id}.png`,
  contentType: "image/png",
  size: 48 * 1024,
  width: 800,
  height: 400,
  caption: "",
  sectionKey: where.sectionKey ?? null,
  timelineEventId: where.timelineEventId ?? null,
  event: null,
  ...extra,
});

function source(): ReportSource {
  return sampleSource({
    evidence: [
      // Given out of tree order: the report numbers them as the causes are read.
      {
        id: "ev-link",
        nodeId: "w3",
        url: "https://grafana.example/d/db?from=1",
        label: "Replication lag dashboard",
        event: null,
      },
      {
        id: "ev-alert",
        nodeId: "w2",
        url: null,
        label: null,
        event: {
          id: "e1",
          occurredAt: t("14:04"),
          kind: "ALERT",
          body: "5xx alert fired",
          author: "ops@example.test",
        },
      },
      {
        id: "ev-note",
        nodeId: "w1",
        url: null,
        label: null,
        event: {
          id: "e9",
          occurredAt: t("14:20"),
          kind: "NOTE",
          body: "Alice saw the pool at 100%",
          author: "Alice",
        },
      },
    ],
    attachments: [
      file("p99", { sectionKey: "summary" }, { caption: "p99 latency during the incident" }),
      file("alertshot", { timelineEventId: "e1" }, { caption: "The alert as it fired" }),
      file(
        "chatlog",
        { timelineEventId: "e9" },
        {
          contentType: "text/plain",
          filename: "incident-chat.log",
          size: 2048,
          event: { occurredAt: t("14:20"), body: "Alice saw the pool at 100%" },
        },
      ),
      file(
        "runbook",
        {},
        { contentType: "application/pdf", filename: "runbook.pdf", size: 3 * 1024 * 1024 },
      ),
    ],
  });
}
const render = (
  snapshot: ReturnType<typeof composeReport>,
  audience: "team" | "stakeholder" | "customer",
) => renderToStaticMarkup(createElement(ReportView, { snapshot, audience }));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");

describe("evidence", () => {
  const s = composeReport(source());

  it("keeps what each cause cites, numbered as the causes are read", () => {
    expect(s.evidence.map((e) => [e.id, e.nodeId])).toEqual([
      ["ev-note", "w1"],
      ["ev-alert", "w2"],
      ["ev-link", "w3"],
    ]);
    expect(s.evidence[2]).toMatchObject({
      url: "https://grafana.example/d/db?from=1",
      event: null,
    });
  });

  it("stands beside the root causes and is listed under Supporting information", () => {
    const html = render(s, "team");
    const page = text(html);
    expect(page).toContain("Connection pool kept stale connections (Tooling) — evidence E2");
    expect(page).toContain("No failover drill (Process) — evidence E3");
    expect(html).toContain('<a href="#evidence-2"');
    expect(html).toContain('id="evidence-2"');
    expect(page).toContain("Supporting information");
    expect(page).toContain("E2 Timeline, 2026-01-10 14:04 UTC (alert): 5xx alert fired");
    expect(page).toContain("Cited for: Connection pool kept stale connections");
    expect(page).toContain("E3 Replication lag dashboard: https://grafana.example/d/db?from=1");
    expect(html).toContain('href="https://grafana.example/d/db?from=1"');
  });

  it("is in the Markdown export", () => {
    const md = snapshotToMarkdown(s);
    expect(md).toContain("- Connection pool kept stale connections (Tooling) (evidence E2)");
    expect(md).toContain("## Supporting information");
    expect(md).toContain(
      "2. E2 — Timeline, 2026-01-10 14:04 UTC (alert): 5xx alert fired — ops@example.test — cited for: Connection pool kept stale connections",
    );
    expect(md).toContain(
      "3. E3 — Replication lag dashboard: <https://grafana.example/d/db?from=1> — cited for: No failover drill",
    );
  });

  it("never shows an address to stakeholders, and the customer version keeps only scrubbed timeline evidence", () => {
    expect(text(render(toStakeholderSnapshot(s), "stakeholder"))).not.toContain("ops@example.test");
    const customer = toCustomerSnapshot(s);
    // The internal note and the internal dashboard link are left out.
    expect(customer.evidence.map((e) => e.id)).toEqual(["ev-alert"]);
    const page = text(render(customer, "customer"));
    expect(page).toContain("5xx alert fired");
    expect(page).not.toMatch(/grafana\.example|Alice|ops@example/);
  });
});

describe("attached files", () => {
  const s = composeReport(source());

  it("appear beside what they were attached to, the rest under Supporting information", () => {
    const placed = placeAttachments(s);
    expect([...placed.bySection.keys()]).toEqual(["summary"]);
    expect([...placed.byEvent.keys()]).toEqual(["e1"]);
    // e9 is no key event; the runbook belongs to the incident.
    expect(placed.supporting.map((a) => a.id)).toEqual(["chatlog", "runbook"]);
  });

  it("images load from the team's attachment address with their size and caption; other files are links", () => {
    const html = render(s, "team");
    expect(html).toContain(
      '<img src="/api/attachments/p99" alt="p99 latency during the incident" width="800" height="400"',
    );
    expect(html).toContain("<figcaption");
    expect(html).toMatch(/<a href="\/api\/attachments\/runbook"[^>]*>runbook\.pdf<\/a>/);
    const page = text(html);
    expect(page).toContain("(PDF, 3.0 MB)");
    expect(page).toContain(
      "Attached to the timeline event at 2026-01-10 14:20 UTC: Alice saw the pool at 100%",
    );
  });

  it("a share link's page loads them through the link's own route", () => {
    const html = withShareLinkFiles(render(s, "stakeholder"), "tok_123-abc");
    expect(html).toContain('src="/r/tok_123-abc/files/p99"');
    expect(html).toContain('href="/r/tok_123-abc/files/runbook"');
    expect(html).not.toContain("/api/attachments/");
  });

  it("are listed in the Markdown export", () => {
    const md = snapshotToMarkdown(s);
    expect(md).toContain("- Attached: p99.png (PNG image, 48 KB): p99 latency during the incident");
    expect(md).toContain("  - Attached: alertshot.png (PNG image, 48 KB): The alert as it fired");
    expect(md).toContain("- Attached: runbook.pdf (PDF, 3.0 MB)");
  });

  it("the customer version shows only the files of the sections it shows, names scrubbed", () => {
    const named = composeReport({
      ...source(),
      attachments: [
        file("p99", { sectionKey: "summary" }, { caption: "Graph Alice took" }),
        file("alertshot", { timelineEventId: "e1" }),
      ],
      members: [{ name: "Alice", email: "alice@example.test" }],
    });
    const customer = toCustomerSnapshot(named);
    expect(customer.attachments.map((a) => [a.id, a.caption])).toEqual([
      ["p99", "Graph a responder took"],
    ]);
  });
});
