"use server";
import { defineAction } from "@/lib/server/action";
import { confirmLink, saveChatIntegration } from "./mutations";
import { chatIntegrationSchema, confirmLinkSchema } from "./schema";

export const saveChatIntegrationAction = defineAction({
  permission: "team:manage",
  input: chatIntegrationSchema,
  revalidate: ["/settings/chat"],
  message: "Slack settings saved.",
  run: ({ scope, user, input }) => saveChatIntegration(scope, user.id, input),
});

export const confirmChatLinkAction = defineAction({
  permission: "signed-in",
  input: confirmLinkSchema,
  message: (r: { chatUserName: string; teamName: string }) =>
    `Connected: ${r.chatUserName} now acts as you in ${r.teamName}.`,
  run: ({ user, input }) => confirmLink(user.id, input.token),
});
