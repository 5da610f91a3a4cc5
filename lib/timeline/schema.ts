import { z } from "zod";
import { isValidTimeZone, yearProblem, zonedLocalToUtc } from "@/lib/incidents/local-time";
import { AUTHOR_MAX, BODY_MAX, IMPORT_MAX_CHARS, TIMELINE_KINDS } from "./constants";

export const timelineEventInputSchema = z
  .object({
    incidentId: z.string().min(1).max(40),
    timeZone: z.string().max(64).default("UTC"),
    occurredAt: z
      .string()
      .trim()
      .min(1, "Enter when it happened.")
      .max(40, "That is not a date and time."),
    kind: z.enum(TIMELINE_KINDS, { error: "Choose a kind." }),
    body: z
      .string()
      .trim()
      .min(1, "Describe what happened.")
      .max(BODY_MAX, `Keep it under ${BODY_MAX} characters.`),
    author: z
      .string()
      .trim()
      .max(AUTHOR_MAX, `Keep the author under ${AUTHOR_MAX} characters.`)
      .default(""),
    isKey: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "true"),
  })
  .transform((v, ctx) => {
    const at = zonedLocalToUtc(v.occurredAt, isValidTimeZone(v.timeZone) ? v.timeZone : "UTC");
    const problem = yearProblem(v.occurredAt) ?? (at ? null : "That is not a date and time.");
    if (problem || !at) {
      ctx.addIssue({
        code: "custom",
        path: ["occurredAt"],
        message: problem ?? "That is not a date and time.",
      });
      return z.NEVER;
    }
    return {
      incidentId: v.incidentId,
      occurredAt: at,
      kind: v.kind,
      body: v.body,
      author: v.author || null,
      isKey: v.isKey,
    };
  });
export type TimelineEventInput = z.output<typeof timelineEventInputSchema>;

export const timelineEventRefSchema = z.object({
  eventId: z.string().min(1).max(40),
  version: z.coerce.number({ error: "Reload the page and try again." }).int().min(1),
});

export const timelineImportSchema = z.object({
  incidentId: z.string().min(1).max(40),
  timeZone: z.string().max(64).refine(isValidTimeZone, "Unknown time zone.").default("UTC"),
  text: z
    .string()
    .min(1, "Paste a chat log, CSV or JSON first.")
    .max(IMPORT_MAX_CHARS, "That is too much text for one import: split it."),
});
