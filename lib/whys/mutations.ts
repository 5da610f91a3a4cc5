import "server-only";
import { recordAudit } from "@/lib/audit/mutations";
import {
  parseAuditEntry,
  type AuditAction,
  type AuditData,
  type AuditEntry,
} from "@/lib/audit/schema";
import type { TeamActor } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError, RuleError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { WHYS_CHANNEL } from "@/lib/realtime/channel";
import type { z } from "zod";
import { problemOf } from "./data";
import type {
  createNodeSchema,
  deleteNodeSchema,
  eventEvidenceSchema,
  linkEvidenceSchema,
  moveNodeSchema,
  problemSchema,
  removeEvidenceSchema,
  reorderNodeSchema,
  restoreSchema,
  rootCauseSchema,
  updateStatementSchema,
} from "./schema";
import {
  checkMove,
  MAX_NODES_PER_INCIDENT,
  reorderSiblings,
  subtreeIds,
  type RootCauseCategory,
} from "./tree";

type Tx = Prisma.TransactionClient;

export type Actor = TeamActor;

/**
 * Runs one 5 Whys change in a transaction. Bumping Incident.whysVersion first locks the incident
 * row, so concurrent changes to one tree apply one after the other (two moves cannot race into
 * a cycle). The NOTIFY is transactional: listeners hear about committed changes only.
 */
async function change<T>(
  actor: Actor,
  incidentId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T & { whysVersion: number }> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ whysVersion: number }[]>`
      UPDATE "Incident" SET "whysVersion" = "whysVersion" + 1
      WHERE "id" = ${incidentId} AND "teamId" = ${actor.scope.teamId}
      RETURNING "whysVersion"`;
    if (rows.length === 0) throw new NotFoundError("Incident");
    const whysVersion = Number(rows[0].whysVersion);
    const result = await fn(tx);
    await tx.$executeRaw`SELECT pg_notify(${WHYS_CHANNEL}, ${JSON.stringify({ incidentId, version: whysVersion })})`;
    return { ...result, whysVersion };
  });
}

type WhyAction = Extract<AuditAction, `why_node.${string}`>;

function audit<A extends WhyAction>(
  tx: Tx,
  actor: Actor,
  incidentId: string,
  action: A,
  entityId: string,
  data: AuditData<A>,
) {
  // The caller's (action, data) pair is checked by AuditData<A>; TS cannot correlate the two
  // through a generic, hence the one cast.
  return recordAudit(tx, {
    teamId: actor.scope.teamId,
    actorId: actor.userId,
    entityType: "WhyNode",
    entityId,
    incidentId,
    ...({ action, data } as AuditEntry),
  });
}

async function nodeIn(tx: Tx, incidentId: string, nodeId: string, what = "Cause") {
  const node = await tx.whyNode.findFirst({ where: { id: nodeId, incidentId } });
  if (!node) throw new NotFoundError(what);
  return node;
}

/** Who last changed a node, for conflict messages ("Alice saved …"). */
async function lastEditor(tx: Tx, nodeId: string) {
  const event = await tx.auditEvent.findFirst({
    where: { entityType: "WhyNode", entityId: nodeId },
    orderBy: { createdAt: "desc" },
    select: { actor: { select: { name: true, email: true } } },
  });
  return event?.actor?.name ?? event?.actor?.email ?? "Someone";
}

async function conflict(
  tx: Tx,
  incidentId: string,
  nodeId: string,
  changed: string[],
): Promise<never> {
  const current = await nodeIn(tx, incidentId, nodeId);
  const who = await lastEditor(tx, nodeId);
  throw new ConflictError(
    {
      statement: current.statement,
      version: current.version,
      isRootCause: current.isRootCause,
      category: current.category,
      editedBy: who,
    },
    changed,
    `${who} changed this cause while you were editing. It now reads: "${current.statement}". Your text is kept in the editor: review it and save again.`,
  );
}

