import { describe, expect, it } from "vitest";
import { groupRecurring, type RootCauseRow } from "./recurring";

const cause = (
  id: string,
  incident: string,
  day: number,
  actions: RootCauseRow["actions"] = [],
): RootCauseRow => ({
  id,
  statement: `statement ${id}`,
  incidentId: incident,
  incidentKey: `INC-${incident}`,
  incidentTitle: `Incident ${incident}`,
  startedAt: new Date(Date.UTC(2026, 0, day)),
  actions,
});

describe("groupRecurring", () => {
  it("groups similar causes of different incidents and flags a cause that came back after its fix was done", () => {
    const causes = [
      cause("a", "1", 1, [{ status: "DONE", completedAt: new Date(Date.UTC(2026, 0, 5)) }]),
      cause("b", "2", 10, [{ status: "OPEN", completedAt: null }]),
      cause("c", "3", 20),
    ];
    const [group] = groupRecurring(causes, [
      { a: "a", b: "b", similarity: 0.8 },
      { a: "b", b: "c", similarity: 0.6 },
    ]);
    expect(group).toMatchObject({
      statement: "statement a",
      similarity: 0.8,
      actionsDone: 1,
      actionsOpen: 1,
      cameBackAfterDone: true,
      cameBackIn: "INC-2",
    });
    expect(group!.incidents.map((i) => i.incidentKey)).toEqual(["INC-1", "INC-2", "INC-3"]);
  });

  it("does not flag a cause whose fix was completed only after it came back", () => {
    const causes = [
      cause("a", "1", 1, [{ status: "DONE", completedAt: new Date(Date.UTC(2026, 0, 15)) }]),
      cause("b", "2", 10),
    ];
    const [group] = groupRecurring(causes, [{ a: "a", b: "b", similarity: 0.7 }]);
    expect(group).toMatchObject({ cameBackAfterDone: false, cameBackIn: null, actionsDone: 1 });
  });

  it("ignores pairs within one incident and answers nothing without pairs", () => {
    expect(
      groupRecurring(
        [cause("a", "1", 1), cause("b", "1", 1)],
        [{ a: "a", b: "b", similarity: 0.9 }],
      ),
    ).toEqual([]);
    expect(groupRecurring([cause("a", "1", 1)], [])).toEqual([]);
  });

  it("lists causes that came back despite a fix first, then the most frequent", () => {
    const causes = [
      cause("x1", "1", 1),
      cause("x2", "2", 2),
      cause("x3", "3", 3),
      cause("y1", "4", 1, [{ status: "DONE", completedAt: new Date(Date.UTC(2026, 0, 2)) }]),
      cause("y2", "5", 9),
    ];
    const groups = groupRecurring(causes, [
      { a: "x1", b: "x2", similarity: 0.9 },
      { a: "x2", b: "x3", similarity: 0.9 },
      { a: "y1", b: "y2", similarity: 0.6 },
    ]);
    expect(groups.map((g) => g.statement)).toEqual(["statement y1", "statement x1"]);
  });
});
