"use server";
import { defineAction } from "@/lib/server/action";
import { createAlertSource, revokeAlertSource, updateAlertSourceSettings } from "./mutations";
import { alertSourceRefSchema, alertSourceSchema, alertSourceSettingsSchema } from "./schema";

export const createAlertSourceAction = defineAction({
  permission: "team:manage",
  input: alertSourceSchema,
  revalidate: ["/settings/alerts"],
  message: (s: { token: string | null }) =>
    s.token ? "Source created. Copy its token now: it will not be shown again." : "Source created.",
  run: ({ scope, user, input }) => createAlertSource(scope, user.id, input),
});

export const updateAlertSourceAction = defineAction({
  permission: "team:manage",
  input: alertSourceSettingsSchema,
  revalidate: ["/settings/alerts"],
  message: "Severity rules saved.",
  run: ({ scope, user, input }) => updateAlertSourceSettings(scope, user.id, input),
});

export const revokeAlertSourceAction = defineAction({
  permission: "team:manage",
  input: alertSourceRefSchema,
  revalidate: ["/settings/alerts"],
  message: "Source removed: its deliveries are refused from now on.",
  run: ({ scope, user, input }) => revokeAlertSource(scope, user.id, input.sourceId),
});