export async function createWhyNode(actor: Actor, input: z.infer<typeof createNodeSchema>) {
  return change(actor, input.incidentId, async (tx) => {
    const count = await tx.whyNode.count({ where: { incidentId: input.incidentId } });
    if (count >= MAX_NODES_PER_INCIDENT)
      throw new RuleError(`A tree can hold at most ${MAX_NODES_PER_INCIDENT} causes.`);
    if (input.parentId) {
      const parent = await tx.whyNode.findFirst({
        where: { id: input.parentId, incidentId: input.incidentId },
        select: { id: true },
      });
      if (!parent)
        throw new RuleError(
          "The cause you are answering is not part of this incident's tree (it may have been deleted).",
        );
    }
    let position: number;
    const after = input.afterId
      ? await tx.whyNode.findFirst({
          where: { id: input.afterId, incidentId: input.incidentId, parentId: input.parentId },
        })
      : null;
    if (after) {
      position = after.position + 1;
      await tx.whyNode.updateMany({
        where: {
          incidentId: input.incidentId,
          parentId: input.parentId,
          position: { gte: position },
        },
        data: { position: { increment: 1 } },
      });
    } else {
      const last = await tx.whyNode.aggregate({
        where: { incidentId: input.incidentId, parentId: input.parentId },
        _max: { position: true },
      });
      position = (last._max.position ?? -1) + 1;
    }
    const node = await tx.whyNode.create({
      data: {
        incidentId: input.incidentId,
        parentId: input.parentId,
        statement: input.statement,
        position,
      },
      select: { id: true },
    });
    await audit(tx, actor, input.incidentId, "why_node.create", node.id, {
      statement: input.statement,
      parentId: input.parentId,
    });
    return { nodeId: node.id };
  });
}

export async function updateWhyStatement(
  actor: Actor,
  input: z.infer<typeof updateStatementSchema>,
) {
  return change(actor, input.incidentId, async (tx) => {
    const before = await nodeIn(tx, input.incidentId, input.nodeId);
    const updated = await tx.whyNode.updateMany({
      where: { id: input.nodeId, incidentId: input.incidentId, version: input.version },
      data: { statement: input.statement, version: { increment: 1 } },
    });
    if (updated.count === 0) await conflict(tx, input.incidentId, input.nodeId, ["statement"]);
    await audit(tx, actor, input.incidentId, "why_node.update", input.nodeId, {
      from: before.statement,
      to: input.statement,
    });
    return { nodeId: input.nodeId };
  });
}

export async function setWhyRootCause(actor: Actor, input: z.infer<typeof rootCauseSchema>) {
  return change(actor, input.incidentId, async (tx) => {
    const category = input.isRootCause
      ? ((input.category as RootCauseCategory | null | undefined) ?? null)
      : null;
    const before = await nodeIn(tx, input.incidentId, input.nodeId);
    const updated = await tx.whyNode.updateMany({
      where: { id: input.nodeId, incidentId: input.incidentId, version: input.version },
      data: { isRootCause: input.isRootCause, category, version: { increment: 1 } },
    });
    if (updated.count === 0)
      await conflict(tx, input.incidentId, input.nodeId, ["isRootCause", "category"]);
    await audit(
      tx,
      actor,
      input.incidentId,
      input.isRootCause ? "why_node.mark_root_cause" : "why_node.unmark_root_cause",
      input.nodeId,
      { category, statement: before.statement },
    );
    return { nodeId: input.nodeId };
  });
}

export async function moveWhyNode(actor: Actor, input: z.infer<typeof moveNodeSchema>) {
  return change(actor, input.incidentId, async (tx) => {
    const nodes = await tx.whyNode.findMany({
      where: { incidentId: input.incidentId },
      select: { id: true, parentId: true, statement: true },
    });
    if (!nodes.some((n) => n.id === input.nodeId)) throw new NotFoundError("Cause");
    const check = checkMove(nodes, input.nodeId, input.newParentId);
    if (!check.ok) throw new RuleError(check.reason, "newParentId");
    const moved = nodes.find((n) => n.id === input.nodeId)!;
    const from = moved.parentId;
    const last = await tx.whyNode.aggregate({
      where: { incidentId: input.incidentId, parentId: input.newParentId },
      _max: { position: true },
    });
    await tx.whyNode.update({
      where: { id: input.nodeId },
      data: {
        parentId: input.newParentId,
        position: (last._max.position ?? -1) + 1,
        version: { increment: 1 },
      },
    });
    await audit(tx, actor, input.incidentId, "why_node.move", input.nodeId, {
      from,
      to: input.newParentId,
      statement: moved.statement,
    });
    return { nodeId: input.nodeId };
  });
}

export async function reorderWhyNode(actor: Actor, input: z.infer<typeof reorderNodeSchema>) {
  return change(actor, input.incidentId, async (tx) => {
    const node = await nodeIn(tx, input.incidentId, input.nodeId);
    const siblings = await tx.whyNode.findMany({
      where: { incidentId: input.incidentId, parentId: node.parentId },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true, position: true },
    });
    const order = reorderSiblings(
      siblings.map((s) => s.id),
      input.nodeId,
      input.direction,
    );
    if (!order)
      throw new RuleError(
        input.direction === "up" ? "This cause is already first." : "This cause is already last.",
      );
    // Rewrite positions as 0..n-1 so earlier ties and gaps disappear.
    for (const [index, id] of order.entries()) {
      if (siblings.find((s) => s.id === id)!.position !== index)
        await tx.whyNode.update({ where: { id }, data: { position: index } });
    }
    await audit(tx, actor, input.incidentId, "why_node.reorder", input.nodeId, {
      direction: input.direction,
    });
    return { nodeId: input.nodeId };
  });
}

