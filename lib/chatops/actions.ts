"use server";
import { defineAction } from "@/lib/server/action";
import { env } from "@/lib/env";
import { RuleError } from "@/lib/errors";
import { getIncidentWindow, getSlackBotToken } from "./data";
import {
  confirmLink,
  saveChatIntegration,
  saveMattermostToken,
  saveSlackBotToken,
} from "./mutations";
import {
  botTokenSchema,
  channelImportSchema,
  chatIntegrationSchema,
  confirmLinkSchema,
  mattermostTokenSchema,
} from "./schema";
import { fetchChannelHistory, toImportJson } from "./slack-history";

export const saveChatIntegrationAction = defineAction({
  permission: "team:manage",
  input: chatIntegrationSchema,
  revalidate: ["/settings/chat"],
  message: "Slack settings saved.",
  run: ({ scope, user, input }) => saveChatIntegration(scope, user.id, input),
});

export const saveMattermostTokenAction = defineAction({
  permission: "team:manage",
  input: mattermostTokenSchema,
  revalidate: ["/settings/chat"],
  message: (_r, input) =>
    input.commandToken
      ? "Mattermost command token saved."
      : "Mattermost command token removed: commands are refused until a new one is saved.",
  run: ({ scope, user, input }) => saveMattermostToken(scope, user.id, input.commandToken),
});

export const confirmChatLinkAction = defineAction({
  permission: "signed-in",
  input: confirmLinkSchema,
  message: (r: { chatUserName: string; teamName: string }) =>
    `Connected: ${r.chatUserName} now acts as you in ${r.teamName}.`,
  run: ({ user, input }) => confirmLink(user.id, input.token),
});

export const saveSlackBotTokenAction = defineAction({
  permission: "team:manage",
  input: botTokenSchema,
  revalidate: ["/settings/chat"],
  message: (_r, input) => (input.botToken ? "Bot token saved." : "Bot token removed."),
  run: ({ scope, user, input }) => saveSlackBotToken(scope, user.id, input.botToken),
});

/**
 * Reads a Slack channel for the incident's window into the import panel (nothing is saved: the
 * person reviews the preview, then imports). Needs the team's bot token.
 */
export const fetchSlackChannelAction = defineAction({
  permission: "incident:write",
  input: channelImportSchema,
  incident: (input) => input.incidentId,
  run: async ({ scope, incident, input }) => {
    const token = await getSlackBotToken(scope);
    if (!token)
      throw new RuleError("Add a Slack bot token in Settings → Chat to read channels.", "channel");
    const window = await getIncidentWindow(scope, incident.id);
    const { messages, truncated } = await fetchChannelHistory({
      baseUrl: env().SLACK_API_BASE_URL,
      token,
      channel: input.channel,
      ...window,
    });
    if (messages.length === 0)
      throw new RuleError("The channel has no messages in the incident's time window.", "channel");
    const { json, kept } = toImportJson(messages);
    return { text: json, count: kept, truncated: truncated || kept < messages.length };
  },
  message: (r: { text: string; count: number; truncated: boolean }) =>
    `${r.count} message${r.count === 1 ? "" : "s"} read from Slack${r.truncated ? " (the first ones only: the import takes at most 500)" : ""}. Check the preview, then import.`,
});
