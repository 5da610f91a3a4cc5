import { describe, expect, it } from "vitest";
import { can, canChangeRole, canRemoveMember, type Permission, type Role } from "./permissions";

describe("can", () => {
  const table: [Role, Permission, boolean][] = [
    ["OWNER", "incident:read", true],
    ["OWNER", "incident:write", true],
    ["OWNER", "team:manage", true],
    ["OWNER", "template:manage", true],
    ["EDITOR", "incident:read", true],
    ["EDITOR", "incident:write", true],
    ["EDITOR", "report:publish", true],
    ["EDITOR", "team:manage", false],
    ["EDITOR", "template:manage", false],
    ["VIEWER", "incident:read", true],
    ["VIEWER", "incident:write", false],
    ["VIEWER", "report:write", false],
    ["VIEWER", "report:share", false],
    ["VIEWER", "team:manage", false],
    ["VIEWER", "team:leave", true],
    ["EDITOR", "team:leave", true],
    ["OWNER", "team:leave", true],
  ];
  it.each(table)("%s may %s: %s", (role, permission, expected) => {
    expect(can(role, permission)).toBe(expected);
  });
  it("denies a non-member", () => expect(can(null, "incident:read")).toBe(false));
});

describe("canChangeRole", () => {
  const base = {
    actorId: "a",
    actorRole: "OWNER" as Role,
    targetUserId: "b",
    targetRole: "EDITOR" as Role,
    newRole: "VIEWER" as Role,
    ownerCount: 1,
  };
  it("lets an owner change another member's role", () => expect(canChangeRole(base).ok).toBe(true));
  it("refuses a change of one's own role", () =>
    expect(canChangeRole({ ...base, targetUserId: "a" })).toEqual({
      ok: false,
      reason: "You cannot change your own role.",
    }));
  it("refuses editors", () =>
    expect(canChangeRole({ ...base, actorRole: "EDITOR" }).ok).toBe(false));
  it("refuses demoting the last owner", () =>
    expect(canChangeRole({ ...base, targetRole: "OWNER" }).ok).toBe(false));
  it("allows demoting an owner when another remains", () =>
    expect(canChangeRole({ ...base, targetRole: "OWNER", ownerCount: 2 }).ok).toBe(true));
});

describe("canRemoveMember", () => {
  const base = {
    actorId: "a",
    actorRole: "OWNER" as Role,
    targetUserId: "b",
    targetRole: "VIEWER" as Role,
    ownerCount: 1,
  };
  it("lets an owner remove a member", () => expect(canRemoveMember(base).ok).toBe(true));
  it("lets a viewer leave", () =>
    expect(canRemoveMember({ ...base, actorRole: "VIEWER", actorId: "b" }).ok).toBe(true));
  it("refuses an editor removing someone else", () =>
    expect(canRemoveMember({ ...base, actorRole: "EDITOR" }).ok).toBe(false));
  it("refuses the last owner leaving", () =>
    expect(canRemoveMember({ ...base, targetUserId: "a", targetRole: "OWNER" }).ok).toBe(false));
});
