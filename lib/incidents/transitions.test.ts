import { describe, expect, it } from "vitest";
import { STATUSES, type IncidentStatus } from "./constants";
import { checkTransition, nextStatuses } from "./transitions";

const resolved = { resolvedAt: new Date("2026-01-10T15:00:00Z") };
const open = { resolvedAt: null };

// from → to → allowed? (with the times a sensible user would set for the target)
const table: [IncidentStatus, IncidentStatus, boolean][] = [
  ["INVESTIGATING", "IDENTIFIED", true],
  ["INVESTIGATING", "MONITORING", true],
  ["INVESTIGATING", "RESOLVED", true],
  ["INVESTIGATING", "CLOSED", false],
  ["IDENTIFIED", "INVESTIGATING", true],
  ["IDENTIFIED", "MONITORING", true],
  ["IDENTIFIED", "RESOLVED", true],
  ["IDENTIFIED", "CLOSED", false],
  ["MONITORING", "INVESTIGATING", true],
  ["MONITORING", "IDENTIFIED", true],
  ["MONITORING", "RESOLVED", true],
  ["MONITORING", "CLOSED", false],
  ["RESOLVED", "INVESTIGATING", true],
  ["RESOLVED", "IDENTIFIED", false],
  ["RESOLVED", "MONITORING", false],
  ["RESOLVED", "CLOSED", true],
  ["CLOSED", "INVESTIGATING", false],
  ["CLOSED", "RESOLVED", false],
  ["CLOSED", "MONITORING", false],
];

describe("status transitions", () => {
  it.each(table)("%s → %s allowed: %s", (from, to, ok) => {
    const times = to === "RESOLVED" || to === "CLOSED" ? resolved : open;
    expect(checkTransition(from, to, times).ok).toBe(ok);
  });

  it("keeping the same status is always fine", () => {
    for (const s of STATUSES)
      expect(checkTransition(s, s, s === "RESOLVED" || s === "CLOSED" ? resolved : open).ok).toBe(
        true,
      );
  });

  it("resolving needs a resolved time, reported on that field", () => {
    expect(checkTransition("MONITORING", "RESOLVED", open)).toEqual({
      ok: false,
      field: "resolvedAt",
      message: expect.stringMatching(/resolved time/),
    });
  });

  it("an open status with a resolved time is refused", () => {
    expect(checkTransition("RESOLVED", "INVESTIGATING", resolved)).toMatchObject({
      ok: false,
      field: "resolvedAt",
    });
  });

  it("says why closing early is refused", () => {
    expect(checkTransition("INVESTIGATING", "CLOSED", resolved)).toMatchObject({
      ok: false,
      field: "status",
      message: "Only a resolved incident can be closed.",
    });
    expect(checkTransition("CLOSED", "RESOLVED", resolved)).toMatchObject({
      message: "A closed incident cannot change status.",
    });
  });

  it("a new incident may start in any status but closed", () => {
    expect(checkTransition(null, "INVESTIGATING", open).ok).toBe(true);
    expect(checkTransition(null, "RESOLVED", resolved).ok).toBe(true);
    expect(checkTransition(null, "CLOSED", resolved).ok).toBe(false);
  });

  it("offers the current status first, then the allowed ones", () => {
    expect(nextStatuses("RESOLVED")).toEqual(["RESOLVED", "INVESTIGATING", "CLOSED"]);
    expect(nextStatuses("CLOSED")).toEqual(["CLOSED"]);
  });
});
