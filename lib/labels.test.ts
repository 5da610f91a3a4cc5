import { describe, expect, it } from "vitest";
import { ACTION_STATUSES, PRIORITIES } from "@/lib/action-items/constants";
import { SEVERITIES, STATUSES } from "@/lib/incidents/constants";
import { TIMELINE_KINDS } from "@/lib/timeline/constants";
import { ROOT_CAUSE_CATEGORIES } from "@/lib/whys/tree";
import * as labels from "./labels";

describe("one label map per enum", () => {
  it.each([
    ["severity", SEVERITIES, labels.SEVERITY_LABELS],
    ["incident status", STATUSES, labels.STATUS_LABELS],
    ["event kind", TIMELINE_KINDS, labels.KIND_LABELS],
    ["action status", ACTION_STATUSES, labels.ACTION_STATUS_LABELS],
    ["priority", PRIORITIES, labels.PRIORITY_LABELS],
    ["root-cause category", ROOT_CAUSE_CATEGORIES, labels.ROOT_CAUSE_CATEGORY_LABELS],
  ] as const)("labels every %s and nothing else", (_name, values, map) => {
    expect(Object.keys(map).sort()).toEqual([...values].sort());
    for (const v of values) expect((map as Record<string, string>)[v]).toMatch(/^[A-Z]/);
  });

  it("names root-cause categories in words, not as stored codes", () => {
    expect(labels.categoryLabel("CHANGE_MANAGEMENT")).toBe("Change management");
    expect(labels.categoryLabel("MONITORING")).toBe("Monitoring and detection");
    expect(labels.categoryLabel(null)).toBe("Uncategorised");
  });

  it("reads values stored as plain strings (snapshots, audit rows)", () => {
    expect(labels.actionStatusLabel("WONT_DO")).toBe("Won't do");
    expect(labels.kindLabel("COMMUNICATION")).toBe("Communication");
    expect(labels.statusLabel("RESOLVED")).toBe("Resolved");
    expect(labels.roleLabel("EDITOR")).toBe("Editor");
    // An unknown code from an older snapshot still renders readably.
    expect(labels.kindLabel("PAGE_SENT")).toBe("Page sent");
    // Object prototype keys are not labels.
    expect(labels.statusLabel("toString")).toBe("Tostring");
  });
});
