"use server";
import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { authorizeIncident } from "@/lib/incidents/access";
import { formObject } from "@/lib/incidents/schema";
import { RuleError } from "@/lib/errors";
import { runAction } from "@/lib/run-action";
import { parseTimelineImport } from "./import";
import { createTimelineEvent, deleteTimelineEvent, importTimelineEvents, updateTimelineEvent } from "./mutations";
import { zonedDate } from "@/lib/incidents/local-time";
import { TIMELINE_FORM_KEYS, timelineEventInputSchema, timelineEventRefSchema, timelineImportSchema } from "./schema";
import { getIncidentStart } from "./data";

const incidentIdOf = (fd: FormData) => String(fd.get("incidentId") ?? "");

function revalidate(incidentId: string) {
  revalidatePath(`/incidents/${incidentId}`, "layout");
}

export async function addTimelineEventAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const { ctx, incident } = await authorizeIncident(incidentIdOf(formData), "incident:write");
    const input = timelineEventInputSchema.parse(formObject(formData, TIMELINE_FORM_KEYS));
    await createTimelineEvent(ctx, { ...input, incidentId: incident.id });
    revalidate(incident.id);
    return { ok: true, message: "Event added." };
  });
}

export async function updateTimelineEventAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const { ctx, incident } = await authorizeIncident(incidentIdOf(formData), "incident:write");
    const ref = timelineEventRefSchema.parse(formObject(formData, ["eventId", "version"]));
    const input = timelineEventInputSchema.parse(formObject(formData, TIMELINE_FORM_KEYS));
    await updateTimelineEvent(ctx, ref.eventId, ref.version, { ...input, incidentId: incident.id });
    revalidate(incident.id);
    return { ok: true, message: "Event saved." };
  });
}

export async function deleteTimelineEventAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const { ctx, incident } = await authorizeIncident(incidentIdOf(formData), "incident:write");
    const ref = timelineEventRefSchema.parse(formObject(formData, ["eventId", "version"]));
    await deleteTimelineEvent(ctx, incident.id, ref.eventId, ref.version);
    revalidate(incident.id);
    return { ok: true, message: "Event deleted." };
  });
}

/** Re-parses on the server (never trusts the preview) and imports all events or none. */
export async function importTimelineAction(_prev: ActionResult<{ count: number }>, formData: FormData): Promise<ActionResult<{ count: number }>> {
  return runAction(async () => {
    const { ctx, incident } = await authorizeIncident(incidentIdOf(formData), "incident:write");
    const input = timelineImportSchema.parse(formObject(formData, ["incidentId", "timeZone", "text"]));
    const startedAt = await getIncidentStart(ctx.team.id, incident.id);
    const parsed = parseTimelineImport(input.text, { baseDate: zonedDate(startedAt, input.timeZone), timeZone: input.timeZone });
    const skipInvalid = formData.get("skipInvalid") === "on";
    const expected = Number(formData.get("expectedCount") ?? NaN);
    if (Number.isFinite(expected) && expected !== parsed.events.length) {
      throw new RuleError("The text changed since the preview: check the preview again, then import.", "text");
    }
    if (parsed.events.length === 0 && parsed.errors.length > 0) {
      throw new RuleError(`No line could be read (line ${parsed.errors[0].line}: ${parsed.errors[0].reason}).`, "text");
    }
    // Unreadable lines are only skipped when the user saw them in the preview and chose to.
    if (parsed.errors.length > 0 && !skipInvalid) {
      const first = parsed.errors[0];
      throw new RuleError(`${parsed.errors.length} line${parsed.errors.length === 1 ? "" : "s"} could not be read (line ${first.line}: ${first.reason}). Fix or remove them, then import again.`, "text");
    }
    const count = await importTimelineEvents(ctx, incident.id, parsed.events, parsed.format);
    revalidate(incident.id);
    return { ok: true, message: `Imported ${count} event${count === 1 ? "" : "s"}.`, data: { count } };
  });
}
