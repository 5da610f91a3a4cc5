import "server-only";
import type { TeamScope } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { buildTree, type WhyNodeData, type WhyTreeNode } from "./tree";
import type { WhySession } from "./types";

const nodeSelect = {
  id: true,
  parentId: true,
  statement: true,
  position: true,
  isRootCause: true,
  category: true,
} as const;

/** The problem at the top of the tree: the saved statement, else the incident's customer impact, else its title. */
export function problemOf(incident: {
  problemStatement: string | null;
  customerImpact: string;
  title: string;
}) {
  return incident.problemStatement?.trim() || incident.customerImpact.trim() || incident.title;
}

export interface WhyTree {
  problem: string;
  nodes: WhyNodeData[];
  roots: WhyTreeNode[];
}

/**
 * The incident's 5 Whys tree, scoped by team. Throws NotFoundError when the incident is not
 * this team's (callers authorize the incident first, so this is a safety net).
 */
export async function getWhyTree(scope: TeamScope, incidentId: string): Promise<WhyTree> {
  const { teamId } = scope;
  const incident = await db.incident.findFirst({
    where: { id: incidentId, teamId },
    select: {
      problemStatement: true,
      customerImpact: true,
      title: true,
      whyNodes: { select: nodeSelect },
    },
  });
  if (!incident) throw new NotFoundError("Incident");
  const nodes: WhyNodeData[] = incident.whyNodes;
  return { problem: problemOf(incident), nodes, roots: buildTree(nodes) };
}

/** Countermeasures per root-cause node (action items linked by whyNodeId), for WhyDiagram. */
export async function getRootCauseActions(
  scope: TeamScope,
  incidentId: string,
): Promise<Record<string, { id: string; title: string; status: string }[]>> {
  const { teamId } = scope;
  const items = await db.actionItem.findMany({
    where: { teamId, incidentId, whyNodeId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { id: true, title: true, status: true, whyNodeId: true },
  });
  const out: Record<string, { id: string; title: string; status: string }[]> = {};
  for (const { whyNodeId, ...item } of items) (out[whyNodeId!] ??= []).push(item);
  return out;
}

/** Everything the interactive editor needs, in one serializable object. */
export async function getWhySession(scope: TeamScope, incidentId: string): Promise<WhySession> {
  const { teamId } = scope;
  const incident = await db.incident.findFirst({
    where: { id: incidentId, teamId },
    select: {
      id: true,
      number: true,
      title: true,
      problemStatement: true,
      customerImpact: true,
      whysVersion: true,
      whyNodes: {
        select: {
          ...nodeSelect,
          version: true,
          evidence: {
            orderBy: { createdAt: "asc" },
            select: { id: true, url: true, label: true, timelineEventId: true },
          },
        },
      },
      events: {
        orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
        select: { id: true, occurredAt: true, kind: true, body: true },
      },
      team: {
        select: { memberships: { select: { user: { select: { name: true, email: true } } } } },
      },
    },
  });
  if (!incident) throw new NotFoundError("Incident");
  const actions = await getRootCauseActions(scope, incidentId);
  return {
    incidentId: incident.id,
    incidentNumber: incident.number,
    incidentTitle: incident.title,
    problem: problemOf(incident),
    problemStatement: incident.problemStatement,
    whysVersion: incident.whysVersion,
    nodes: incident.whyNodes.map((n) => ({
      ...n,
      evidence: n.evidence.map((e) => ({ ...e, url: e.url, label: e.label })),
    })),
    events: incident.events.map((e) => ({
      id: e.id,
      occurredAt: e.occurredAt.toISOString(),
      kind: e.kind,
      body: e.body,
    })),
    actions,
    memberNames: incident.team.memberships
      .map((m) => m.user.name)
      .filter((n): n is string => Boolean(n)),
  };
}

/** The current whysVersion (cheap; used by the live stream to say where a client starts). */
export async function getWhysVersion(scope: TeamScope, incidentId: string): Promise<number | null> {
  const { teamId } = scope;
  const row = await db.incident.findFirst({
    where: { id: incidentId, teamId },
    select: { whysVersion: true },
  });
  return row?.whysVersion ?? null;
}
