import "server-only";
import { recordAudit } from "@/lib/audit/mutations";
import type { TeamActor } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError, RuleError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActionStatus } from "./constants";
import type { ActionItemInput, UpdateActionItemInput } from "./schema";

type Tx = Prisma.TransactionClient;

type Actor = TeamActor;

async function checkRefs(
  tx: Tx,
  teamId: string,
  incidentId: string,
  input: { ownerId: string | null; whyNodeId: string | null },
) {
  if (input.ownerId) {
    const member = await tx.membership.findFirst({
      where: { teamId, userId: input.ownerId },
      select: { id: true },
    });
    if (!member) throw new RuleError("Choose an owner from your team.", "ownerId");
  }
  if (input.whyNodeId) {
    const node = await tx.whyNode.findFirst({
      where: { id: input.whyNodeId, incidentId, incident: { teamId } },
      select: { id: true },
    });
    if (!node)
      throw new RuleError("That cause is not part of this incident's 5 Whys.", "whyNodeId");
  }
}

/** completedBy/At follow the status: set on entering DONE, cleared when leaving it. */
function completion(previous: ActionStatus | null, next: ActionStatus, userId: string) {
  if (next === "DONE" && previous !== "DONE")
    return { completedAt: new Date(), completedById: userId };
  if (next !== "DONE" && previous === "DONE") return { completedAt: null, completedById: null };
  return {};
}

export async function createActionItem(actor: Actor, incidentId: string, input: ActionItemInput) {
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.findFirst({
      where: { id: incidentId, teamId: actor.scope.teamId },
      select: { id: true },
    });
    if (!incident) throw new NotFoundError("Incident");
    await checkRefs(tx, actor.scope.teamId, incidentId, input);
    const item = await tx.actionItem.create({
      data: {
        teamId: actor.scope.teamId,
        incidentId,
        whyNodeId: input.whyNodeId,
        title: input.title,
        description: input.description,
        ownerId: input.ownerId,
        dueDate: input.dueDate,
        priority: input.priority,
        type: input.type,
        status: input.status,
        wontDoReason: input.status === "WONT_DO" ? input.wontDoReason : null,
        trackerUrl: input.trackerUrl,
        ...completion(null, input.status, actor.userId),
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.userId,
      action: "action_item.create",
      entityType: "ActionItem",
      entityId: item.id,
      incidentId,
      data: { title: input.title, whyNodeId: input.whyNodeId },
    });
    return item;
  });
}

const comparable = [
  "title",
  "description",
  "ownerId",
  "dueDate",
  "priority",
  "type",
  "status",
  "wontDoReason",
  "trackerUrl",
  "whyNodeId",
] as const;

function norm(v: unknown) {
  return v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? null);
}

export async function updateActionItem(actor: Actor, itemId: string, input: UpdateActionItemInput) {
  return db.$transaction(async (tx) => {
    const current = await tx.actionItem.findFirst({
      where: { id: itemId, teamId: actor.scope.teamId },
    });
    if (!current) throw new NotFoundError("Action item");
    if (current.version !== input.version) {
      const changed = comparable.filter(
        (k) => norm(current[k]) !== norm(k === "wontDoReason" ? input[k] || null : input[k]),
      );
      const shown = Object.fromEntries(comparable.map((k) => [k, norm(current[k])]));
      throw new ConflictError({ ...shown, version: current.version }, changed);
    }
    await checkRefs(tx, actor.scope.teamId, current.incidentId, input);
    const updated = await tx.actionItem.updateMany({
      where: { id: itemId, version: input.version },
      data: {
        title: input.title,
        description: input.description,
        ownerId: input.ownerId,
        dueDate: input.dueDate,
        priority: input.priority,
        type: input.type,
        status: input.status,
        wontDoReason: input.status === "WONT_DO" ? input.wontDoReason : null,
        trackerUrl: input.trackerUrl,
        whyNodeId: input.whyNodeId,
        version: { increment: 1 },
        ...completion(current.status, input.status, actor.userId),
      },
    });
    if (updated.count !== 1)
      throw new ConflictError(
        {},
        [],
        "Someone else saved this action item a moment ago. Reload to see their changes.",
      );
    const fields = comparable.filter((k) => norm(current[k]) !== norm(input[k]));
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.userId,
      action: "action_item.update",
      entityType: "ActionItem",
      entityId: itemId,
      incidentId: current.incidentId,
      data: { fields, status: input.status, title: input.title },
    });
    return { incidentId: current.incidentId };
  });
}

/** The quick status buttons in lists (mark done, start, reopen). */
export async function changeActionStatus(
  actor: Actor,
  itemId: string,
  input: { version: number; status: ActionStatus; wontDoReason: string },
) {
  return db.$transaction(async (tx) => {
    const current = await tx.actionItem.findFirst({
      where: { id: itemId, teamId: actor.scope.teamId },
    });
    if (!current) throw new NotFoundError("Action item");
    if (current.version !== input.version) {
      throw new ConflictError(
        { status: current.status, version: current.version },
        ["status"],
        "Someone else changed this action item. The list now shows its current state.",
      );
    }
    await tx.actionItem.update({
      where: { id: itemId },
      data: {
        status: input.status,
        wontDoReason: input.status === "WONT_DO" ? input.wontDoReason : null,
        version: { increment: 1 },
        ...completion(current.status, input.status, actor.userId),
      },
    });
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.userId,
      action: "action_item.status",
      entityType: "ActionItem",
      entityId: itemId,
      incidentId: current.incidentId,
      data: { from: current.status, to: input.status, title: current.title },
    });
    return { incidentId: current.incidentId };
  });
}

export async function deleteActionItem(actor: Actor, itemId: string) {
  return db.$transaction(async (tx) => {
    const current = await tx.actionItem.findFirst({
      where: { id: itemId, teamId: actor.scope.teamId },
      select: { id: true, incidentId: true, title: true },
    });
    if (!current) throw new NotFoundError("Action item");
    await tx.actionItem.delete({ where: { id: itemId } });
    await recordAudit(tx, {
      teamId: actor.scope.teamId,
      actorId: actor.userId,
      action: "action_item.delete",
      entityType: "ActionItem",
      entityId: itemId,
      incidentId: current.incidentId,
      data: { title: current.title },
    });
    return current;
  });
}
