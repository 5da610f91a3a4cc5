// "This happened before" against real PostgreSQL: trigram similarity of titles and causes,
// the threshold, at most five, team isolation.
import { beforeAll, describe, expect, it } from "vitest";
import { mintTeamScope } from "@/lib/auth/scope";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { findSimilarIncidents } from "./similar";

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
let current: { id: string };
let byCause: { id: string };
let byTitle: { id: string };

beforeAll(async () => {
  t = await createTeamWithMembers("Similar");
  current = await createIncident(t.team.id, t.owner.id, {
    title: "Checkout API returns 502 after database failover",
  });
  await testDb.whyNode.create({
    data: {
      incidentId: current.id,
      statement: "Connection pool too small for the failover traffic",
      isRootCause: true,
    },
  });

  byCause = await createIncident(t.team.id, t.owner.id, {
    title: "Payments slow in the evening",
    startedAt: new Date("2025-11-01T10:00:00Z"),
  });
  const rc = await testDb.whyNode.create({
    data: {
      incidentId: byCause.id,
      statement: "Connection pool was too small for failover traffic",
      isRootCause: true,
    },
  });
  await testDb.actionItem.create({
    data: {
      teamId: t.team.id,
      incidentId: byCause.id,
      whyNodeId: rc.id,
      title: "Raise the pool",
      status: "DONE",
      completedAt: new Date("2025-11-05T10:00:00Z"),
    },
  });
  byTitle = await createIncident(t.team.id, t.owner.id, {
    title: "Checkout API returns 502 after failover",
    startedAt: new Date("2025-06-01T10:00:00Z"),
  });
  await createIncident(t.team.id, t.owner.id, { title: "Marketing email sent twice" });
  // Another team's identical incident is never shown.
  const other = await createTeamWithMembers("Similar other");
  const theirs = await createIncident(other.team.id, other.owner.id, {
    title: "Checkout API returns 502 after database failover",
  });
  await testDb.whyNode.create({
    data: {
      incidentId: theirs.id,
      statement: "Connection pool too small for the failover traffic",
      isRootCause: true,
    },
  });
});

describe("findSimilarIncidents", () => {
  it("finds past incidents with a similar title or root cause, with their root causes and action items", async () => {
    const similar = await findSimilarIncidents(mintTeamScope(t.team.id), current.id);
    expect(similar.map((s) => s.incidentId).sort()).toEqual([byCause.id, byTitle.id].sort());
    const cause = similar.find((s) => s.incidentId === byCause.id)!;
    expect(cause).toMatchObject({
      reason: "cause",
      matchedStatement: "Connection pool was too small for failover traffic",
      actions: { done: 1, open: 0 },
    });
    expect(cause.rootCauses.map((r) => r.statement)).toEqual([
      "Connection pool was too small for failover traffic",
    ]);
    expect(similar.find((s) => s.incidentId === byTitle.id)).toMatchObject({ reason: "title" });
    expect(similar.every((s) => s.score >= 0.35)).toBe(true);
    expect([...similar].sort((a, b) => b.score - a.score)).toEqual(similar);
  });

  it("compares the cause being typed, and stays silent for unrelated text", async () => {
    const scope = mintTeamScope(t.team.id);
    expect(
      (
        await findSimilarIncidents(scope, current.id, { text: "the connection pool is too small" })
      ).map((s) => s.incidentId),
    ).toEqual([byCause.id]);
    expect(
      await findSimilarIncidents(scope, current.id, { text: "A certificate expired on the CDN" }),
    ).toEqual([]);
  });

  it("shows at most five", async () => {
    const scope = mintTeamScope(t.team.id);
    for (let i = 0; i < 7; i++) {
      const inc = await createIncident(t.team.id, t.owner.id, { title: `Old incident ${i}` });
      await testDb.whyNode.create({
        data: {
          incidentId: inc.id,
          statement: `Connection pool too small for the failover traffic (${i})`,
          isRootCause: true,
        },
      });
    }
    expect(await findSimilarIncidents(scope, current.id)).toHaveLength(5);
  });

  it("answers nothing for another team's incident", async () => {
    const other = await createTeamWithMembers("Similar stranger");
    expect(await findSimilarIncidents(mintTeamScope(other.team.id), current.id)).toEqual([]);
  });
});
