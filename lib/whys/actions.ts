"use server";
import type { z } from "zod";
import { defineAction } from "@/lib/server/action";
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

type Outcome = { nodeId?: string; deletionId?: string; count?: number };

/**
 * Every 5 Whys action: the builder authenticates and authorizes on this incident (another
 * team's id is "not found"; viewers are refused) and parses; the mutation runs in one
 * transaction with its audit row and live notification; the answer carries the fresh tree.
 */
function whyAction<S extends z.ZodType<{ incidentId: string }>, R extends object>(
  schema: S,
  mutate: (actor: m.Actor, input: z.output<S>) => Promise<R>,
  message?: (r: R & Outcome) => string,
) {
  return defineAction({
    permission: "incident:write",
    input: schema,
    incident: (input) => input.incidentId,
    message: message ? (d: WhyChangeResult) => message(d as unknown as R & Outcome) : undefined,
    run: async ({ ctx, scope, incident, input }): Promise<WhyChangeResult> => {
      const result = (await mutate({ scope, userId: ctx.user.id }, input)) as R & Outcome;
      // No revalidatePath: every page showing the tree is dynamic (nothing is cached), and a
      // revalidation would make Next re-render the whole 300-node editor into this response.
      // Open editors learn about the change through the live stream instead.
      const session = await getWhySession(scope, incident.id);
      return { session, nodeId: result.nodeId, deletionId: result.deletionId, count: result.count };
    },
  });
}

export const createWhyNodeAction = whyAction(
  s.createNodeSchema,
  m.createWhyNode,
  () => "Cause added.",
);

export const updateWhyStatementAction = whyAction(
  s.updateStatementSchema,
  m.updateWhyStatement,
  () => "Cause saved.",
);

export const setWhyRootCauseAction = whyAction(s.rootCauseSchema, m.setWhyRootCause);

export const moveWhyNodeAction = whyAction(s.moveNodeSchema, m.moveWhyNode, () => "Cause moved.");

export const reorderWhyNodeAction = whyAction(s.reorderNodeSchema, m.reorderWhyNode);

export const deleteWhyNodeAction = whyAction(s.deleteNodeSchema, m.deleteWhyNode, (r) =>
  r.count === 1 ? "Deleted 1 cause." : `Deleted ${r.count} causes.`,
);

export const restoreWhyNodesAction = whyAction(s.restoreSchema, m.restoreWhyNodes, (r) =>
  r.count === 1 ? "Restored 1 cause." : `Restored ${r.count} causes.`,
);

export const citeTimelineEventAction = whyAction(
  s.eventEvidenceSchema,
  m.citeTimelineEvent,
  () => "Timeline event cited.",
);

export const addEvidenceLinkAction = whyAction(
  s.linkEvidenceSchema,
  m.addEvidenceLink,
  () => "Link added.",
);

export const removeEvidenceAction = whyAction(
  s.removeEvidenceSchema,
  m.removeEvidence,
  () => "Citation removed.",
);

export const updateProblemStatementAction = whyAction(
  s.problemSchema,
  m.updateProblemStatement,
  () => "Problem statement saved.",
);
