"use server";
import { z } from "zod";
import { defineAction } from "@/lib/server/action";
import { createIncident, deleteIncident, updateIncident } from "./mutations";
import { incidentInputSchema, incidentRefSchema } from "./schema";

const lists = ["/incidents", "/"];

export const createIncidentAction = defineAction({
  permission: "incident:write",
  input: incidentInputSchema,
  run: ({ ctx, input }) => createIncident(ctx, input),
  revalidate: lists,
  redirect: (incident) => `/incidents/${incident.id}`,
});

export const updateIncidentAction = defineAction({
  permission: "incident:write",
  input: z.intersection(incidentRefSchema, incidentInputSchema),
  incident: (input) => input.id,
  run: async ({ ctx, incident, input }) => {
    await updateIncident(ctx, incident.id, input.version, input);
  },
  revalidate: (_r, input) => [{ path: `/incidents/${input.id}`, type: "layout" }, ...lists],
  redirect: (_r, input) => `/incidents/${input.id}`,
});

export const deleteIncidentAction = defineAction({
  permission: "incident:write",
  input: incidentRefSchema,
  incident: (input) => input.id,
  run: async ({ ctx, incident, input }) => {
    await deleteIncident(ctx, incident.id, input.version);
  },
  revalidate: lists,
  redirect: "/incidents",
});
