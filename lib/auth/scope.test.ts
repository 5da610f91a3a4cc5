// Tenancy as a type: team data functions take a TeamScope, which only authorization gates
// mint. The @ts-expect-error lines are the test: `npm run typecheck` fails if passing a bare
// team id string ever compiles again.
import { describe, expect, it } from "vitest";
import type { listActionItems } from "@/lib/action-items/data";
import type { getIncident, listIncidents } from "@/lib/incidents/data";
import type { listTimeline } from "@/lib/timeline/data";
import type { getWhySession } from "@/lib/whys/data";
import { mintTeamScope, type TeamScope } from "./scope";

type FirstParam<F> = F extends (first: infer P, ...rest: never[]) => unknown ? P : never;

describe("TeamScope", () => {
  it("is what team data functions take, and a string is not one", () => {
    const scopeOnly = <T>(value: T) => value;
    scopeOnly<FirstParam<typeof listTimeline>>(mintTeamScope("team-1"));
    // @ts-expect-error a bare team id is not a scope
    scopeOnly<FirstParam<typeof listTimeline>>("team-1");
    // @ts-expect-error a bare team id is not a scope
    scopeOnly<FirstParam<typeof getIncident>>("team-1");
    // @ts-expect-error a bare team id is not a scope
    scopeOnly<FirstParam<typeof listIncidents>>("team-1");
    // @ts-expect-error a bare team id is not a scope
    scopeOnly<FirstParam<typeof listActionItems>>("team-1");
    // @ts-expect-error a bare team id is not a scope
    scopeOnly<FirstParam<typeof getWhySession>>("team-1");
    // @ts-expect-error an object that merely looks like a scope is not one (the brand)
    const forged: TeamScope = { teamId: "team-1" };
    expect(forged).toBeDefined();
  });

  it("carries the team id, frozen", () => {
    const scope = mintTeamScope("team-1");
    expect(scope.teamId).toBe("team-1");
    expect(Object.isFrozen(scope)).toBe(true);
  });
});
