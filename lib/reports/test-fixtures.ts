// Plain report source data for unit tests (no I/O).
import { fullTemplateSections, FULL_TEMPLATE_NAME, NARRATIVE_KEYS } from "./sections";
import type { ReportSource } from "./snapshot";

export function sampleSource(overrides: Partial<ReportSource> = {}): ReportSource {
  const t = (hhmm: string) => new Date(`2026-01-10T${hhmm}:00Z`);
  return {
    incident: {
      id: "inc1",
      number: 42,
      title: "Checkout errors",
      severity: "SEV2",
      status: "RESOLVED",
      startedAt: t("14:00"),
      detectedAt: t("14:04"),
      acknowledgedAt: t("14:06"),
      mitigatedAt: t("14:40"),
      resolvedAt: t("15:05"),
      summary: "Checkout returned 502s.",
      customerImpact: "12% of checkouts failed.",
      services: ["checkout", "db"],
      tags: ["database"],
      commanderName: "Dana",
      problemStatement: "Checkout failed for 65 minutes",
    },
    keyEvents: [
      { id: "e2", occurredAt: t("14:40"), kind: "ACTION", body: "Rolled back", author: "Alice" },
      { id: "e1", occurredAt: t("14:04"), kind: "ALERT", body: "5xx alert fired", author: null },
    ],
    whyNodes: [
      {
        id: "w1",
        parentId: null,
        statement: "The database failed over",
        position: 0,
        isRootCause: false,
        category: null,
      },
      {
        id: "w2",
        parentId: "w1",
        statement: "Connection pool kept stale connections",
        position: 0,
        isRootCause: true,
        category: "TOOLING",
      },
      {
        id: "w3",
        parentId: "w1",
        statement: "No failover drill",
        position: 1,
        isRootCause: true,
        category: "PROCESS",
      },
    ],
    actionItems: [
      {
        id: "a1",
        title: "Validate connections on borrow",
        ownerName: "Alice",
        dueDate: new Date("2026-02-01T00:00:00Z"),
        status: "OPEN",
        priority: "P2",
        trackerUrl: null,
        whyNodeId: "w2",
      },
      {
        id: "a2",
        title: "Write a runbook",
        ownerName: null,
        dueDate: null,
        status: "DONE",
        priority: "P3",
        trackerUrl: "https://tracker.example/1",
        whyNodeId: null,
      },
    ],
    template: { id: "tpl", name: FULL_TEMPLATE_NAME, sections: fullTemplateSections() },
    narrative: { summary: "We lost checkouts.", trigger: "A failover.", legacyField: "kept" },
    author: { name: "Dana", email: "dana@example.test" },
    reviewers: [
      { name: "Alice", email: "alice@example.test", decision: "APPROVED", decidedAt: t("16:00") },
    ],
    ...overrides,
  };
}

/**
 * A review request's confirmation covering every narrative field: for tests about something
 * else than empty sections (lib/reports/readiness.ts asks the author to confirm them).
 */
export const CONFIRM_ALL_EMPTY = NARRATIVE_KEYS.join(",");
