import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReportView } from "@/components/reports/report-view";
import { customerLeaks, toCustomerSnapshot } from "./customer";
import { composeReport, SNAPSHOT_SCHEMA, toStakeholderSnapshot } from "./snapshot";
import { parseSnapshot, SnapshotFormatError } from "./snapshot-schema";
import { sampleSource } from "./test-fixtures";
import { snapshotToMarkdown } from "./text";

// Frozen: a snapshot exactly as version 1 publishing wrote it. Never regenerate this file;
// a new snapshot shape gets a new schema number and a new fixture beside this one.
const FIXTURE = path.join(import.meta.dirname, "fixtures", "snapshot-v1.json");
const frozenJson = (): unknown => JSON.parse(readFileSync(FIXTURE, "utf8"));

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe("published snapshots are parsed by their schema number", () => {
  it("reads the frozen v1 snapshot and renders it for the team and for stakeholders", () => {
    const snapshot = parseSnapshot(frozenJson());
    const team = text(
      renderToStaticMarkup(createElement(ReportView, { snapshot, audience: "team" })),
    );
    expect(team).toContain("INC-42: Checkout errors");
    expect(team).toContain("Version 1, published 2026-01-11 09:30 UTC");
    expect(team).toContain("Connection pool kept stale connections");
    expect(team).toContain("Validate connections on borrow");
    expect(team).toContain("We lost checkouts.");
    // The team sees who wrote it, by name; an address never goes into a report (issue 12).
    expect(team).toContain("Author: Dana.");
    expect(team).not.toContain("dana@example.test");

    const stakeholder = text(
      renderToStaticMarkup(
        createElement(ReportView, {
          snapshot: toStakeholderSnapshot(snapshot),
          audience: "stakeholder",
        }),
      ),
    );
    expect(stakeholder).toContain("Connection pool kept stale connections");
    expect(stakeholder).not.toContain("dana@example.test");
  });

  it("exports the frozen snapshot as Markdown", () => {
    const md = snapshotToMarkdown(parseSnapshot(frozenJson()));
    expect(md).toMatch(/^# INC-42: Checkout errors/);
    expect(md).toContain("- Time to detect: 4 min");
    expect(md).toContain("- [P2] Validate connections on borrow — owner: Alice; due: 2026-02-01");
  });

  it("reads what publishing writes today (writer and reader agree)", () => {
    const written = composeReport(
      sampleSource({
        publication: {
          number: 3,
          publishedAt: new Date("2026-02-01T10:00:00Z"),
          publishedBy: "Dana",
        },
      }),
    );
    expect(parseSnapshot(JSON.parse(JSON.stringify(written)))).toEqual(written);
  });

  it("refuses an unknown schema number or a damaged snapshot, naming what is wrong", () => {
    const json = frozenJson() as Record<string, unknown>;
    expect(() => parseSnapshot({ ...json, schema: 99 })).toThrow(
      new SnapshotFormatError("unknown schema 99"),
    );
    expect(() => parseSnapshot({ ...json, schema: undefined })).toThrow(/unknown schema null/);
    expect(() => parseSnapshot(null)).toThrow(SnapshotFormatError);
    const damaged = { ...json, incident: { ...(json.incident as object), startedAt: "yesterday" } };
    expect(() => parseSnapshot(damaged)).toThrow(/schema 1, incident\.startedAt/);
    const { durations: _dropped, ...missing } = json;
    expect(() => parseSnapshot(missing)).toThrow(/schema 1, durations/);
  });
});

describe("schema 2", () => {
  it("upgrades a version-1 snapshot: no impact window, no action item types", () => {
    const snap = parseSnapshot(frozenJson());
    expect(snap.schema).toBe(SNAPSHOT_SCHEMA);
    expect(snap.incident.impactStartedAt).toBeNull();
    expect(snap.durations.customerImpactMs).toBeNull();
    expect(snap.actionItems.every((a) => a.type === null)).toBe(true);
  });

  it("round-trips what publishing writes now", () => {
    const written = composeReport(
      sampleSource({
        actionItems: sampleSource().actionItems.map((a) => ({ ...a, type: "DETECT" as const })),
      }),
    );
    expect(parseSnapshot(JSON.parse(JSON.stringify(written)))).toEqual(written);
  });
});

// Frozen like the v1 fixture: a snapshot exactly as schema-2 publishing wrote it (names in every
// field, an email standing in for an owner's name).
const frozenV2 = (): unknown =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", "snapshot-v2.json"), "utf8"));

describe("schema 3 (the customer version)", () => {
  it("upgrades a version-2 snapshot: no internal sections, no team, no customer summary, no member list", () => {
    const snap = parseSnapshot(frozenV2());
    expect(snap.schema).toBe(SNAPSHOT_SCHEMA);
    expect(snap.incident.impactStartedAt).toBe("2026-01-10T13:55:00.000Z");
    expect(snap.actionItems.map((a) => a.type)).toEqual(["PREVENT", "PROCESS"]);
    expect(snap.sections.every((s) => s.internal === false)).toBe(true);
    expect(snap.team).toEqual({ name: null, logoId: null });
    expect(snap.customerSummary).toBe("");
    expect(snap.internal?.members).toEqual([]);
    expect(snap.internal?.reviewers[0].name).toBe("Alice Moreau");
  });

  it("renders the upgraded v1 and v2 snapshots as customer versions that name no one", () => {
    for (const json of [frozenJson(), frozenV2()]) {
      const snap = parseSnapshot(json);
      const page = text(
        renderToStaticMarkup(
          createElement(ReportView, { snapshot: toCustomerSnapshot(snap), audience: "customer" }),
        ),
      );
      expect(page).toContain("Connection pool kept stale connections");
      expect(customerLeaks(snap, page)).toEqual([]);
    }
  });

  it("refuses a damaged v3 snapshot, naming the field", () => {
    const written = JSON.parse(JSON.stringify(composeReport(sampleSource()))) as Record<
      string,
      unknown
    >;
    expect(() => parseSnapshot({ ...written, schema: 3, customerSummary: 7 })).toThrow(
      /schema 3, customerSummary/,
    );
  });
});

describe("schema 4 (evidence and attachments)", () => {
  it("upgrades older snapshots with no evidence and no files, as they were published", () => {
    for (const json of [frozenJson(), frozenV2()]) {
      const snap = parseSnapshot(json);
      expect(snap.evidence).toEqual([]);
      expect(snap.attachments).toEqual([]);
    }
    const written = JSON.parse(JSON.stringify(composeReport(sampleSource()))) as Record<
      string,
      unknown
    >;
    const { evidence: _e, attachments: _a, ...v3 } = written;
    expect(parseSnapshot({ ...v3, schema: 3 }).evidence).toEqual([]);
  });

  it("refuses damaged evidence, naming the field", () => {
    const written = JSON.parse(JSON.stringify(composeReport(sampleSource()))) as Record<
      string,
      unknown
    >;
    expect(() =>
      parseSnapshot({ ...written, schema: 4, evidence: [{ id: "x", nodeId: "w1", url: 3 }] }),
    ).toThrow(/schema 4, evidence\.0\.event/);
  });
});

// Frozen: a snapshot exactly as schema-3 publishing wrote it (before evidence and the diagram).
const frozenV3 = (): unknown =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", "snapshot-v3.json"), "utf8"));

describe("schema 5 (the cause diagram)", () => {
  it("publishes the diagram from now on", () => {
    const written = composeReport(sampleSource());
    expect(written.schema).toBe(5);
    expect(written.whys.diagram).toBe(true);
    const html = renderToStaticMarkup(
      createElement(ReportView, { snapshot: written, audience: "stakeholder" }),
    );
    expect(html).toContain('<g data-node="w2" data-kind="root">');
    expect(html).toContain('aria-label="5 Whys as a list"');
  });

  it("keeps versions published before it exactly as they were: the list, no diagram", () => {
    const v4 = {
      ...(JSON.parse(JSON.stringify(composeReport(sampleSource()))) as object),
      schema: 4,
    };
    for (const json of [frozenJson(), frozenV2(), frozenV3(), v4]) {
      const snap = parseSnapshot(json);
      expect(snap.whys.diagram).toBe(false);
      const html = renderToStaticMarkup(
        createElement(ReportView, { snapshot: snap, audience: "team" }),
      );
      expect(html).not.toContain("<svg");
      expect(html).toContain(
        '<figure class="why-diagram text-slate-900" aria-label="5 Whys diagram">',
      );
      expect(text(html)).toContain("Connection pool kept stale connections");
    }
    expect(parseSnapshot(frozenV3()).team.name).toBe("Payments SRE");
  });

  it("refuses a v5 snapshot without the diagram flag, naming the field", () => {
    const written = JSON.parse(JSON.stringify(composeReport(sampleSource()))) as {
      whys: Record<string, unknown>;
    };
    const { diagram: _dropped, ...whys } = written.whys;
    expect(() => parseSnapshot({ ...written, whys })).toThrow(/schema 5, whys\.diagram/);
  });
});
