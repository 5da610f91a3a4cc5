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
