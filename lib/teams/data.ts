import "server-only";
import { db } from "@/lib/db";

export async function isMember(userId: string, teamId: string) {
  return (await db.membership.count({ where: { userId, teamId } })) > 0;
}

export function listMyTeams(userId: string) {
  return db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, team: { select: { id: true, name: true } } },
  });
}
