import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/mutations";
import { db } from "@/lib/db";
import { slugify } from "./schema";

/** Creates a team with the creator as its owner. */
export async function createTeam(userId: string, name: string) {
  const slug = `${slugify(name)}-${randomBytes(3).toString("hex")}`;
  return db.$transaction(async (tx) => {
    const team = await tx.team.create({ data: { name, slug, memberships: { create: { userId, role: "OWNER" } } } });
    await recordAudit(tx, { teamId: team.id, actorId: userId, action: "team.create", entityType: "Team", entityId: team.id, data: { name } });
    return team;
  });
}
