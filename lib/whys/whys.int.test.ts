import pg from "pg";
import { mintTeamScope } from "@/lib/auth/scope";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "@/test/session";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import {
  addEvidenceLinkAction,
  citeTimelineEventAction,
  createWhyNodeAction,
  deleteWhyNodeAction,
  moveWhyNodeAction,
  removeEvidenceAction,
  reorderWhyNodeAction,
  restoreWhyNodesAction,
  setWhyRootCauseAction,
  updateProblemStatementAction,
  updateWhyStatementAction,
} from "./actions";
import { getWhyTree } from "./data";

type Fixture = Awaited<ReturnType<typeof createTeamWithMembers>>;
let a: Fixture;
let b: Fixture;
let incidentId: string;
let otherIncidentId: string;
let otherTeamIncidentId: string;

async function node(statement: string, parentId: string | null = null, incident = incidentId) {
  const position = await testDb.whyNode.count({ where: { incidentId: incident, parentId } });
  return testDb.whyNode.create({ data: { incidentId: incident, parentId, statement, position } });
}

const snapshot = () => testDb.whyNode.findMany({ where: { incidentId }, orderBy: { id: "asc" } });

beforeAll(async () => {
  a = await createTeamWithMembers("Whys A");
  b = await createTeamWithMembers("Whys B");
});

beforeEach(async () => {
  incidentId = (
    await createIncident(a.team.id, a.owner.id, {
      customerImpact: "Customers could not check out for 40 minutes.",
    })
  ).id;
  otherIncidentId = (await createIncident(a.team.id, a.owner.id)).id;
  otherTeamIncidentId = (await createIncident(b.team.id, b.owner.id)).id;
  signInAs(a.editor.id, a.team.id);
});

describe("authorization", () => {
  // Each case builds the input for one action against a fresh node of team A.
  const cases: [
    string,
    (nodeId: string, version: number) => Promise<{ ok: boolean; message?: string }>,
  ][] = [
    [
      "create",
      () =>
        createWhyNodeAction({ incidentId, parentId: null, statement: "Pool exhausted under load" }),
    ],
    [
      "update",
      (nodeId, version) =>
        updateWhyStatementAction({ incidentId, nodeId, version, statement: "Changed" }),
    ],
    [
      "root cause",
      (nodeId, version) =>
        setWhyRootCauseAction({
          incidentId,
          nodeId,
          version,
          isRootCause: true,
          category: "PROCESS",
        }),
    ],
    ["move", (nodeId) => moveWhyNodeAction({ incidentId, nodeId, newParentId: null })],
    ["reorder", (nodeId) => reorderWhyNodeAction({ incidentId, nodeId, direction: "down" })],
    ["delete", (nodeId) => deleteWhyNodeAction({ incidentId, nodeId })],
    ["restore", () => restoreWhyNodesAction({ incidentId, deletionId: "nothing" })],
    [
      "cite link",
      (nodeId) => addEvidenceLinkAction({ incidentId, nodeId, url: "https://example.com/graph" }),
    ],
    [
      "cite event",
      (nodeId) => citeTimelineEventAction({ incidentId, nodeId, timelineEventId: "x" }),
    ],
    ["uncite", () => removeEvidenceAction({ incidentId, evidenceId: "x" })],
    [
      "problem",
      () =>
        updateProblemStatementAction({
          incidentId,
          problem: "New problem",
          basedOn: "Customers could not check out for 40 minutes.",
        }),
    ],
  ];

  it.each(cases)("%s: a viewer is refused and nothing changes", async (_name, act) => {
    const n = await node("Viewer cannot touch this");
    const before = await snapshot();
    signInAs(a.viewer.id, a.team.id);
    const result = await act(n.id, n.version);
    expect(result).toMatchObject({ ok: false, message: "You do not have permission to do that." });
    expect(await snapshot()).toEqual(before);
  });

  it.each(cases)("%s: another team gets not found", async (_name, act) => {
    const n = await node("Team B cannot see this");
    const before = await snapshot();
    signInAs(b.owner.id, b.team.id);
    const result = await act(n.id, n.version);
    expect(result).toMatchObject({ ok: false, message: "Incident not found." });
    expect(await snapshot()).toEqual(before);
  });

  it.each(cases)("%s: signed out is refused", async (_name, act) => {
    const n = await node("Nobody signed in");
    signInAs(null);
    const result = await act(n.id, n.version);
    expect(result).toMatchObject({ ok: false, message: "Your session has ended. Sign in again." });
  });

  it("a node of another team's incident cannot be edited through one's own incident", async () => {
    const foreign = await node("Team B's cause", null, otherTeamIncidentId);
    const result = await updateWhyStatementAction({
      incidentId,
      nodeId: foreign.id,
      version: 1,
      statement: "Hijacked",
    });
    expect(result).toMatchObject({ ok: false, message: "Cause not found." });
    expect((await testDb.whyNode.findUniqueOrThrow({ where: { id: foreign.id } })).statement).toBe(
      "Team B's cause",
    );
  });
});

