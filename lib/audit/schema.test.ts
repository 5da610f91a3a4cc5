import { describe, expect, it } from "vitest";
import type { AuditInput } from "./mutations";
import {
  AUDIT_ACTIONS,
  auditEntrySchema,
  currentActionName,
  LEGACY_ACTION_NAMES,
  parseAuditEntry,
} from "./schema";
import { historySentence, sentenceText, whatHappened } from "./sentence";

describe("the audit union", () => {
  it("refuses a wrong data shape or an unknown action at compile time (tsc checks this file)", () => {
    const base = { teamId: "t", entityType: "Report", entityId: "r" };
    const ok: AuditInput = {
      ...base,
      action: "report.publish",
      data: { number: 3, contentHash: "h" },
    };
    const wrongShape: AuditInput = {
      ...base,
      action: "report.publish",
      // @ts-expect-error the version number must be a number
      data: { number: "3", contentHash: "h" },
    };
    // @ts-expect-error an action the union does not know
    const unknownAction: AuditInput = { ...base, action: "report.burn" };
    // @ts-expect-error data belongs to another action
    const otherData: AuditInput = { ...base, action: "team.create", data: { from: "a", to: "b" } };
    // And at run time the same rows are refused by the parser.
    expect(auditEntrySchema.safeParse(ok).success).toBe(true);
    for (const bad of [wrongShape, unknownAction, otherData])
      expect(auditEntrySchema.safeParse(bad).success).toBe(false);
  });
});

describe("audit action names", () => {
  it("follow one scheme: lower snake_case words, area first, parts joined by dots", () => {
    const offenders = AUDIT_ACTIONS.filter(
      (a) => !/^[a-z]+(_[a-z]+)*(\.[a-z]+(_[a-z]+)*)+$/.test(a),
    );
    expect(offenders).toEqual([]);
  });

  it("map every old name to a current action", () => {
    for (const [old, current] of Object.entries(LEGACY_ACTION_NAMES)) {
      expect(AUDIT_ACTIONS, old).toContain(current);
      expect(AUDIT_ACTIONS, old).not.toContain(old);
    }
  });

  it("an old row still gets its sentence", () => {
    const markedRow = parseAuditEntry("whyNode.markRootCause", {
      category: "CAPACITY",
      statement: "The pool was too small",
    });
    expect(markedRow?.action).toBe("why_node.mark_root_cause");
    expect(sentenceText(historySentence("Ana", markedRow, "whyNode.markRootCause"))).toBe(
      "Ana marked “The pool was too small” as a root cause (Capacity)",
    );
    const problem = parseAuditEntry("incident.problemStatement", {
      from: null,
      to: "Checkout fails",
    });
    expect(sentenceText(whatHappened(problem, "incident.problemStatement"))).toContain(
      "Checkout fails",
    );
    expect(
      sentenceText(whatHappened(parseAuditEntry("apiToken.revoke", null), "apiToken.revoke")),
    ).not.toBe("made a change");
    // An old row whose data no longer fits still names its area.
    expect(sentenceText(whatHappened(null, "whyNode.update"))).toBe("made a change to the 5 Whys");
    // A name that only looks like a legacy one is not mapped through the prototype.
    expect(currentActionName("__proto__")).toBe("__proto__");
  });
});
