import { z } from "zod";

export const chatIntegrationSchema = z.object({
  workspaceId: z
    .string()
    .trim()
    .regex(
      /^[A-Z0-9]{3,20}$/,
      "The workspace ID looks like T0123ABCD (Slack: workspace settings, or team_id in a request).",
    ),
  signingSecret: z
    .string()
    .trim()
    .min(16, "Paste the Signing Secret from your Slack app's Basic Information.")
    .max(200),
});
export type ChatIntegrationInput = z.output<typeof chatIntegrationSchema>;

export const confirmLinkSchema = z.object({ token: z.string().min(10).max(200) });

/** A Slack bot token for reading channel history (xoxb-…); empty removes the saved one. */
export const botTokenSchema = z.object({
  botToken: z
    .string()
    .trim()
    .max(300)
    .refine(
      (v) => v === "" || /^xox[bp]-[A-Za-z0-9-]{10,}$/.test(v),
      "A Slack bot token starts with xoxb- (Slack app → OAuth & Permissions → Bot User OAuth Token).",
    ),
});

/** A channel to pull into an incident's timeline: its ID (C0123ABCD), as Slack's API needs it. */
export const channelImportSchema = z.object({
  incidentId: z.string().min(1).max(60),
  channel: z
    .string()
    .trim()
    .regex(
      /^[CGD][A-Z0-9]{6,20}$/,
      "Use the channel ID, like C0123ABCD (channel details → About, at the bottom).",
    ),
});

/**
 * The token Mattermost shows once a custom slash command is saved (26 lowercase letters and
 * digits today; a little leeway for other versions). Empty disconnects Mattermost.
 */
export const mattermostTokenSchema = z.object({
  commandToken: z
    .string()
    .trim()
    .max(200)
    .refine(
      (v) => v === "" || /^[A-Za-z0-9]{20,64}$/.test(v),
      "Paste the Token Mattermost shows after you save the slash command (Integrations → Slash Commands): letters and digits, like okwexkjpe7ygb8eq1ww58t483w.",
    ),
});
