import { z } from "zod";
import { refineMarkdown } from "@/lib/markdown/schema";
import { NARRATIVE_KEYS, SECTION_KEYS, templateSectionSchema } from "./sections";

export const NARRATIVE_MAX = 20_000;
export const TEMPLATE_NAME_MAX = 80;
export const COMMENT_MAX = 5000;
const commentTooLong = `Comments can be at most ${COMMENT_MAX.toLocaleString("en")} characters.`;
const narrativeKey = z.enum(NARRATIVE_KEYS as [string, ...string[]]);
const narrativeText = z
  .string()
  .max(NARRATIVE_MAX, `A section can be at most ${NARRATIVE_MAX.toLocaleString("en")} characters.`)
  .superRefine(refineMarkdown);
const version = z.coerce.number().int().min(1);

export const saveNarrativeSchema = z.object({
  baseVersion: version,
  /** Only the fields the user changed since their last save. */
  changes: z.partialRecord(narrativeKey, narrativeText),
  /** The values those fields had when the user last saved or loaded them (to detect real conflicts). */
  baseline: z.partialRecord(narrativeKey, z.string().max(NARRATIVE_MAX + 1000)),
});
export type SaveNarrativeInput = z.infer<typeof saveNarrativeSchema>;

export const requestReviewSchema = z.object({
  baseVersion: version,
  reviewerIds: z.array(z.string().min(1).max(64)).max(20, "Choose at most 20 reviewers."),
  /** Comma-separated narrative field keys the author confirmed sending empty (readiness.ts). */
  confirmEmpty: z.string().max(1000).optional(),
});

export const COMMENT_SECTIONS = [...SECTION_KEYS, "general"] as const;
export const commentSchema = z.object({
  sectionKey: z.enum(COMMENT_SECTIONS, "Choose the section the comment is about."),
  body: z.string().trim().min(1, "Write a comment.").max(COMMENT_MAX, commentTooLong),
});

export const decisionSchema = z.object({
  decision: z.enum(["APPROVED", "CHANGES_REQUESTED"], "Choose approve or request changes."),
  // A form sends "" when no section was chosen.
  sectionKey: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(COMMENT_SECTIONS).default("general"),
  ),
  body: z.string().trim().max(COMMENT_MAX, commentTooLong).default(""),
});

export const baseVersionSchema = z.object({ baseVersion: version });

export const templateFormSchema = z.object({
  templateId: z.string().min(1).max(64),
  name: z
    .string()
    .trim()
    .min(1, "Give the template a name.")
    .max(TEMPLATE_NAME_MAX, `Template names can be at most ${TEMPLATE_NAME_MAX} characters.`),
  isDefault: z.boolean(),
  sections: z
    .array(templateSectionSchema)
    .min(1)
    .max(SECTION_KEYS.length)
    .refine(
      (list) => new Set(list.map((s) => s.key)).size === list.length,
      "Each section can appear once.",
    )
    .refine((list) => list.some((s) => s.enabled), "Enable at least one section."),
});

export const setTemplateSchema = z.object({
  baseVersion: version,
  templateId: z.string().min(1).max(64),
});
