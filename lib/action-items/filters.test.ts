import { describe, expect, it } from "vitest";
import {
  filterHref,
  isOverdue,
  matchesActionFilters,
  parseActionFilters,
  type FilterableItem,
} from "./filters";

const now = new Date("2026-03-10T15:00:00Z");
const day = (d: string) => new Date(`${d}T00:00:00Z`);

describe("isOverdue", () => {
  it.each([
    ["due yesterday, open", day("2026-03-09"), "OPEN", true],
    ["due yesterday, in progress", day("2026-03-09"), "IN_PROGRESS", true],
    ["due today", day("2026-03-10"), "OPEN", false],
    ["due tomorrow", day("2026-03-11"), "OPEN", false],
    ["done late", day("2026-01-01"), "DONE", false],
    ["won't do", day("2026-01-01"), "WONT_DO", false],
    ["no due date", null, "OPEN", false],
  ] as const)("%s → %s", (_n, dueDate, status, expected) => {
    expect(isOverdue({ dueDate, status }, now)).toBe(expected);
  });

  it("accepts ISO day strings from snapshots", () => {
    expect(isOverdue({ dueDate: "2026-03-09", status: "OPEN" }, now)).toBe(true);
  });
});

describe("parseActionFilters", () => {
  it("defaults to active items", () => {
    expect(parseActionFilters({})).toEqual({
      mine: false,
      overdue: false,
      incident: undefined,
      owner: undefined,
      status: "ACTIVE",
    });
  });

  it("reads every filter and ignores junk", () => {
    expect(
      parseActionFilters({
        mine: "1",
        overdue: "true",
        incident: "inc1",
        owner: "u1",
        status: "DONE",
      }),
    ).toMatchObject({ mine: true, overdue: true, incident: "inc1", owner: "u1", status: "DONE" });
    expect(parseActionFilters({ status: "BOGUS", mine: ["1", "0"] })).toMatchObject({
      status: "ACTIVE",
      mine: true,
    });
    expect(parseActionFilters({ incident: "x".repeat(500) }).incident).toBeUndefined();
  });
});

describe("matchesActionFilters", () => {
  const items: (FilterableItem & { name: string })[] = [
    {
      name: "mine overdue",
      ownerId: "me",
      incidentId: "i1",
      status: "OPEN",
      dueDate: day("2026-03-01"),
    },
    {
      name: "mine done",
      ownerId: "me",
      incidentId: "i1",
      status: "DONE",
      dueDate: day("2026-03-01"),
    },
    {
      name: "theirs",
      ownerId: "them",
      incidentId: "i2",
      status: "IN_PROGRESS",
      dueDate: day("2026-04-01"),
    },
    { name: "unowned", ownerId: null, incidentId: "i2", status: "WONT_DO", dueDate: null },
  ];
  const run = (params: Record<string, string>) =>
    items
      .filter((i) => matchesActionFilters(i, parseActionFilters(params), "me", now))
      .map((i) => i.name);

  it.each([
    [{}, ["mine overdue", "theirs"]],
    [{ status: "ALL" }, ["mine overdue", "mine done", "theirs", "unowned"]],
    [{ mine: "1", status: "ALL" }, ["mine overdue", "mine done"]],
    [{ overdue: "1" }, ["mine overdue"]],
    [{ incident: "i2", status: "ALL" }, ["theirs", "unowned"]],
    [{ owner: "them" }, ["theirs"]],
    [{ owner: "none", status: "ALL" }, ["unowned"]],
    [{ status: "DONE" }, ["mine done"]],
  ])("%o → %o", (params, expected) => expect(run(params)).toEqual(expected));
});

describe("filterHref", () => {
  it("keeps other filters and drops defaults", () => {
    const f = parseActionFilters({ mine: "1", status: "DONE" });
    expect(filterHref(f, { overdue: true })).toBe("/actions?mine=1&overdue=1&status=DONE");
    expect(filterHref(f, { mine: false, status: "ACTIVE" })).toBe("/actions");
  });
});
