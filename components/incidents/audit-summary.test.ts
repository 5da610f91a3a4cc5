import { describe, expect, it } from "vitest";
import { changesOf, describeAction, fieldLabel } from "./audit-summary";

describe("audit summary", () => {
  it.each([
    ["incident.create", { number: 1 }, "created the incident"],
    ["incident.update", { version: 2, changes: {} }, "edited the incident"],
    [
      "timeline.create",
      { body: "Paged the on-call", kind: "ACTION" },
      "added a timeline event: “Paged the on-call”",
    ],
    ["timeline.delete", { body: "x".repeat(90) }, `deleted a timeline event: “${"x".repeat(80)}…”`],
    ["timeline.import", { count: 1, format: "chat" }, "imported 1 timeline event"],
    ["timeline.import", { count: 3, format: "csv" }, "imported 3 timeline events"],
    ["whys.node_create", null, "whys node create"],
  ])("%s", (action, data, text) => {
    expect(describeAction(action, data)).toBe(text);
  });

  it("lists changed fields with readable names", () => {
    expect(
      changesOf({ version: 2, changes: { customerImpact: { from: "", to: "Some" } } }),
    ).toEqual([{ field: "customerImpact", from: "", to: "Some" }]);
    expect(changesOf(null)).toEqual([]);
    expect(fieldLabel("customerImpact")).toBe("customer impact");
  });
});
