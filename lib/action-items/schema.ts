import { z } from "zod";
import { refineMarkdown } from "@/lib/markdown/schema";
import { ACTION_ITEM_LIMITS, ACTION_STATUSES, PRIORITIES, ACTION_ITEM_TYPES } from "./constants";

const limitMessage = (what: string, max: number) =>
  `${what} can be at most ${max.toLocaleString("en")} characters.`;

const optionalId = z.preprocess(
  (v) => (v === "" || v == null ? null : v),
  z.string().max(64).nullable(),
);

/** One message per bad date (zod 4 would otherwise report every failed rule at once). */
function dueDateProblem(s: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return "Enter a date like 2026-03-31.";
  const d = new Date(`${s}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s)
    return "That date does not exist.";
  if (s < "2000-01-01" || s > "2100-12-31") return "Choose a date between 2000 and 2100.";
  return null;
}

const dueDate = z.preprocess(
  (v) => (v === "" || v == null ? null : v),
  z
    .string()
    .superRefine((s, ctx) => {
      const problem = dueDateProblem(s);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((s) => new Date(`${s}T00:00:00Z`))
    .nullable(),
);

const trackerUrl = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? v.trim() : v),
  z
    .string()
    .max(ACTION_ITEM_LIMITS.trackerUrl, limitMessage("Links", ACTION_ITEM_LIMITS.trackerUrl))
    .refine((s) => {
      try {
        const u = new URL(s);
        return u.protocol === "http:" || u.protocol === "https:";
      } catch {
        return false;
      }
    }, "Enter a full http:// or https:// link to the tracker.")
    .nullable(),
);

export const actionItemFields = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Give the action item a title.")
    .max(ACTION_ITEM_LIMITS.title, limitMessage("Titles", ACTION_ITEM_LIMITS.title)),
  description: z
    .string()
    .trim()
    .max(
      ACTION_ITEM_LIMITS.description,
      limitMessage("Descriptions", ACTION_ITEM_LIMITS.description),
    )
    .superRefine(refineMarkdown)
    .default(""),
  ownerId: optionalId,
  dueDate,
  priority: z.enum(PRIORITIES, "Choose a priority from P1 to P4."),
  type: z
    .preprocess(
      (v) => (v === "" || v === undefined ? null : v),
      z.enum(ACTION_ITEM_TYPES, "Choose prevent, mitigate, detect or process.").nullable(),
    )
    .default(null),
  status: z.enum(ACTION_STATUSES, "Choose a status."),
  wontDoReason: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : ""),
    z
      .string()
      .max(
        ACTION_ITEM_LIMITS.wontDoReason,
        limitMessage("Reasons", ACTION_ITEM_LIMITS.wontDoReason),
      ),
  ),
  trackerUrl,
  whyNodeId: optionalId,
});

function requireReason<T extends { status: string; wontDoReason: string }>(
  value: T,
  ctx: z.RefinementCtx,
) {
  if (value.status === "WONT_DO" && !value.wontDoReason) {
    ctx.addIssue({
      code: "custom",
      path: ["wontDoReason"],
      message: "Say why this will not be done.",
    });
  }
}

export const createActionItemSchema = actionItemFields.superRefine(requireReason);
export type ActionItemInput = z.infer<typeof createActionItemSchema>;

export const updateActionItemSchema = actionItemFields
  .extend({ version: z.coerce.number().int().min(1) })
  .superRefine(requireReason);
export type UpdateActionItemInput = z.infer<typeof updateActionItemSchema>;

export const statusChangeSchema = z
  .object({
    version: z.coerce.number().int().min(1),
    status: z.enum(ACTION_STATUSES),
    wontDoReason: z.preprocess(
      (v) => (typeof v === "string" ? v.trim() : ""),
      z.string().max(ACTION_ITEM_LIMITS.wontDoReason),
    ),
  })
  .superRefine(requireReason);
