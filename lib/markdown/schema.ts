import type { z } from "zod";
import { markdownProblem } from "./limits";

/**
 * Refinement for every Markdown field: refuses text nested deeper or costlier to format than
 * the renderer accepts (lib/markdown/limits.ts), with a message for the field.
 *   z.string().max(5000).superRefine(refineMarkdown)
 */
export function refineMarkdown(text: string, ctx: z.RefinementCtx) {
  const problem = markdownProblem(text);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
}