describe("building the tree", () => {
  it("adds children, siblings after a node, and records audit events with the incident", async () => {
    const top = await createWhyNodeAction({
      incidentId,
      parentId: null,
      statement: "Checkout API returned 502s",
    });
    expect(top).toMatchObject({ ok: true, message: "Cause added." });
    const topId = top.ok ? top.data!.nodeId! : "";
    const first = await createWhyNodeAction({
      incidentId,
      parentId: topId,
      statement: "Connection pool exhausted",
    });
    const third = await createWhyNodeAction({
      incidentId,
      parentId: topId,
      statement: "Retries amplified load",
    });
    const firstId = first.ok ? first.data!.nodeId! : "";
    const second = await createWhyNodeAction({
      incidentId,
      parentId: topId,
      afterId: firstId,
      statement: "Failover took 4 minutes",
    });
    expect(third.ok && second.ok).toBe(true);
    const tree = await getWhyTree(mintTeamScope(a.team.id), incidentId);
    expect(tree.problem).toBe("Customers could not check out for 40 minutes.");
    expect(tree.roots[0].children.map((c) => c.statement)).toEqual([
      "Connection pool exhausted",
      "Failover took 4 minutes",
      "Retries amplified load",
    ]);
    const audits = await testDb.auditEvent.findMany({
      where: { incidentId, action: "why_node.create" },
    });
    expect(audits).toHaveLength(4);
    expect(audits.every((e) => e.actorId === a.editor.id && e.teamId === a.team.id)).toBe(true);
    // The returned session is what the editor shows right away.
    expect(second.ok && second.data!.session.nodes).toHaveLength(4);
  });

  it.each([
    ["", "Write the cause: a statement cannot be empty."],
    ["    ", "Write the cause: a statement cannot be empty."],
    [
      "x".repeat(501),
      "Keep a cause under 500 characters (split it into several causes if needed).",
    ],
  ])("refuses the statement %j with a field message", async (statement, message) => {
    const result = await createWhyNodeAction({ incidentId, parentId: null, statement });
    expect(result).toMatchObject({ ok: false, fieldErrors: { statement: [message] } });
    expect(await testDb.whyNode.count({ where: { incidentId } })).toBe(0);
  });

  it("refuses a parent from another incident", async () => {
    const foreign = await node("Other incident's cause", null, otherIncidentId);
    const result = await createWhyNodeAction({
      incidentId,
      parentId: foreign.id,
      statement: "Sneaky child",
    });
    expect(result.ok).toBe(false);
    expect(result.ok || result.message).toMatch(/not part of this incident/);
    expect(await testDb.whyNode.count({ where: { incidentId } })).toBe(0);
  });

  it("edits the problem statement and refuses a stale edit with the other text", async () => {
    const first = await updateProblemStatementAction({
      incidentId,
      problem: "Checkout failed for 40 minutes",
      basedOn: "Customers could not check out for 40 minutes.",
    });
    expect(first.ok).toBe(true);
    const stale = await updateProblemStatementAction({
      incidentId,
      problem: "Mine",
      basedOn: "Customers could not check out for 40 minutes.",
    });
    expect(stale).toMatchObject({
      ok: false,
      conflict: { current: { problem: "Checkout failed for 40 minutes" } },
    });
    expect(
      (await testDb.incident.findUniqueOrThrow({ where: { id: incidentId } })).problemStatement,
    ).toBe("Checkout failed for 40 minutes");
  });
});

