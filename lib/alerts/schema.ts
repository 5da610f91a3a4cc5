import { z } from "zod";
import { SEVERITIES } from "@/lib/incidents/constants";
import { ALERT_SOURCE_KINDS } from "./parse";
import { parseRuleLines } from "./rules";

export const ALERT_SOURCE_NAME_MAX = 80;

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true");

const rulesField = z
  .string()
  .max(5000, "Too many rules.")
  .default("")
  .transform((text, ctx) => {
    const r = parseRuleLines(text);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.rules;
  });

export const alertSourceSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Name the source (e.g. Production Alertmanager).")
      .max(ALERT_SOURCE_NAME_MAX, `Keep the name under ${ALERT_SOURCE_NAME_MAX} characters.`),
    kind: z.enum(ALERT_SOURCE_KINDS, { error: "Choose the tool that sends the alerts." }),
    clientSecret: z.string().trim().max(200).default(""),
    rules: rulesField,
    defaultSeverity: z.enum(SEVERITIES, { error: "Choose a severity." }),
    mitigateWhenResolved: checkbox,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "SENTRY" && v.clientSecret.length < 16)
      ctx.addIssue({
        code: "custom",
        path: ["clientSecret"],
        message: "Paste the Client Secret of your Sentry integration.",
      });
  });
export type AlertSourceInput = z.output<typeof alertSourceSchema>;

export const alertSourceSettingsSchema = z.object({
  sourceId: z.string().min(1).max(40),
  rules: rulesField,
  defaultSeverity: z.enum(SEVERITIES, { error: "Choose a severity." }),
  mitigateWhenResolved: checkbox,
});
export type AlertSourceSettingsInput = z.output<typeof alertSourceSettingsSchema>;

export const alertSourceRefSchema = z.object({ sourceId: z.string().min(1).max(40) });
