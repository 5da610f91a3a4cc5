// Input shapes for 5 Whys changes, shared by the editor (instant feedback) and the server actions.
import { z } from "zod";
import { PROBLEM_MAX, ROOT_CAUSE_CATEGORIES, STATEMENT_MAX } from "./tree";

export const EVIDENCE_LABEL_MAX = 200;

const id = z.string().trim().min(1, "Missing id.").max(64, "Invalid id.");

export const statementSchema = z
  .string({ error: "Write the cause." })
  .trim()
  .min(1, "Write the cause: a statement cannot be empty.")
  .max(
    STATEMENT_MAX,
    `Keep a cause under ${STATEMENT_MAX} characters (split it into several causes if needed).`,
  );

export const categorySchema = z.enum(ROOT_CAUSE_CATEGORIES as [string, ...string[]], {
  error: "Choose a category for the root cause.",
});

export const createNodeSchema = z.object({
  incidentId: id,
  parentId: id.nullable(),
  /** Insert right after this sibling ("another cause"); else append as the last child. */
  afterId: id.nullish(),
  statement: statementSchema,
});

export const updateStatementSchema = z.object({
  incidentId: id,
  nodeId: id,
  version: z.number().int().positive(),
  statement: statementSchema,
});

export const rootCauseSchema = z
  .object({
    incidentId: id,
    nodeId: id,
    version: z.number().int().positive(),
    isRootCause: z.boolean(),
    category: categorySchema.nullish(),
  })
  .refine((v) => !v.isRootCause || v.category, {
    message: "Choose a category for the root cause.",
    path: ["category"],
  });

export const moveNodeSchema = z.object({
  incidentId: id,
  nodeId: id,
  /** null: directly under the problem statement. */
  newParentId: id.nullable(),
});

export const reorderNodeSchema = z.object({
  incidentId: id,
  nodeId: id,
  direction: z.enum(["up", "down"]),
});

export const deleteNodeSchema = z.object({ incidentId: id, nodeId: id });

export const restoreSchema = z.object({ incidentId: id, deletionId: id });

const httpUrl = z
  .string()
  .trim()
  .min(1, "Enter a link.")
  .max(2000, "Links can be at most 2000 characters.")
  .refine((value) => {
    try {
      const u = new URL(value);
      return (u.protocol === "http:" || u.protocol === "https:") && Boolean(u.hostname);
    } catch {
      return false;
    }
  }, "Enter a full http:// or https:// link.");

export const linkEvidenceSchema = z.object({
  incidentId: id,
  nodeId: id,
  url: httpUrl,
  label: z
    .string()
    .trim()
    .max(EVIDENCE_LABEL_MAX, `Keep the label under ${EVIDENCE_LABEL_MAX} characters.`)
    .optional(),
});

export const eventEvidenceSchema = z.object({ incidentId: id, nodeId: id, timelineEventId: id });

export const removeEvidenceSchema = z.object({ incidentId: id, evidenceId: id });

export const problemSchema = z.object({
  incidentId: id,
  problem: z
    .string()
    .trim()
    .min(1, "Describe the problem the tree explains.")
    .max(PROBLEM_MAX, `Keep the problem statement under ${PROBLEM_MAX} characters.`),
  /** The text the editor started from: a different saved text means someone else changed it. */
  basedOn: z.string().max(PROBLEM_MAX * 2),
});
