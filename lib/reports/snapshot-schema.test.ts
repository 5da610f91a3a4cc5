import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReportView } from "@/components/reports/report-view";
import { composeReport, toStakeholderSnapshot } from "./snapshot";
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
    expect(snap.schema).toBe(2);
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
