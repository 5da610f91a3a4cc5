"use server";
import { defineAction } from "@/lib/server/action";
import {
  createTarget,
  deleteTarget,
  sendTestEvent,
  setTargetEnabled,
  updateTargetEvents,
} from "./mutations";
import { targetEventsSchema, targetRefSchema, targetSchema } from "./schema";

const PAGE = "/settings/notifications";

export const createTargetAction = defineAction({
  permission: "team:manage",
  input: targetSchema,
  revalidate: [PAGE],
  message: (t: { secret: string | null }) =>
    t.secret
      ? "Target created. Copy its signing secret now: it will not be shown again."
      : "Target created.",
  run: ({ scope, user, input }) => createTarget(scope, user.id, input),
});

export const updateTargetEventsAction = defineAction({
  permission: "team:manage",
  input: targetEventsSchema,
  revalidate: [PAGE],
  message: "Events saved.",
  run: ({ scope, user, input }) => updateTargetEvents(scope, user.id, input),
});

export const sendTestEventAction = defineAction({
  permission: "team:manage",
  input: targetRefSchema,
  revalidate: [PAGE],
  message: "Test event queued: its delivery appears in the log below.",
  run: ({ scope, user, input }) => sendTestEvent(scope, user.id, input.targetId),
});

export const enableTargetAction = defineAction({
  permission: "team:manage",
  input: targetRefSchema,
  revalidate: [PAGE],
  message: "Target turned on.",
  run: ({ scope, user, input }) => setTargetEnabled(scope, user.id, input.targetId, true),
});

export const disableTargetAction = defineAction({
  permission: "team:manage",
  input: targetRefSchema,
  revalidate: [PAGE],
  message: "Target turned off: nothing is sent to it until it is turned on again.",
  run: ({ scope, user, input }) => setTargetEnabled(scope, user.id, input.targetId, false),
});

export const deleteTargetAction = defineAction({
  permission: "team:manage",
  input: targetRefSchema,
  revalidate: [PAGE],
  message: "Target removed.",
  run: ({ scope, user, input }) => deleteTarget(scope, user.id, input.targetId),
});
