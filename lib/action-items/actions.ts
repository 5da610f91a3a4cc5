"use server";
import { z } from "zod";
import { defineAction } from "@/lib/server/action";
import {
  changeActionStatus,
  createActionItem,
  deleteActionItem,
  updateActionItem,
} from "./mutations";
import { createActionItemSchema, statusChangeSchema, updateActionItemSchema } from "./schema";

const id = z.string().min(1).max(64);

/** Fields a form may leave out read as a browser sends them: an empty title, status Open. */
const formDefaults = <S extends z.ZodType>(schema: S) =>
  z.preprocess(
    (raw) => ({ title: "", status: "OPEN", ...(raw && typeof raw === "object" ? raw : {}) }),
    schema,
  );

function pathsFor(incidentId: string) {
  return [
    "/actions",
    `/incidents/${incidentId}/actions`,
    `/incidents/${incidentId}/whys`,
    `/incidents/${incidentId}/report`,
  ];
}

/** Bound: the incident id (`createActionItemAction.bind(null, incident.id)`). */
export const createActionItemAction = defineAction({
  permission: "incident:write",
  bind: ["incidentId"],
  input: z.intersection(
    z.object({ incidentId: id, returnTo: z.string().max(20).optional() }),
    formDefaults(createActionItemSchema),
  ),
  incident: (input) => input.incidentId,
  run: ({ scope, user, incident, input }) =>
    createActionItem({ scope, userId: user.id }, incident.id, input),
  revalidate: (_r, input) => pathsFor(input.incidentId),
  message: "Action item created.",
  // Created from the 5 Whys page: back to the tree; else to the list, which confirms it.
  redirect: (_r, input) =>
    input.returnTo === "whys"
      ? `/incidents/${input.incidentId}/whys`
      : `/incidents/${input.incidentId}/actions?created=1`,
});

/** Bound: the action item id. The mutation finds it in the caller's team (else "not found"). */
export const updateActionItemAction = defineAction({
  permission: "incident:write",
  bind: ["itemId"],
  input: z.intersection(z.object({ itemId: id }), formDefaults(updateActionItemSchema)),
  run: ({ scope, user, input }) =>
    updateActionItem({ scope, userId: user.id }, input.itemId, input),
  revalidate: ({ incidentId }, input) => [
    ...pathsFor(incidentId),
    `/incidents/${incidentId}/actions/${input.itemId}`,
  ],
  message: "Action item saved.",
});

export const changeActionStatusAction = defineAction({
  permission: "incident:write",
  bind: ["itemId"],
  input: z.intersection(z.object({ itemId: id }), statusChangeSchema),
  run: ({ scope, user, input }) =>
    changeActionStatus({ scope, userId: user.id }, input.itemId, input),
  revalidate: ({ incidentId }) => pathsFor(incidentId),
  message: (_r, input) => (input.status === "DONE" ? "Marked done." : "Status changed."),
});

export const deleteActionItemAction = defineAction({
  permission: "incident:write",
  bind: ["itemId"],
  input: z.object({ itemId: id }),
  run: ({ scope, user, input }) => deleteActionItem({ scope, userId: user.id }, input.itemId),
  revalidate: ({ incidentId }) => pathsFor(incidentId),
  redirect: ({ incidentId }) => `/incidents/${incidentId}/actions?deleted=1`,
});
