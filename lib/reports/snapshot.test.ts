import { describe, expect, it } from "vitest";
import { lightweightTemplateSections, parseTemplateSections } from "./sections";
import { composeReport, reportCompleteness, toStakeholderSnapshot } from "./snapshot";
import { sampleSource } from "./test-fixtures";
import { snapshotToMarkdown } from "./text";

describe("composeReport", () => {
  const snap = composeReport(sampleSource());

  it("fills in the incident's facts and durations", () => {
    expect(snap.title).toBe("INC-42: Checkout errors");
    expect(snap.incident).toMatchObject({
      key: "INC-42",
      severity: "SEV2",
      startedAt: "2026-01-10T14:00:00.000Z",
      commanderName: "Dana",
    });
    expect(snap.durations).toEqual({
      timeToDetectMs: 4 * 60_000,
      timeToAcknowledgeMs: 2 * 60_000,
      timeToMitigateMs: 40 * 60_000,
      timeToResolveMs: 65 * 60_000,
      customerImpactMs: null,
    });
  });

  it("orders key events by time", () => {
    expect(snap.keyEvents.map((e) => e.body)).toEqual(["5xx alert fired", "Rolled back"]);
  });

  it("builds the tree, lists root causes with their countermeasure counts", () => {
    expect(snap.whys.problem).toBe("Checkout failed for 65 minutes");
    expect(snap.whys.tree).toHaveLength(1);
    expect(snap.whys.tree[0].children.map((c) => c.id)).toEqual(["w2", "w3"]);
    expect(snap.whys.rootCauses).toEqual([
      {
        id: "w2",
        statement: "Connection pool kept stale connections",
        category: "TOOLING",
        countermeasures: 1,
      },
      { id: "w3", statement: "No failover drill", category: "PROCESS", countermeasures: 0 },
    ]);
  });

  it("names the root cause each action item addresses", () => {
    expect(snap.actionItems[0]).toMatchObject({
      title: "Validate connections on borrow",
      ownerName: "Alice",
      dueDate: "2026-02-01",
      rootCause: "Connection pool kept stale connections",
    });
    expect(snap.actionItems[1].rootCause).toBeNull();
  });

  it("places narrative by field key in the template's sections and order", () => {
    expect(snap.sections.map((s) => s.key)).toEqual([
      "summary",
      "expected",
      "happened",
      "why",
      "improve",
    ]);
    expect(snap.sections[0].fields[0]).toEqual({
      key: "summary",
      label: "Summary",
      markdown: "We lost checkouts.",
    });
    expect(snap.sections[3].fields.find((f) => f.key === "trigger")?.markdown).toBe("A failover.");
  });

  it("hides narrative whose key no section asks for, and shows missing keys empty", () => {
    const text = JSON.stringify(snap.sections);
    expect(text).not.toContain("legacyField");
    expect(snap.sections[1].fields[0].markdown).toBe("");
  });

  it("follows a reordered template with disabled sections", () => {
    const sections = lightweightTemplateSections();
    const s = composeReport(sampleSource({ template: { id: "l", name: "Lightweight", sections } }));
    expect(s.sections.map((x) => x.key)).toEqual(["summary", "happened", "why", "improve"]);
    expect(s.sections[0].fields.map((f) => f.key)).toEqual(["summary"]);
  });

  it("is a draft until published, then carries version and publisher", () => {
    expect(snap.version).toBeNull();
    const pub = composeReport(
      sampleSource({
        publication: {
          number: 2,
          publishedAt: new Date("2026-01-11T09:00:00Z"),
          publishedBy: "Dana",
        },
      }),
    );
    expect(pub).toMatchObject({
      version: 2,
      publishedAt: "2026-01-11T09:00:00.000Z",
      publishedBy: "Dana",
    });
  });

  it("survives a JSON round trip unchanged", () => {
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });

  it("strips internal content for stakeholders", () => {
    expect(snap.internal?.authorEmail).toBe("dana@example.test");
    const s = toStakeholderSnapshot(snap);
    expect(s.internal).toBeNull();
    expect(JSON.stringify(s)).not.toContain("dana@example.test");
  });

  it("never shows stakeholders the email of a member without a display name", () => {
    const src = sampleSource();
    const unnamed = composeReport({
      ...src,
      incident: { ...src.incident, commanderName: "commander@corp.example" },
      actionItems: src.actionItems.map((a) => ({ ...a, ownerName: "owner@corp.example" })),
      keyEvents: src.keyEvents.map((e) => ({ ...e, author: "responder@corp.example" })),
      publication: {
        number: 1,
        publishedAt: new Date("2026-01-11T10:00:00Z"),
        publishedBy: "publisher@corp.example",
      },
    });
    // The team still sees who it was.
    expect(unnamed.incident.commanderName).toBe("commander@corp.example");
    const s = toStakeholderSnapshot(unnamed);
    expect(JSON.stringify(s)).not.toMatch(/@corp\.example/);
    expect(s.incident.commanderName).toBe("a team member");
    expect(s.actionItems.map((a) => a.ownerName)).toEqual(["a team member", "a team member"]);
    expect(s.publishedBy).toBe("a team member");
    // Display names are kept.
    expect(toStakeholderSnapshot(snap).incident.commanderName).toBe("Dana");
  });

  it("ignores negative or missing spans", () => {
    const src = sampleSource();
    const s = composeReport({
      ...src,
      incident: { ...src.incident, detectedAt: new Date("2026-01-10T13:00:00Z"), resolvedAt: null },
    });
    expect(s.durations.timeToDetectMs).toBeNull();
    expect(s.durations.timeToResolveMs).toBeNull();
  });
});

