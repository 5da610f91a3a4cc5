"use server";
import { z } from "zod";
import { RuleError } from "@/lib/errors";
import { zonedDate } from "@/lib/incidents/local-time";
import { defineAction } from "@/lib/server/action";
import { getIncidentStart } from "./data";
import { parseTimelineImport, previewChoice } from "./import";
import {
  createTimelineEvent,
  deleteTimelineEvent,
  importTimelineEvents,
  updateTimelineEvent,
} from "./mutations";
import { timelineEventInputSchema, timelineEventRefSchema, timelineImportSchema } from "./schema";

const incidentLayout = (input: { incidentId: string }) => [
  { path: `/incidents/${input.incidentId}`, type: "layout" as const },
];

export const addTimelineEventAction = defineAction({
  permission: "incident:write",
  input: timelineEventInputSchema,
  incident: (input) => input.incidentId,
  run: async ({ ctx, incident, input }) => {
    await createTimelineEvent(ctx, { ...input, incidentId: incident.id });
  },
  revalidate: (_r, input) => incidentLayout(input),
  message: "Event added.",
});

export const updateTimelineEventAction = defineAction({
  permission: "incident:write",
  input: z.intersection(timelineEventRefSchema, timelineEventInputSchema),
  incident: (input) => input.incidentId,
  run: async ({ ctx, incident, input }) => {
    await updateTimelineEvent(ctx, input.eventId, input.version, {
      ...input,
      incidentId: incident.id,
    });
  },
  revalidate: (_r, input) => incidentLayout(input),
  message: "Event saved.",
});

export const deleteTimelineEventAction = defineAction({
  permission: "incident:write",
  input: timelineEventRefSchema.extend({ incidentId: z.string().min(1).max(40) }),
  incident: (input) => input.incidentId,
  run: async ({ ctx, incident, input }) => {
    await deleteTimelineEvent(ctx, incident.id, input.eventId, input.version);
  },
  revalidate: (_r, input) => incidentLayout(input),
  message: "Event deleted.",
});

const importInputSchema = timelineImportSchema
  .extend({
    /** Checked in the preview: unreadable lines are skipped only when the user chose to. */
    skipInvalid: z
      .string()
      .optional()
      .transform((v) => v === "on"),
    /** How many events the preview showed; the server re-parses and refuses if it differs. */
    expectedCount: z
      .string()
      .optional()
      .transform((v) => (v === undefined ? NaN : Number(v))),
  })
  // The preview's per-event choices, `kind.<line>` and `key.<line>` (read by previewChoice).
  .catchall(z.union([z.string().max(40), z.array(z.string().max(10)).max(2)]));

/** Re-parses on the server (never trusts the preview) and imports all events or none. */
export const importTimelineAction = defineAction({
  permission: "incident:write",
  input: importInputSchema,
  incident: (input) => input.incidentId,
  run: async ({ ctx, scope, incident, input }) => {
    const startedAt = await getIncidentStart(scope, incident.id);
    const parsed = parseTimelineImport(input.text, {
      baseDate: zonedDate(startedAt, input.timeZone),
      timeZone: input.timeZone,
    });
    if (Number.isFinite(input.expectedCount) && input.expectedCount !== parsed.events.length) {
      throw new RuleError(
        "The text changed since the preview: check the preview again, then import.",
        "text",
      );
    }
    if (parsed.events.length === 0 && parsed.errors.length > 0) {
      throw new RuleError(
        `No line could be read (line ${parsed.errors[0].line}: ${parsed.errors[0].reason}).`,
        "text",
      );
    }
    if (parsed.errors.length > 0 && !input.skipInvalid) {
      const first = parsed.errors[0];
      throw new RuleError(
        `${parsed.errors.length} line${parsed.errors.length === 1 ? "" : "s"} could not be read (line ${first.line}: ${first.reason}). Fix or remove them, then import again.`,
        "text",
      );
    }
    // The kind and key-event flag the user set in the preview, over the parser's guess.
    const events = parsed.events.map((e) => ({ ...e, ...previewChoice(input, String(e.line), e) }));
    const count = await importTimelineEvents(ctx, incident.id, events, parsed.format);
    return { count };
  },
  revalidate: (_r, input) => incidentLayout(input),
  message: ({ count }) => `Imported ${count} event${count === 1 ? "" : "s"}.`,
});