describe("root causes", () => {
  it("marks with a category, requires one, and unmarks", async () => {
    const n = await node("Runbook has no drain step");
    expect(
      await setWhyRootCauseAction({ incidentId, nodeId: n.id, version: 1, isRootCause: true }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { category: ["Choose a category for the root cause."] },
    });
    expect(
      await setWhyRootCauseAction({
        incidentId,
        nodeId: n.id,
        version: 1,
        isRootCause: true,
        category: "NONSENSE",
      }),
    ).toMatchObject({ ok: false });
    expect(
      await setWhyRootCauseAction({
        incidentId,
        nodeId: n.id,
        version: 1,
        isRootCause: true,
        category: "PROCESS",
      }),
    ).toMatchObject({ ok: true });
    expect(await testDb.whyNode.findUniqueOrThrow({ where: { id: n.id } })).toMatchObject({
      isRootCause: true,
      category: "PROCESS",
      version: 2,
    });
    expect(
      await setWhyRootCauseAction({ incidentId, nodeId: n.id, version: 2, isRootCause: false }),
    ).toMatchObject({ ok: true });
    expect(await testDb.whyNode.findUniqueOrThrow({ where: { id: n.id } })).toMatchObject({
      isRootCause: false,
      category: null,
    });
  });
});

describe("concurrent edits", () => {
  it("refuses the second edit of the same version and shows the other person's text", async () => {
    const n = await node("Original text");
    signInAs(a.owner.id, a.team.id);
    const first = await updateWhyStatementAction({
      incidentId,
      nodeId: n.id,
      version: 1,
      statement: "Owner's wording of the cause",
    });
    expect(first.ok).toBe(true);
    signInAs(a.editor.id, a.team.id);
    const second = await updateWhyStatementAction({
      incidentId,
      nodeId: n.id,
      version: 1,
      statement: "Editor's wording",
    });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.message).toContain('It now reads: "Owner\'s wording of the cause"');
    expect(second.message).toContain("Whys A Owner changed this cause");
    expect(second.conflict?.current).toMatchObject({
      statement: "Owner's wording of the cause",
      version: 2,
    });
    expect((await testDb.whyNode.findUniqueOrThrow({ where: { id: n.id } })).statement).toBe(
      "Owner's wording of the cause",
    );
    // Saving again on top of the version they now saw is an explicit, allowed overwrite.
    expect(
      await updateWhyStatementAction({
        incidentId,
        nodeId: n.id,
        version: 2,
        statement: "Editor's wording",
      }),
    ).toMatchObject({ ok: true });
  });

  it("refuses a stale root-cause change", async () => {
    const n = await node("Cause");
    await updateWhyStatementAction({
      incidentId,
      nodeId: n.id,
      version: 1,
      statement: "Cause, reworded",
    });
    const stale = await setWhyRootCauseAction({
      incidentId,
      nodeId: n.id,
      version: 1,
      isRootCause: true,
      category: "TOOLING",
    });
    expect(stale).toMatchObject({
      ok: false,
      conflict: { current: { statement: "Cause, reworded" } },
    });
    expect((await testDb.whyNode.findUniqueOrThrow({ where: { id: n.id } })).isRootCause).toBe(
      false,
    );
  });
});

