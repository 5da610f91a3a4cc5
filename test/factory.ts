// Fixture factory for integration tests: users, teams and incidents straight in the database.
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Role } from "@/lib/generated/prisma/client";

export const testDb = new PrismaClient({
  adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
});

const unique = () => randomUUID().slice(0, 8);

export async function createUser(name = "Test User") {
  return testDb.user.create({
    data: { email: `${name.toLowerCase().replace(/\W+/g, ".")}.${unique()}@example.test`, name },
  });
}

/** A team with an owner, an editor and a viewer. */
export async function createTeamWithMembers(name = "Team") {
  const [owner, editor, viewer] = await Promise.all([
    createUser(`${name} Owner`),
    createUser(`${name} Editor`),
    createUser(`${name} Viewer`),
  ]);
  const team = await testDb.team.create({
    data: {
      name,
      slug: `${name.toLowerCase().replace(/\W+/g, "-")}-${unique()}`,
      memberships: {
        create: [
          { userId: owner.id, role: "OWNER" as Role },
          { userId: editor.id, role: "EDITOR" as Role },
          { userId: viewer.id, role: "VIEWER" as Role },
        ],
      },
    },
  });
  return { team, owner, editor, viewer };
}

export async function createIncident(
  teamId: string,
  createdById: string,
  overrides: Partial<{
    title: string;
    startedAt: Date;
    status: "INVESTIGATING" | "RESOLVED";
    customerImpact: string;
  }> = {},
) {
  const team = await testDb.team.update({
    where: { id: teamId },
    data: { incidentSeq: { increment: 1 } },
  });
  return testDb.incident.create({
    data: {
      teamId,
      number: team.incidentSeq,
      title: overrides.title ?? "Checkout errors",
      severity: "SEV2",
      status: overrides.status ?? "INVESTIGATING",
      startedAt: overrides.startedAt ?? new Date("2026-01-10T14:00:00Z"),
      customerImpact: overrides.customerImpact ?? "Some checkouts failed.",
      services: ["checkout"],
      tags: [],
      createdById,
    },
  });
}
