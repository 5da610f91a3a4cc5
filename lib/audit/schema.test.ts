import { describe, expect, it } from "vitest";
import type { AuditInput } from "./mutations";
import { auditEntrySchema } from "./schema";

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
