// Pure permission rules: which role may do what. No I/O; unit-tested as a table.
export type Role = "OWNER" | "EDITOR" | "VIEWER";

export type Permission =
  | "incident:read"
  | "incident:write"
  | "report:write"
  | "report:publish"
  | "report:share"
  | "team:manage"
  /** Any member: leaving the team (the last owner is refused by canRemoveMember). */
  | "team:leave"
  | "template:manage";

const grants: Record<Role, ReadonlySet<Permission>> = {
  OWNER: new Set<Permission>([
    "incident:read",
    "incident:write",
    "report:write",
    "report:publish",
    "report:share",
    "team:manage",
    "team:leave",
    "template:manage",
  ]),
  EDITOR: new Set<Permission>([
    "incident:read",
    "incident:write",
    "report:write",
    "report:publish",
    "report:share",
    "team:leave",
  ]),
  VIEWER: new Set<Permission>(["incident:read", "team:leave"]),
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role ? grants[role].has(permission) : false;
}

/** Nobody changes their own role; only owners change roles; the last owner cannot be demoted. */
export function canChangeRole(args: {
  actorId: string;
  actorRole: Role;
  targetUserId: string;
  targetRole: Role;
  newRole: Role;
  ownerCount: number;
}): { ok: true } | { ok: false; reason: string } {
  if (args.actorRole !== "OWNER") return { ok: false, reason: "Only owners can change roles." };
  if (args.actorId === args.targetUserId)
    return { ok: false, reason: "You cannot change your own role." };
  if (args.targetRole === "OWNER" && args.newRole !== "OWNER" && args.ownerCount <= 1) {
    return { ok: false, reason: "A team needs at least one owner." };
  }
  return { ok: true };
}

/** Owners remove anyone but the last owner; anyone may leave unless they are the last owner. */
export function canRemoveMember(args: {
  actorId: string;
  actorRole: Role;
  targetUserId: string;
  targetRole: Role;
  ownerCount: number;
}): { ok: true } | { ok: false; reason: string } {
  const leaving = args.actorId === args.targetUserId;
  if (!leaving && args.actorRole !== "OWNER")
    return { ok: false, reason: "Only owners can remove members." };
  if (args.targetRole === "OWNER" && args.ownerCount <= 1) {
    return {
      ok: false,
      reason: leaving
        ? "You are the last owner: make someone else an owner before leaving."
        : "A team needs at least one owner.",
    };
  }
  return { ok: true };
}
