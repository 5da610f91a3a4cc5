import { z } from "zod";
import { asList } from "@/lib/server/form-data";
import { NOTIFICATION_EVENTS } from "./events";

export const TARGET_NAME_MAX = 80;

export const TARGET_KINDS = ["SLACK", "MATTERMOST", "WEBHOOK"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const TARGET_KIND_LABELS: Record<TargetKind, string> = {
  SLACK: "Slack incoming webhook",
  MATTERMOST: "Mattermost incoming webhook",
  WEBHOOK: "Webhook (JSON, signed)",
};

const eventsField = z.preprocess(
  asList,
  z
    .array(z.enum(NOTIFICATION_EVENTS, { error: "Choose events from the list." }))
    .min(1, "Choose at least one event to send.")
    .transform((l) => [...new Set(l)]),
);

export const targetSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the target (e.g. #incidents channel).")
    .max(TARGET_NAME_MAX, `Keep the name under ${TARGET_NAME_MAX} characters.`),
  kind: z.enum(TARGET_KINDS, { error: "Choose where to send." }),
  // Syntax here (field by field with the rest); the address rules need DNS: send.ts#checkTargetUrl.
  url: z
    .string()
    .trim()
    .min(1, "Paste the webhook URL.")
    .max(2000, "This URL is too long.")
    .refine(
      (v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol),
      "Enter the full URL, starting with https://.",
    )
    .refine(
      (v) => !URL.canParse(v) || (!new URL(v).username && !new URL(v).password),
      "Leave user names and passwords out of the URL.",
    ),
  events: eventsField,
});
export type TargetInput = z.output<typeof targetSchema>;

export const targetEventsSchema = z.object({
  targetId: z.string().min(1).max(40),
  events: eventsField,
});
export type TargetEventsInput = z.output<typeof targetEventsSchema>;

export const targetRefSchema = z.object({ targetId: z.string().min(1).max(40) });