describe("moving and reordering", () => {
  it("moves a subtree under another parent", async () => {
    const x = await node("X");
    const y = await node("Y");
    const x1 = await node("X1", x.id);
    const result = await moveWhyNodeAction({ incidentId, nodeId: x1.id, newParentId: y.id });
    expect(result).toMatchObject({ ok: true, message: "Cause moved." });
    expect((await testDb.whyNode.findUniqueOrThrow({ where: { id: x1.id } })).parentId).toBe(y.id);
  });

  it.each(["self", "child", "grandchild"])(
    "refuses a cycle (under its %s) and changes nothing",
    async (which) => {
      const top = await node("Top");
      const child = await node("Child", top.id);
      const grandchild = await node("Grandchild", child.id);
      const target = { self: top, child, grandchild }[which as "self" | "child" | "grandchild"];
      const before = await snapshot();
      const result = await moveWhyNodeAction({
        incidentId,
        nodeId: top.id,
        newParentId: target.id,
      });
      expect(result).toMatchObject({
        ok: false,
        message: "A cause cannot move under itself or under one of its own causes.",
      });
      expect(await snapshot()).toEqual(before);
    },
  );

  it("refuses moving under a node of another incident or team", async () => {
    const mine = await node("Mine");
    const sameTeam = await node("Same team, other incident", null, otherIncidentId);
    const otherTeam = await node("Other team", null, otherTeamIncidentId);
    const before = await snapshot();
    for (const target of [sameTeam, otherTeam]) {
      const result = await moveWhyNodeAction({
        incidentId,
        nodeId: mine.id,
        newParentId: target.id,
      });
      expect(result).toMatchObject({
        ok: false,
        message: "The new parent is not part of this incident's 5 Whys tree.",
      });
    }
    // Moving another incident's node through this incident is not found either.
    expect(
      await moveWhyNodeAction({ incidentId, nodeId: sameTeam.id, newParentId: null }),
    ).toMatchObject({ ok: false, message: "Cause not found." });
    expect(await snapshot()).toEqual(before);
  });

  it("reorders siblings and refuses moving past the end", async () => {
    const p = await node("Parent");
    const one = await node("One", p.id);
    const two = await node("Two", p.id);
    expect(
      await reorderWhyNodeAction({ incidentId, nodeId: two.id, direction: "up" }),
    ).toMatchObject({ ok: true });
    const tree = await getWhyTree(mintTeamScope(a.team.id), incidentId);
    expect(tree.roots[0].children.map((c) => c.id)).toEqual([two.id, one.id]);
    expect(
      await reorderWhyNodeAction({ incidentId, nodeId: two.id, direction: "up" }),
    ).toMatchObject({ ok: false, message: "This cause is already first." });
  });
});

describe("evidence", () => {
  it("cites a timeline event of the same incident and valid links only", async () => {
    const n = await node("Alert fired late");
    const event = await testDb.timelineEvent.create({
      data: { incidentId, occurredAt: new Date(), kind: "ALERT", body: "p99 latency alert" },
    });
    const foreignEvent = await testDb.timelineEvent.create({
      data: {
        incidentId: otherIncidentId,
        occurredAt: new Date(),
        kind: "ALERT",
        body: "elsewhere",
      },
    });
    expect(
      await citeTimelineEventAction({ incidentId, nodeId: n.id, timelineEventId: event.id }),
    ).toMatchObject({ ok: true });
    expect(
      await citeTimelineEventAction({ incidentId, nodeId: n.id, timelineEventId: event.id }),
    ).toMatchObject({ ok: false, message: "This cause already cites that event." });
    expect(
      await citeTimelineEventAction({ incidentId, nodeId: n.id, timelineEventId: foreignEvent.id }),
    ).toMatchObject({
      ok: false,
      message: "That timeline event is not part of this incident.",
    });
    for (const url of [
      "javascript:alert(1)",
      "ftp://files.example.com/x",
      "not a url",
      `https://example.com/${"a".repeat(2001)}`,
    ]) {
      const result = await addEvidenceLinkAction({ incidentId, nodeId: n.id, url });
      expect(result.ok, url).toBe(false);
    }
    expect(
      await addEvidenceLinkAction({
        incidentId,
        nodeId: n.id,
        url: "https://grafana.example.com/d/abc",
        label: "Latency",
      }),
    ).toMatchObject({ ok: true });
    const evidence = await testDb.whyNodeEvidence.findMany({ where: { nodeId: n.id } });
    expect(evidence).toHaveLength(2);
    const link = evidence.find((e) => e.url)!;
    expect(await removeEvidenceAction({ incidentId, evidenceId: link.id })).toMatchObject({
      ok: true,
    });
    expect(await testDb.whyNodeEvidence.count({ where: { nodeId: n.id } })).toBe(1);
  });
});