/** What a deletion keeps (in its audit event) so that undo restores the same ids and evidence. */
type DeletedSubtree = AuditData<"why_node.delete">["snapshot"];

export async function deleteWhyNode(actor: Actor, input: z.infer<typeof deleteNodeSchema>) {
  return change(actor, input.incidentId, async (tx) => {
    const all = await tx.whyNode.findMany({ where: { incidentId: input.incidentId } });
    const root = all.find((n) => n.id === input.nodeId);
    if (!root) throw new NotFoundError("Cause");
    const ids = [...subtreeIds(all, input.nodeId)];
    const [evidence, actions] = await Promise.all([
      tx.whyNodeEvidence.findMany({ where: { nodeId: { in: ids } } }),
      tx.actionItem.findMany({
        where: { incidentId: input.incidentId, whyNodeId: { in: ids } },
        select: { id: true, whyNodeId: true },
      }),
    ]);
    const snapshot: DeletedSubtree = {
      nodes: all
        .filter((n) => ids.includes(n.id))
        .map((n) => ({
          id: n.id,
          parentId: n.parentId,
          statement: n.statement,
          position: n.position,
          isRootCause: n.isRootCause,
          category: n.category,
          version: n.version,
          createdAt: n.createdAt.toISOString(),
        })),
      evidence: evidence.map((e) => ({
        id: e.id,
        nodeId: e.nodeId,
        timelineEventId: e.timelineEventId,
        url: e.url,
        label: e.label,
        createdAt: e.createdAt.toISOString(),
      })),
      actionLinks: actions.map((a) => ({ actionItemId: a.id, whyNodeId: a.whyNodeId! })),
    };
    await tx.whyNode.deleteMany({ where: { id: { in: ids }, incidentId: input.incidentId } });
    await audit(tx, actor, input.incidentId, "why_node.delete", input.nodeId, {
      statement: root.statement,
      count: ids.length,
      snapshot,
    });
    const event = await tx.auditEvent.findFirstOrThrow({
      where: { incidentId: input.incidentId, entityId: input.nodeId, action: "why_node.delete" },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    return { deletionId: event.id, count: ids.length };
  });
}

/** Undo of a deletion: recreates the subtree with its ids, evidence and countermeasure links. */
export async function restoreWhyNodes(actor: Actor, input: z.infer<typeof restoreSchema>) {
  return change(actor, input.incidentId, async (tx) => {
    const event = await tx.auditEvent.findFirst({
      where: {
        id: input.deletionId,
        teamId: actor.scope.teamId,
        incidentId: input.incidentId,
        action: "why_node.delete",
      },
      select: { data: true, entityId: true },
    });
    const deletion = event ? parseAuditEntry("why_node.delete", event.data) : null;
    const snapshot = deletion?.action === "why_node.delete" ? deletion.data.snapshot : null;
    if (!event || !snapshot) throw new NotFoundError("Deleted causes");
    const ids = snapshot.nodes.map((n) => n.id);
    if ((await tx.whyNode.count({ where: { id: { in: ids } } })) > 0)
      throw new RuleError("These causes were already restored.");
    const count = await tx.whyNode.count({ where: { incidentId: input.incidentId } });
    if (count + ids.length > MAX_NODES_PER_INCIDENT)
      throw new RuleError(`A tree can hold at most ${MAX_NODES_PER_INCIDENT} causes.`);
    const top = snapshot.nodes.find((n) => n.id === event.entityId)!;
    if (
      top.parentId &&
      !(await tx.whyNode.findFirst({
        where: { id: top.parentId, incidentId: input.incidentId },
        select: { id: true },
      }))
    ) {
      throw new RuleError(
        "The cause these hung under has been deleted since. Restore that one first.",
      );
    }
    await tx.whyNode.updateMany({
      where: {
        incidentId: input.incidentId,
        parentId: top.parentId,
        position: { gte: top.position },
      },
      data: { position: { increment: 1 } },
    });
    // Parents before children, so each row's parent exists when it is inserted.
    const depth = (id: string): number => {
      const n = snapshot.nodes.find((x) => x.id === id);
      return n?.parentId && ids.includes(n.parentId) ? 1 + depth(n.parentId) : 0;
    };
    const ordered = [...snapshot.nodes].sort((a, b) => depth(a.id) - depth(b.id));
    await tx.whyNode.createMany({
      data: ordered.map((n) => ({
        ...n,
        incidentId: input.incidentId,
        createdAt: new Date(n.createdAt),
        version: n.version + 1,
      })),
    });
    const eventIds = snapshot.evidence
      .map((e) => e.timelineEventId)
      .filter((id): id is string => Boolean(id));
    const liveEvents = new Set(
      (
        await tx.timelineEvent.findMany({
          where: { id: { in: eventIds }, incidentId: input.incidentId },
          select: { id: true },
        })
      ).map((e) => e.id),
    );
    await tx.whyNodeEvidence.createMany({
      data: snapshot.evidence
        .filter((e) => !e.timelineEventId || liveEvents.has(e.timelineEventId))
        .map((e) => ({ ...e, createdAt: new Date(e.createdAt) })),
    });
    for (const link of snapshot.actionLinks) {
      await tx.actionItem.updateMany({
        where: { id: link.actionItemId, incidentId: input.incidentId, whyNodeId: null },
        data: { whyNodeId: link.whyNodeId },
      });
    }
    await audit(tx, actor, input.incidentId, "why_node.restore", event.entityId, {
      deletionId: input.deletionId,
      count: ids.length,
    });
    return { nodeId: event.entityId, count: ids.length };
  });
}

export async function citeTimelineEvent(actor: Actor, input: z.infer<typeof eventEvidenceSchema>) {
  return change(actor, input.incidentId, async (tx) => {
    await nodeIn(tx, input.incidentId, input.nodeId);
    const event = await tx.timelineEvent.findFirst({
      where: { id: input.timelineEventId, incidentId: input.incidentId },
      select: { id: true },
    });
    if (!event)
      throw new RuleError("That timeline event is not part of this incident.", "timelineEventId");
    if (
      await tx.whyNodeEvidence.findFirst({
        where: { nodeId: input.nodeId, timelineEventId: input.timelineEventId },
      })
    ) {
      throw new RuleError("This cause already cites that event.", "timelineEventId");
    }
    const evidence = await tx.whyNodeEvidence.create({
      data: { nodeId: input.nodeId, timelineEventId: input.timelineEventId },
      select: { id: true },
    });
    await audit(tx, actor, input.incidentId, "why_node.cite", input.nodeId, {
      timelineEventId: input.timelineEventId,
    });
    return { evidenceId: evidence.id };
  });
}

export async function addEvidenceLink(actor: Actor, input: z.infer<typeof linkEvidenceSchema>) {
  return change(actor, input.incidentId, async (tx) => {
    await nodeIn(tx, input.incidentId, input.nodeId);
    if (await tx.whyNodeEvidence.findFirst({ where: { nodeId: input.nodeId, url: input.url } })) {
      throw new RuleError("This cause already cites that link.", "url");
    }
    const evidence = await tx.whyNodeEvidence.create({
      data: { nodeId: input.nodeId, url: input.url, label: input.label || null },
      select: { id: true },
    });
    await audit(tx, actor, input.incidentId, "why_node.cite", input.nodeId, { url: input.url });
    return { evidenceId: evidence.id };
  });
}

export async function removeEvidence(actor: Actor, input: z.infer<typeof removeEvidenceSchema>) {
  return change(actor, input.incidentId, async (tx) => {
    const evidence = await tx.whyNodeEvidence.findFirst({
      where: { id: input.evidenceId, node: { incidentId: input.incidentId } },
    });
    if (!evidence) throw new NotFoundError("Citation");
    await tx.whyNodeEvidence.delete({ where: { id: evidence.id } });
    await audit(tx, actor, input.incidentId, "why_node.uncite", evidence.nodeId, {
      timelineEventId: evidence.timelineEventId,
      url: evidence.url,
    });
    return { nodeId: evidence.nodeId };
  });
}

export async function updateProblemStatement(actor: Actor, input: z.infer<typeof problemSchema>) {
  return change(actor, input.incidentId, async (tx) => {
    const incident = await tx.incident.findFirstOrThrow({
      where: { id: input.incidentId, teamId: actor.scope.teamId },
      select: { problemStatement: true, customerImpact: true, title: true },
    });
    const current = problemOf(incident);
    if (current !== input.basedOn.trim()) {
      throw new ConflictError(
        { problem: current },
        ["problem"],
        `Someone else changed the problem statement while you were editing. It now reads: "${current}". Your text is kept: review it and save again.`,
      );
    }
    await tx.incident.update({
      where: { id: input.incidentId },
      data: { problemStatement: input.problem },
    });
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.userId,
      action: "incident.problem_statement",
      entityType: "Incident",
      entityId: input.incidentId,
      incidentId: input.incidentId,
      data: { from: current, to: input.problem },
    });
    return {};
  });
}