describe("reportCompleteness", () => {
  it("lists the empty narrative fields per enabled section", () => {
    const c = reportCompleteness(sampleSource().template.sections, {
      summary: "x",
      impact: "  ",
      trigger: "y",
    });
    expect(c.total).toBe(11);
    expect(c.filled).toBe(2);
    expect(c.complete).toBe(false);
    expect(c.sections[0]).toMatchObject({
      key: "summary",
      complete: false,
      emptyFields: [{ key: "impact", label: "Customer and data impact" }],
    });
  });

  it("counts only what the template asks for", () => {
    const c = reportCompleteness(lightweightTemplateSections(), {
      summary: "a",
      recovery: "b",
      trigger: "c",
      wentWrong: "d",
    });
    expect(c).toMatchObject({ filled: 4, total: 4, complete: true });
  });
});

describe("parseTemplateSections", () => {
  it("drops malformed and duplicate rows and appends missing kinds disabled", () => {
    const parsed = parseTemplateSections([
      { key: "why", title: "Why", prompt: "", enabled: true },
      { key: "why", title: "Dup", prompt: "", enabled: true },
      { key: "bogus", title: "x", prompt: "", enabled: true },
      "junk",
    ]);
    expect(parsed.map((s) => [s.key, s.enabled])).toEqual([
      ["why", true],
      ["summary", false],
      ["expected", false],
      ["happened", false],
      ["improve", false],
    ]);
  });

  it("treats non-arrays as empty", () => {
    expect(parseTemplateSections(null).every((s) => !s.enabled)).toBe(true);
  });
});

describe("snapshotToMarkdown", () => {
  it("contains the title, narrative, tree and action items", () => {
    const md = snapshotToMarkdown(composeReport(sampleSource()));
    expect(md).toMatch(/^# INC-42: Checkout errors/);
    expect(md).toContain("## Summary and impact");
    expect(md).toContain("We lost checkouts.");
    expect(md).toContain("  - Connection pool kept stale connections **[root cause: Tooling]**");
    expect(md).toContain(
      "- [P2] Validate connections on borrow — owner: Alice; due: 2026-02-01; status: Open; addresses: Connection pool kept stale connections",
    );
    expect(md).toContain("- Time to resolve: 1 h 5 min");
    expect(md).toContain("Draft (not published).");
  });
});

describe("exportFilename", () => {
  it("is ASCII, short and names incident and version", async () => {
    const { exportFilename } = await import("./export");
    expect(
      exportFilename(
        {
          number: 2,
          snapshot: { incident: { number: 42, title: "Checkout “502s” — über-failure!" } },
        },
        "md",
      ),
    ).toBe("inc-42-checkout-502s-uber-failure-v2.md");
  });
});
