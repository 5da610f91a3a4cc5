import { describe, expect, it } from "vitest";
import { diffSnapshots, diffSummary, diffText } from "./diff";
import { composeReport } from "./snapshot";
import { sampleSource } from "./test-fixtures";

describe("diffText", () => {
  it("marks added and removed lines", () => {
    expect(diffText("a\nb\nc\n", "a\nB\nc\n")).toEqual([
      { type: "same", text: "a" },
      { type: "removed", text: "b" },
      { type: "added", text: "B" },
      { type: "same", text: "c" },
    ]);
  });
});

describe("diffSnapshots", () => {
  const v1 = composeReport(
    sampleSource({ publication: { number: 1, publishedAt: new Date(), publishedBy: "Dana" } }),
  );

  it("finds nothing between identical versions", () => {
    const d = diffSnapshots(v1, v1);
    expect(diffSummary(d)).toEqual({ added: 0, removed: 0, changedSections: 0 });
  });

  it("shows narrative and incident changes in the section they belong to", () => {
    const src = sampleSource({
      narrative: { summary: "We lost many checkouts.", trigger: "A failover." },
    });
    const v2 = composeReport({ ...src, incident: { ...src.incident, title: "Checkout outage" } });
    const d = diffSnapshots(v1, v2);
    const summary = d.find((s) => s.key === "summary")!;
    expect(summary.changed).toBe(true);
    expect(summary.lines).toContainEqual({ type: "removed", text: "We lost checkouts." });
    expect(summary.lines).toContainEqual({ type: "added", text: "We lost many checkouts." });
    expect(d.find((s) => s.key === "why")!.changed).toBe(false);
  });

  it("reports a section removed from the newer version", () => {
    const src = sampleSource();
    const sections = src.template.sections.map((s) =>
      s.key === "expected" ? { ...s, enabled: false } : s,
    );
    const v2 = composeReport({ ...src, template: { ...src.template, sections } });
    const expected = diffSnapshots(v1, v2).find((s) => s.key === "expected")!;
    expect(expected.changed).toBe(true);
    expect(expected.lines.every((l) => l.type === "removed")).toBe(true);
  });
});
