import "server-only";
import { z } from "zod";
import { listActionItems, listIncidentActionItems } from "@/lib/action-items/data";
import { parseActionFilters } from "@/lib/action-items/filters";
import { NotFoundError } from "@/lib/errors";
import { findIncidentRef } from "@/lib/incidents/access";
import { getIncident, listIncidents } from "@/lib/incidents/data";
import { createIncident, updateIncident } from "@/lib/incidents/mutations";
import { getVersionForTeam } from "@/lib/reports/data";
import { listTimeline } from "@/lib/timeline/data";
import { createTimelineEvent } from "@/lib/timeline/mutations";
import { listPublishedReports } from "./data";
import { apiRoute, json, readJson } from "./route";
import {
  incidentCreateSchema,
  incidentFormShape,
  incidentInputSchema,
  incidentListSchema,
  incidentPatchBody,
  timelineCreateSchema,
} from "./schema";
import { actionItemJson, incidentJson, incidentListItemJson, timelineEventJson } from "./serialize";

// The REST API's handlers; app/api/v1/** only routes to them. Every write goes through the
// same mutation as the browser (numbering, transitions, lifecycle order, optimistic version,
// audit row), and every read through the same team-scoped query.
// Note: lib/incidents, lib/timeline, lib/action-items and lib/reports reads still take a plain
// team id (the structure helper converts them to TeamScope); we pass scope.teamId.

const idParams = z.object({ id: z.string().min(1).max(40) });

function query(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

export const listIncidentsRoute = apiRoute({
  permission: "incident:read",
  handler: async (request, { api }) => {
    const filters = incidentListSchema.parse(query(request));
    const page = await listIncidents(api.scope, filters, 50);
    return json({ data: page.rows.map(incidentListItemJson), nextCursor: page.nextCursor });
  },
});

export const createIncidentRoute = apiRoute({
  permission: "incident:write",
  handler: async (request, { api }) => {
    const input = incidentCreateSchema.parse(await readJson(request));
    const created = await createIncident(api.actor, input);
    const incident = await getIncident(api.scope, created.id);
    return json(incidentJson(incident!), 201);
  },
});

export const getIncidentRoute = apiRoute({
  permission: "incident:read",
  params: idParams,
  handler: async (_request, { params, api }) => {
    const incident = await getIncident(api.scope, params.id);
    if (!incident) throw new NotFoundError("Incident");
    return json(incidentJson(incident));
  },
});

export const patchIncidentRoute = apiRoute({
  permission: "incident:write",
  params: idParams,
  handler: async (request, { params, api }) => {
    const patch = incidentPatchBody.parse(await readJson(request));
    const current = await getIncident(api.scope, params.id);
    if (!current) throw new NotFoundError("Incident");
    // The form always saves every field: fill what the patch leaves out from the stored record.
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    const merged = {
      title: current.title,
      severity: current.severity,
      status: current.status,
      startedAt: current.startedAt.toISOString(),
      detectedAt: iso(current.detectedAt),
      acknowledgedAt: iso(current.acknowledgedAt),
      mitigatedAt: iso(current.mitigatedAt),
      resolvedAt: iso(current.resolvedAt),
      summary: current.summary,
      customerImpact: current.customerImpact,
      services: current.services,
      tags: current.tags,
      commanderId: current.commanderId,
      ...Object.fromEntries(
        Object.entries(patch).filter(([k, v]) => k !== "version" && v !== undefined),
      ),
    };
    const input = incidentInputSchema.parse(incidentFormShape(merged));
    await updateIncident(api.actor, params.id, patch.version, input);
    return json(incidentJson((await getIncident(api.scope, params.id))!));
  },
});

async function requireIncident(scope: Parameters<typeof findIncidentRef>[0], id: string) {
  const ref = await findIncidentRef(scope, id);
  if (!ref) throw new NotFoundError("Incident");
  return ref;
}

export const listTimelineRoute = apiRoute({
  permission: "incident:read",
  params: idParams,
  handler: async (_request, { params, api }) => {
    await requireIncident(api.scope, params.id);
    const events = await listTimeline(api.scope, params.id);
    return json({ data: events.map(timelineEventJson) });
  },
});

export const createTimelineRoute = apiRoute({
  permission: "incident:write",
  params: idParams,
  handler: async (request, { params, api }) => {
    const body = await readJson(request);
    await requireIncident(api.scope, params.id);
    const input = timelineCreateSchema(params.id).parse(body);
    const { id } = await createTimelineEvent(api.actor, input, "API");
    const event = (await listTimeline(api.scope, params.id)).find((e) => e.id === id)!;
    return json(timelineEventJson(event), 201);
  },
});

export const listIncidentActionItemsRoute = apiRoute({
  permission: "incident:read",
  params: idParams,
  handler: async (_request, { params, api }) => {
    await requireIncident(api.scope, params.id);
    const items = await listIncidentActionItems(api.scope, params.id);
    return json({ data: items.map(actionItemJson) });
  },
});

export const listActionItemsRoute = apiRoute({
  permission: "incident:read",
  handler: async (request, { api }) => {
    const q = query(request);
    // No "mine": a token is not a person.
    const filters = parseActionFilters({
      status: q.status ?? "ALL",
      overdue: q.overdue,
      incident: q.incident,
      owner: q.owner,
    });
    const items = await listActionItems(api.scope, { ...filters, mine: false }, api.actor.user.id);
    return json({ data: items.map(actionItemJson) });
  },
});

export const listReportsRoute = apiRoute({
  permission: "incident:read",
  handler: async (request, { api }) => {
    const incident = new URL(request.url).searchParams.get("incident") ?? undefined;
    const rows = await listPublishedReports(api.scope, incident);
    return json({
      data: rows.map((r) => ({
        id: r.id,
        incidentId: r.report.incidentId,
        number: r.number,
        title: r.title,
        publishedAt: r.publishedAt.toISOString(),
      })),
    });
  },
});

export const getReportRoute = apiRoute({
  permission: "incident:read",
  params: idParams,
  handler: async (_request, { params, api }) => {
    const v = await getVersionForTeam(api.scope, params.id);
    if (!v) throw new NotFoundError("Report");
    return json({
      id: v.id,
      incidentId: v.incidentId,
      number: v.number,
      title: v.title,
      publishedAt: v.publishedAt.toISOString(),
      snapshot: v.snapshot,
    });
  },
});
