// Tenancy as a type: team data functions take a TeamScope, which only authorization gates
// mint. The @ts-expect-error lines are the test that a bare team id string does not compile
// (`npm run typecheck` fails if one ever does); the source scan below finds any exported
// data or mutation function that still accepts a team id string, so a new one fails CI.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import type { changeActionStatus } from "@/lib/action-items/mutations";
import type { listActionItems } from "@/lib/action-items/data";
import type { findLinkedMember } from "@/lib/chatops/data";
import type { getIncident, listIncidents } from "@/lib/incidents/data";
import type { createIncident } from "@/lib/incidents/mutations";
import type { getReportWorkspace, listTemplates, listVersions } from "@/lib/reports/data";
import type { ensureReport, saveNarrative } from "@/lib/reports/mutations";
import type { getSharingPolicy, listSharesForIncident } from "@/lib/sharing/data";
import type { revokeShare, updateSharingSettings } from "@/lib/sharing/mutations";
import type { listMembers, listOpenInvitations } from "@/lib/teams/data";
import type { createInvitation, removeMember, renameTeam } from "@/lib/teams/mutations";
import type { listTimeline } from "@/lib/timeline/data";
import type { createTimelineEvent } from "@/lib/timeline/mutations";
import type { getWhySession } from "@/lib/whys/data";
import type { createWhyNode } from "@/lib/whys/mutations";
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
    // @ts-expect-error a bare team id is not a scope
    scopeOnly<FirstParam<typeof listVersions>>("team-1");
    // @ts-expect-error a bare team id is not a scope
    scopeOnly<FirstParam<typeof listTemplates>>("team-1");
    // @ts-expect-error a bare team id is not a scope
    scopeOnly<FirstParam<typeof getReportWorkspace>>("team-1");
    // @ts-expect-error a bare team id is not a scope
    scopeOnly<FirstParam<typeof ensureReport>>("team-1");
    // @ts-expect-error a bare team id is not a scope
    scopeOnly<FirstParam<typeof getSharingPolicy>>("team-1");
    // @ts-expect-error a bare team id is not a scope
    scopeOnly<FirstParam<typeof listSharesForIncident>>("team-1");
    // @ts-expect-error a bare team id is not a scope
    scopeOnly<FirstParam<typeof listMembers>>("team-1");
    // @ts-expect-error a bare team id is not a scope
    scopeOnly<FirstParam<typeof listOpenInvitations>>("team-1");
    // @ts-expect-error a bare team id is not a scope
    scopeOnly<FirstParam<typeof renameTeam>>("team-1");
    // @ts-expect-error a bare team id is not a scope
    scopeOnly<FirstParam<typeof createInvitation>>("team-1");
    // @ts-expect-error a bare team id is not a scope
    scopeOnly<FirstParam<typeof removeMember>>("team-1");
    // @ts-expect-error a bare team id is not a scope
    scopeOnly<FirstParam<typeof findLinkedMember>>("team-1");
    // @ts-expect-error an object that merely looks like a scope is not one (the brand)
    const forged: TeamScope = { teamId: "team-1" };
    expect(forged).toBeDefined();
  });

  it("is what every mutation's actor carries, and a team id string is not one", () => {
    const actorOf = <T>(value: T) => value;
    const scope = mintTeamScope("team-1");
    actorOf<FirstParam<typeof createWhyNode>>({ scope, userId: "u" });
    // @ts-expect-error an actor names its team by scope, not by id
    actorOf<FirstParam<typeof createWhyNode>>({ teamId: "team-1", userId: "u" });
    // @ts-expect-error an actor names its team by scope, not by id
    actorOf<FirstParam<typeof changeActionStatus>>({ teamId: "team-1", userId: "u" });
    // @ts-expect-error an actor names its team by scope, not by id
    actorOf<FirstParam<typeof saveNarrative>>({ teamId: "team-1", userId: "u", role: "OWNER" });
    const user = { id: "u", email: "u@example.com", name: null };
    actorOf<FirstParam<typeof createIncident>>({ user, scope });
    const byTeamRecord = { user, team: { id: "t", name: "T", slug: "t" } };
    // @ts-expect-error an actor names its team by scope, not by a team record
    actorOf<FirstParam<typeof createIncident>>(byTeamRecord);
    // @ts-expect-error an actor names its team by scope, not by a team record
    actorOf<FirstParam<typeof createTimelineEvent>>(byTeamRecord);
    const byId = { teamId: "t", incidentId: "i", shareId: "s", actorId: "u", now: new Date() };
    // @ts-expect-error a sharing write names its team by scope
    actorOf<FirstParam<typeof revokeShare>>(byId);
    // @ts-expect-error a sharing write names its team by scope
    actorOf<FirstParam<typeof updateSharingSettings>>({ ...byId, input: {} });
  });

  it("carries the team id, frozen", () => {
    const scope = mintTeamScope("team-1");
    expect(scope.teamId).toBe("team-1");
    expect(Object.isFrozen(scope)).toBe(true);
  });
});

