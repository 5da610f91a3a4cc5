import { z } from "zod";
import { LIFETIME_LIMITS } from "./tokens";

export const MAX_RECIPIENTS = 20;
export const MAX_MESSAGE = 2000;

const single = z.string().max(254).email();

/** Splits on commas, semicolons and whitespace; lower-cases and removes duplicates. */
export function splitRecipients(raw: string): string[] {
  const list = raw
    .split(/[\s,;]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(list)];
}

export const recipientsSchema = z
  .string({ error: "Enter at least one email address." })
  .max(MAX_RECIPIENTS * 260, "That is too many addresses.")
  .transform((raw, ctx) => {
    const list = splitRecipients(raw);
    if (list.length === 0)
      ctx.addIssue({ code: "custom", message: "Enter at least one email address." });
    if (list.length > MAX_RECIPIENTS)
      ctx.addIssue({
        code: "custom",
        message: `Share with at most ${MAX_RECIPIENTS} addresses at a time.`,
      });
    for (const address of list) {
      if (!single.safeParse(address).success) {
        ctx.addIssue({
          code: "custom",
          message: `"${address.slice(0, 80)}" is not a valid email address.`,
        });
      }
    }
    return list;
  });

export const shareModeSchema = z.enum(["ANYONE_WITH_LINK", "CONFIRM_EMAIL"], {
  error: "Choose who can open the link.",
});

/** Which version recipients read: the internal report, or the customer version (roles, no internal sections). */
export const shareAudienceSchema = z.enum(["INTERNAL", "CUSTOMER"], {
  error: "Choose the internal report or the customer version.",
});

export const shareSchema = z.object({
  recipients: recipientsSchema,
  message: z
    .string()
    .trim()
    .max(MAX_MESSAGE, `Keep the message under ${MAX_MESSAGE} characters.`)
    .optional()
    .transform((v) => (v ? v : null)),
  days: z.coerce
    .number({ error: "Enter the number of days the link works." })
    .int("Enter a whole number of days.")
    .min(LIFETIME_LIMITS.min, "Choose a lifetime of at least one day.")
    .max(LIFETIME_LIMITS.max, `Links may last at most ${LIFETIME_LIMITS.max} days.`),
  mode: shareModeSchema,
  // Forms always send it (the internal report is preselected); older callers get the internal report.
  audience: shareAudienceSchema.default("INTERNAL"),
});
export type ShareInput = z.infer<typeof shareSchema>;

const days = (what: string) =>
  z.coerce
    .number({ error: `Enter the ${what} in days.` })
    .int(`Enter the ${what} as a whole number of days.`)
    .min(LIFETIME_LIMITS.min, `The ${what} must be at least ${LIFETIME_LIMITS.min} day.`)
    .max(LIFETIME_LIMITS.max, `The ${what} can be at most ${LIFETIME_LIMITS.max} days.`);

export const sharingSettingsSchema = z
  .object({
    shareLinkDefaultDays: days("default lifetime"),
    shareLinkMaxDays: days("maximum lifetime"),
    allowAnonymousShareLink: z.preprocess(
      (v) => v === true || v === "on" || v === "true",
      z.boolean(),
    ),
  })
  .refine((v) => v.shareLinkDefaultDays <= v.shareLinkMaxDays, {
    path: ["shareLinkDefaultDays"],
    message: "The default lifetime cannot be longer than the maximum.",
  });
export type SharingSettingsInput = z.infer<typeof sharingSettingsSchema>;

export const PORTAL_QUERY_MAX = 200;
export const portalSearchSchema = z.string().trim().max(PORTAL_QUERY_MAX).catch("");
