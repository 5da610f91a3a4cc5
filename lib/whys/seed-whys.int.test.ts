import { expect, it } from "vitest";
import { mintTeamScope } from "@/lib/auth/scope";
import { seedDemoWhys } from "@/prisma/seed-whys";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { getWhyTree } from "./data";
import { summarize } from "./quality";

it("seeds a demo tree with three root causes and timeline evidence, once", async () => {
  const { team, owner } = await createTeamWithMembers("Seed");
  const incident = await createIncident(team.id, owner.id);
  await testDb.timelineEvent.create({
    data: {
      incidentId: incident.id,
      occurredAt: new Date(),
      kind: "ALERT",
      body: "Kapacitor: checkout-api 5xx rate above 5% for 2 minutes",
    },
  });
  await seedDemoWhys(testDb, incident.id);
  await seedDemoWhys(testDb, incident.id);
  const tree = await getWhyTree(mintTeamScope(team.id), incident.id);
  expect(tree.nodes).toHaveLength(10);
  expect(summarize(tree.roots)).toMatchObject({
    branches: 3,
    branchesWithRootCause: 3,
    rootCauses: 3,
  });
  expect(
    await testDb.whyNodeEvidence.count({
      where: { node: { incidentId: incident.id }, timelineEventId: { not: null } },
    }),
  ).toBe(1);
});