// ---- Source scan: no exported data/mutation function takes a team id string. ----

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Exceptions, each with its reason. Functions whose first parameter is a transaction or client
 * (`tx`, `client`) are helpers called inside a write that already holds a scope; they are not
 * listed here.
 */
const ALLOWED: Record<string, string> = {
  "lib/teams/data.ts isMember":
    "the membership gate for a team id the user names (switching teams, an invitation's team)",
  "lib/sharing/mutations.ts recordShareView":
    "an anonymous share-link view: the team is the share's own, found by its token",
  "lib/sharing/mutations.ts recordViews":
    "share-link and portal views in bulk: each team is the share's or the granted version's own",
};

function dataAndMutationFiles(): string[] {
  const lib = path.join(ROOT, "lib");
  return readdirSync(lib, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== "generated")
    .flatMap((d) => ["data.ts", "mutations.ts"].map((f) => path.join("lib", d.name, f)))
    .filter((rel) => {
      try {
        readFileSync(path.join(ROOT, rel));
        return true;
      } catch {
        return false;
      }
    });
}

/** Whether a parameter is, or is an object type holding, a `teamId` string. */
function takesTeamIdString(param: ts.ParameterDeclaration): boolean {
  if (ts.isIdentifier(param.name) && /^teamId$/i.test(param.name.text)) return true;
  const type = param.type;
  if (type && ts.isTypeLiteralNode(type))
    return type.members.some(
      (m) =>
        ts.isPropertySignature(m) &&
        m.name.getText() === "teamId" &&
        !!m.type &&
        m.type.kind === ts.SyntaxKind.StringKeyword,
    );
  return false;
}

function offenders(rel: string): string[] {
  const text = readFileSync(path.join(ROOT, rel), "utf8");
  const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const check = (name: string, params: ts.NodeArray<ts.ParameterDeclaration>) => {
    const first = params[0]?.name.getText();
    if (first === "tx" || first === "client") return;
    if (params.some(takesTeamIdString)) found.push(`${rel} ${name}`);
  };
  for (const st of sf.statements) {
    const exported = ts
      .getModifiers(st as ts.HasModifiers)
      ?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(st) && st.name) check(st.name.text, st.parameters);
    if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations)
        if (
          d.initializer &&
          (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))
        )
          check(d.name.getText(), d.initializer.parameters);
  }
  return found;
}

describe("tenancy scan", () => {
  const files = dataAndMutationFiles();

  it("finds the data and mutation modules", () => {
    expect(files).toEqual(
      expect.arrayContaining(["lib/teams/data.ts", "lib/reports/mutations.ts"]),
    );
    expect(files.length).toBeGreaterThan(15);
  });

  it("no exported data or mutation function takes a team id string (use TeamScope)", () => {
    const found = files.flatMap(offenders).filter((k) => !(k in ALLOWED));
    expect(found).toEqual([]);
  });

  it("would catch one: the scan flags a team id parameter and a { teamId: string } argument", () => {
    const probe = (src: string) => {
      const sf = ts.createSourceFile("x.ts", src, ts.ScriptTarget.Latest, true);
      const fn = sf.statements[0] as ts.FunctionDeclaration;
      return fn.parameters.some(takesTeamIdString);
    };
    expect(probe("export function f(teamId: string) {}")).toBe(true);
    expect(probe("export function f(args: { teamId: string; id: string }) {}")).toBe(true);
    expect(probe("export function f(scope: TeamScope, id: string) {}")).toBe(false);
  });

  it("every allowed exception still exists (stale entries are removed)", () => {
    const all = new Set(
      files.flatMap((rel) => {
        const sf = ts.createSourceFile(
          rel,
          readFileSync(path.join(ROOT, rel), "utf8"),
          ts.ScriptTarget.Latest,
          true,
        );
        return sf.statements.flatMap((st) =>
          ts.isFunctionDeclaration(st) && st.name ? [`${rel} ${st.name.text}`] : [],
        );
      }),
    );
    for (const key of Object.keys(ALLOWED)) expect(all.has(key), key).toBe(true);
  });
});
