// Attachment inputs (zod, no Prisma). The bytes are checked separately (content-type.ts): these
// are the form fields beside the file.
import { z } from "zod";

export const CAPTION_MAX_LENGTH = 300;
const id = z.string().trim().min(1).max(64);

/** Where an attachment is shown: the incident's supporting files, one timeline event, one report section. */
export const attachmentTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("incident") }),
  z.object({ kind: z.literal("event"), timelineEventId: id }),
  z.object({
    kind: z.literal("section"),
    sectionKey: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_-]{0,63}$/i, "Choose a report section."),
  }),
]);
export type AttachmentTarget = z.output<typeof attachmentTargetSchema>;

/** The upload form's fields other than the file (multipart: every value arrives as a string). */
export const uploadFieldsSchema = z
  .object({
    target: z.enum(["incident", "event", "section"], { error: "Choose where the file belongs." }),
    timelineEventId: z.string().optional(),
    sectionKey: z.string().optional(),
    caption: z
      .string()
      .trim()
      .max(CAPTION_MAX_LENGTH, `A caption can be at most ${CAPTION_MAX_LENGTH} characters.`)
      .default(""),
  })
  .transform((f, ctx) => {
    const target = attachmentTargetSchema.safeParse(
      f.target === "event"
        ? { kind: "event", timelineEventId: f.timelineEventId }
        : f.target === "section"
          ? { kind: "section", sectionKey: f.sectionKey }
          : { kind: "incident" },
    );
    if (!target.success) {
      ctx.addIssue({
        code: "custom",
        path: [f.target === "event" ? "timelineEventId" : "sectionKey"],
        message: f.target === "event" ? "Choose a timeline event." : "Choose a report section.",
      });
      return z.NEVER;
    }
    return { target: target.data, caption: f.caption };
  });

export const deleteAttachmentSchema = z.object({
  incidentId: id,
  attachmentId: id,
});
