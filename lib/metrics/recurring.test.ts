import { describe, expect, it } from "vitest";
import {
  groupRecurring,
  periodRootCauses,
  recurringFromJson,
  type PeriodRootCauseTuple,
  type RootCauseRow,
} from "./recurring";

// Trigram sets given directly (similarity = shared / union): 1..10 vs 1..8,11,12 → 8/12.
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const cause = (
  id: string,
  incident: string,
  day: number,
  trigrams: number[],
  actions: Partial<Pick<RootCauseRow, "actionsDone" | "actionsOpen" | "firstDoneAt">> = {},
): RootCauseRow => ({
  id,
  statement: `statement ${id}`,
  trigrams,
  incidentId: incident,
  incidentKey: `INC-${incident}`,
  incidentTitle: `Incident ${incident}`,
  startedAt: new Date(Date.UTC(2026, 0, day)),
  actionsDone: 0,
  actionsOpen: 0,
  firstDoneAt: null,
  ...actions,
});
const A = range(1, 10);
const B = [...range(1, 8), 11, 12]; // ≈ A (8/12)
const C = [...range(3, 8), ...range(11, 14)]; // ≈ B (8/12), not A (6/14)
const Z = range(50, 60);

describe("groupRecurring", () => {
  it("groups later causes with the earliest one they resemble and flags a cause that came back after its fix was done", () => {
    const causes = [
      cause("b", "2", 10, B, { actionsOpen: 1 }),
      cause("a", "1", 1, A, { actionsDone: 1, firstDoneAt: new Date(Date.UTC(2026, 0, 5)) }),
      cause("a2", "3", 20, A),
    ];
    const [group] = groupRecurring(causes, 0.5);
    expect(group).toMatchObject({
      statement: "statement a",
      similarity: 1,
      actionsDone: 1,
      actionsOpen: 1,
      cameBackAfterDone: true,
      cameBackIn: "INC-2",
    });
    expect(group!.incidents.map((i) => i.incidentKey)).toEqual(["INC-1", "INC-2", "INC-3"]);
  });

  it("does not chain: a cause like the second but not like the first starts its own group", () => {
    const groups = groupRecurring(
      [cause("a", "1", 1, A), cause("b", "2", 2, B), cause("c", "3", 3, C), cause("c2", "4", 4, C)],
      0.5,
    );
    // Equal sizes: the closer group first.
    expect(groups.map((g) => [g.statement, g.incidents.map((i) => i.nodeId)])).toEqual([
      ["statement c", ["c", "c2"]],
      ["statement a", ["a", "b"]],
    ]);
    expect(groups[1]!.similarity).toBe(Math.fround(8 / 12));
    // At a threshold above 8/12 only the identical statements are the same cause.
    expect(groupRecurring([cause("a", "1", 1, A), cause("b", "2", 2, B)], 0.7)).toEqual([]);
  });

  it("does not flag a cause whose fix was completed only after it came back", () => {
    const causes = [
      cause("a", "1", 1, A, { actionsDone: 1, firstDoneAt: new Date(Date.UTC(2026, 0, 15)) }),
      cause("b", "2", 10, A),
    ];
    const [group] = groupRecurring(causes, 0.5);
    expect(group).toMatchObject({ cameBackAfterDone: false, cameBackIn: null, actionsDone: 1 });
  });

  it("ignores causes within one incident and answers nothing without similar causes", () => {
    expect(groupRecurring([cause("a", "1", 1, A), cause("b", "1", 1, A)], 0.5)).toEqual([]);
    expect(groupRecurring([cause("a", "1", 1, A), cause("z", "2", 2, Z)], 0.5)).toEqual([]);
    expect(groupRecurring([], 0.5)).toEqual([]);
  });

  it("lists causes that came back despite a fix first, then the most frequent", () => {
    const causes = [
      cause("x1", "1", 1, A),
      cause("x2", "2", 2, A),
      cause("x3", "3", 3, A),
      cause("y1", "4", 1, Z, { actionsDone: 1, firstDoneAt: new Date(Date.UTC(2026, 0, 2)) }),
      cause("y2", "5", 9, Z),
    ];
    expect(groupRecurring(causes, 0.5).map((g) => g.statement)).toEqual([
      "statement y1",
      "statement x1",
    ]);
  });
});

describe("recurringFromJson (what the grouping thread runs)", () => {
  it("parses the statement's root cause rows and answers the groups and what was compared", () => {
    const at = (day: number) => Date.UTC(2026, 0, day);
    const tuples: PeriodRootCauseTuple[] = [
      [
        "n3",
        "The connection pool was too small again",
        null,
        "i3",
        3,
        "Checkout down again",
        at(20),
        0,
        1,
        null,
      ],
      [
        "n2",
        "The connection pool was too small",
        null,
        "i2",
        2,
        "Checkout down",
        at(10),
        1,
        0,
        at(12),
      ],
      [null, null, null, "i1", 1, "No tree yet", at(1), 0, 0, null],
    ];
    const result = recurringFromJson(JSON.stringify(tuples), 10, 0.5);
    expect(result.compared).toEqual({ causes: 2, incidents: 3, limited: false });
    expect(result.groups).toHaveLength(1);
    expect(result.groups[0]).toMatchObject({
      statement: "The connection pool was too small",
      cameBackAfterDone: true,
      cameBackIn: "INC-3",
      actionsDone: 1,
      actionsOpen: 1,
    });
    expect(result.groups[0]!.incidents.map((i) => i.incidentTitle)).toEqual([
      "Checkout down",
      "Checkout down again",
    ]);
    expect(result.groups).toEqual(groupRecurring(periodRootCauses(tuples, 10).causes, 0.5));
    // The newest two incidents only: the period had more.
    expect(recurringFromJson(JSON.stringify(tuples), 2, 0.5).compared).toEqual({
      causes: 2,
      incidents: 2,
      limited: true,
    });
  });
});