describe("delete and undo", () => {
  it("deletes a subtree and restores it with the same ids, evidence and countermeasure links", async () => {
    const top = await node("Top");
    const mid = await node("Mid", top.id);
    const leaf = await node("Leaf", mid.id);
    const sibling = await node("Sibling", top.id);
    await testDb.whyNode.update({
      where: { id: leaf.id },
      data: { isRootCause: true, category: "TESTING" },
    });
    const event = await testDb.timelineEvent.create({
      data: { incidentId, occurredAt: new Date(), kind: "NOTE", body: "note" },
    });
    await testDb.whyNodeEvidence.create({ data: { nodeId: leaf.id, timelineEventId: event.id } });
    await testDb.whyNodeEvidence.create({
      data: { nodeId: mid.id, url: "https://example.com/log" },
    });
    const action = await testDb.actionItem.create({
      data: { teamId: a.team.id, incidentId, whyNodeId: leaf.id, title: "Add integration test" },
    });
    const before = await snapshot();
    const evidenceBefore = await testDb.whyNodeEvidence.findMany({
      where: { node: { incidentId } },
      orderBy: { id: "asc" },
    });

    const deleted = await deleteWhyNodeAction({ incidentId, nodeId: mid.id });
    expect(deleted).toMatchObject({ ok: true, message: "Deleted 2 causes.", data: { count: 2 } });
    expect((await snapshot()).map((n) => n.id).sort()).toEqual([sibling.id, top.id].sort());
    expect(
      (await testDb.actionItem.findUniqueOrThrow({ where: { id: action.id } })).whyNodeId,
    ).toBeNull();

    const deletionId = deleted.ok ? deleted.data!.deletionId! : "";
    signInAs(b.owner.id, b.team.id);
    expect(await restoreWhyNodesAction({ incidentId, deletionId })).toMatchObject({ ok: false });
    signInAs(a.editor.id, a.team.id);
    const restored = await restoreWhyNodesAction({ incidentId, deletionId });
    expect(restored).toMatchObject({ ok: true, message: "Restored 2 causes." });
    const after = await snapshot();
    expect(
      after.map(({ id, parentId, statement, isRootCause, category }) => ({
        id,
        parentId,
        statement,
        isRootCause,
        category,
      })),
    ).toEqual(
      before.map(({ id, parentId, statement, isRootCause, category }) => ({
        id,
        parentId,
        statement,
        isRootCause,
        category,
      })),
    );
    expect(
      await testDb.whyNodeEvidence.findMany({
        where: { node: { incidentId } },
        orderBy: { id: "asc" },
      }),
    ).toEqual(evidenceBefore);
    expect(
      (await testDb.actionItem.findUniqueOrThrow({ where: { id: action.id } })).whyNodeId,
    ).toBe(leaf.id);
    expect(await restoreWhyNodesAction({ incidentId, deletionId })).toMatchObject({
      ok: false,
      message: "These causes were already restored.",
    });
    const tree = await getWhyTree(mintTeamScope(a.team.id), incidentId);
    expect(tree.roots[0].children.map((c) => c.statement)).toEqual(["Mid", "Sibling"]);
  });
});

describe("live notifications", () => {
  let listener: pg.Client;
  const received: { channel: string; payload?: string }[] = [];
  beforeAll(async () => {
    listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    listener.on("notification", (m) => received.push({ channel: m.channel, payload: m.payload }));
    await listener.query("LISTEN whys");
  });
  afterAll(() => listener.end());

  it("notifies the whys channel with the incident and its new version on commit, and not on a refused change", async () => {
    received.length = 0;
    const result = await createWhyNodeAction({
      incidentId,
      parentId: null,
      statement: "Heard by every app instance",
    });
    expect(result.ok).toBe(true);
    const version = (await testDb.incident.findUniqueOrThrow({ where: { id: incidentId } }))
      .whysVersion;
    await expect.poll(() => received.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(received.map((r) => ({ channel: r.channel, payload: JSON.parse(r.payload!) }))).toEqual([
      { channel: "whys", payload: { incidentId, version } },
    ]);

    received.length = 0;
    expect((await createWhyNodeAction({ incidentId, parentId: null, statement: "" })).ok).toBe(
      false,
    );
    expect((await moveWhyNodeAction({ incidentId, nodeId: "missing", newParentId: null })).ok).toBe(
      false,
    );
    await createWhyNodeAction({
      incidentId: otherIncidentId,
      parentId: null,
      statement: "A marker change",
    });
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(1);
    expect(JSON.parse(received[0].payload!).incidentId).toBe(otherIncidentId);
    expect(
      (await testDb.incident.findUniqueOrThrow({ where: { id: incidentId } })).whysVersion,
    ).toBe(version);
  });
});
