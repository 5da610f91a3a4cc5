"use server";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { authorizeIncident } from "@/lib/incidents/access";
import { runAction } from "@/lib/run-action";
import { getWhySession } from "./data";
import * as m from "./mutations";
import * as s from "./schema";
import type { WhySession } from "./types";

export interface WhyChangeResult {
  /** The tree after the change, so the editor updates without waiting for the live stream. */
  session: WhySession;
  nodeId?: string;
  deletionId?: string;
  count?: number;
}

function incidentIdOf(input: unknown): string {
  const value = (input as { incidentId?: unknown } | null)?.incidentId;
  return typeof value === "string" ? value : "";
}

/**
 * Every 5 Whys action in the same order: authenticate and authorize on this incident (another
 * team's id is "not found"; viewers are refused) → parse → mutate (transaction + audit + notify)
 * → answer with the fresh tree.
 */
type Outcome = { nodeId?: string; deletionId?: string; count?: number };

function whyAction<S extends z.ZodType, R extends object>(
  schema: S,
  mutate: (actor: m.Actor, input: z.infer<S>) => Promise<R>,
  message?: (r: R & Outcome) => string,
) {
  return (input: unknown): Promise<ActionResult<WhyChangeResult>> =>
    runAction(async () => {
      const { ctx, incident } = await authorizeIncident(incidentIdOf(input), "incident:write");
      const parsed = schema.parse(input) as z.infer<S>;
      const result = (await mutate({ teamId: ctx.team.id, userId: ctx.user.id }, parsed)) as R & Outcome;
      // No revalidatePath: every page showing the tree is dynamic (nothing is cached), and a
      // revalidation would make Next re-render the whole 300-node editor into this response.
      // Open editors learn about the change through the live stream instead.
      const session = await getWhySession(ctx.team.id, incident.id);
      return { ok: true, message: message?.(result), data: { session, nodeId: result.nodeId, deletionId: result.deletionId, count: result.count } };
    });
}

// Server actions must be declared as async functions in a "use server" file.
export async function createWhyNodeAction(input: unknown) {
  return whyAction(s.createNodeSchema, m.createWhyNode, () => "Cause added.")(input);
}

export async function updateWhyStatementAction(input: unknown) {
  return whyAction(s.updateStatementSchema, m.updateWhyStatement, () => "Cause saved.")(input);
}

export async function setWhyRootCauseAction(input: unknown) {
  return whyAction(s.rootCauseSchema, m.setWhyRootCause)(input);
}

export async function moveWhyNodeAction(input: unknown) {
  return whyAction(s.moveNodeSchema, m.moveWhyNode, () => "Cause moved.")(input);
}

export async function reorderWhyNodeAction(input: unknown) {
  return whyAction(s.reorderNodeSchema, m.reorderWhyNode)(input);
}

export async function deleteWhyNodeAction(input: unknown) {
  return whyAction(s.deleteNodeSchema, m.deleteWhyNode, (r) => (r.count === 1 ? "Deleted 1 cause." : `Deleted ${r.count} causes.`))(input);
}

export async function restoreWhyNodesAction(input: unknown) {
  return whyAction(s.restoreSchema, m.restoreWhyNodes, (r) => (r.count === 1 ? "Restored 1 cause." : `Restored ${r.count} causes.`))(input);
}

export async function citeTimelineEventAction(input: unknown) {
  return whyAction(s.eventEvidenceSchema, m.citeTimelineEvent, () => "Timeline event cited.")(input);
}

export async function addEvidenceLinkAction(input: unknown) {
  return whyAction(s.linkEvidenceSchema, m.addEvidenceLink, () => "Link added.")(input);
}

export async function removeEvidenceAction(input: unknown) {
  return whyAction(s.removeEvidenceSchema, m.removeEvidence, () => "Citation removed.")(input);
}

export async function updateProblemStatementAction(input: unknown) {
  return whyAction(s.problemSchema, m.updateProblemStatement, () => "Problem statement saved.")(input);
}
