// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the handlers validate
// with (zod 4's JSON Schema output, draft 2020-12 = OpenAPI 3.1's dialect). Request bodies use
// the schemas' input side (what a client sends), responses their output side. Pure: no I/O.
import { z } from "zod";
import {
  actionItemOut,
  errorOut,
  incidentCreateSchema,
  incidentListQuery,
  incidentOut,
  incidentPageOut,
  incidentPatchBody,
  reportOut,
  timelineCreateSchema,
  timelineEventOut,
} from "./schema";

type Json = Record<string, unknown>;

/** A zod schema as a JSON Schema component; named sub-schemas become #/components/schemas refs. */
function schemaOf(
  schema: z.ZodType,
  io: "input" | "output",
  components: Record<string, Json>,
): Json {
  const raw = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });
  // Named sub-schemas land in $defs; in OpenAPI they live under components.
  const out = JSON.parse(
    JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/'),
  ) as Json;
  const defs = (out.$defs ?? {}) as Record<string, Json>;
  for (const [id, def] of Object.entries(defs)) components[id] = def;
  delete out.$defs;
  delete out.$schema;
  const id = (schema.meta() as { id?: string } | undefined)?.id;
  if (id) {
    delete out.id;
    components[id] = out;
    return { $ref: `#/components/schemas/${id}` };
  }
  return out;
}

const ERROR_STATUSES: Record<string, string> = {
  "400": "The body is not JSON.",
  "401": "Missing, wrong or revoked token.",
  "403": "The token is read-only, or its creator's role does not allow this.",
  "404": "No such record in this token's team (another team's ids are not found).",
  "409": "The record changed since the given version; lists the fields others changed.",
  "422": "Invalid input: `fieldErrors` names each wrong field. Nothing was saved.",
  "429": "Over the token's rate limit: retry after `Retry-After` seconds.",
};

interface Op {
  method: "get" | "post" | "patch";
  path: string;
  summary: string;
  scope: "read" | "write";
  params?: string[];
  query?: z.ZodObject;
  body?: z.ZodType;
  ok: { status: string; description: string; schema: z.ZodType };
  errors: string[];
}

const list = (item: z.ZodType) => z.object({ data: z.array(item) });

export const OPERATIONS: Op[] = [
  {
    method: "get",
    path: "/incidents",
    summary: "List incidents (newest first, 50 per page)",
    scope: "read",
    query: incidentListQuery,
    ok: { status: "200", description: "One page", schema: incidentPageOut },
    errors: ["401", "422", "429"],
  },
  {
    method: "post",
    path: "/incidents",
    summary: "Open an incident",
    scope: "write",
    body: incidentCreateSchema,
    ok: { status: "201", description: "Created", schema: incidentOut },
    errors: ["400", "401", "403", "422", "429"],
  },
  {
    method: "get",
    path: "/incidents/{id}",
    summary: "Read an incident",
    scope: "read",
    params: ["id"],
    ok: { status: "200", description: "The incident", schema: incidentOut },
    errors: ["401", "404", "429"],
  },
  {
    method: "patch",
    path: "/incidents/{id}",
    summary: "Update an incident (any fields, with the version you read)",
    scope: "write",
    params: ["id"],
    body: incidentPatchBody,
    ok: { status: "200", description: "Updated", schema: incidentOut },
    errors: ["400", "401", "403", "404", "409", "422", "429"],
  },
  {
    method: "get",
    path: "/incidents/{id}/timeline",
    summary: "List an incident's timeline",
    scope: "read",
    params: ["id"],
    ok: { status: "200", description: "Events in time order", schema: list(timelineEventOut) },
    errors: ["401", "404", "429"],
  },
  {
    method: "post",
    path: "/incidents/{id}/timeline",
    summary: "Add a timeline event",
    scope: "write",
    params: ["id"],
    body: timelineCreateSchema("id"),
    ok: { status: "201", description: "Created", schema: timelineEventOut },
    errors: ["400", "401", "403", "404", "422", "429"],
  },
  {
    method: "get",
    path: "/incidents/{id}/action-items",
    summary: "List an incident's action items",
    scope: "read",
    params: ["id"],
    ok: { status: "200", description: "Action items", schema: list(actionItemOut) },
    errors: ["401", "404", "429"],
  },
  {
    method: "get",
    path: "/action-items",
    summary: "List the team's action items",
    scope: "read",
    query: z.object({
      status: z.enum(["OPEN", "IN_PROGRESS", "DONE", "WONT_DO", "ACTIVE", "ALL"]).optional(),
      overdue: z.enum(["1", "true"]).optional(),
      incident: z.string().optional(),
      owner: z.string().optional(),
    }),
    ok: {
      status: "200",
      description: "Action items (overdue first, then by due date)",
      schema: list(actionItemOut),
    },
    errors: ["401", "429"],
  },
  {
    method: "get",
    path: "/reports",
    summary: "List published reports",
    scope: "read",
    query: z.object({ incident: z.string().optional() }),
    ok: { status: "200", description: "Published versions, newest first", schema: list(reportOut) },
    errors: ["401", "429"],
  },
  {
    method: "get",
    path: "/reports/{id}",
    summary: "Read a published report version",
    scope: "read",
    params: ["id"],
    ok: { status: "200", description: "The frozen snapshot", schema: reportOut },
    errors: ["401", "404", "429"],
  },
];

export function buildOpenApi(serverUrl = "/api/v1"): Json {
  const components: Record<string, Json> = {};
  const errorRef = schemaOf(errorOut, "output", components);
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    const parameters: Json[] = [];
    for (const p of op.params ?? [])
      parameters.push({ name: p, in: "path", required: true, schema: { type: "string" } });
    if (op.query) {
      for (const [name, s] of Object.entries(op.query.shape)) {
        const js = schemaOf(s as z.ZodType, "input", components);
        parameters.push({
          name,
          in: "query",
          required: false,
          schema: js,
          ...(js.description ? { description: js.description } : {}),
        });
      }
    }
    const responses: Json = {
      [op.ok.status]: {
        description: op.ok.description,
        content: { "application/json": { schema: schemaOf(op.ok.schema, "output", components) } },
      },
    };
    for (const status of op.errors)
      responses[status] = {
        description: ERROR_STATUSES[status],
        content: { "application/json": { schema: errorRef } },
      };
    const operation: Json = {
      operationId: `${op.method}${op.path
        .replace(/\{(\w+)\}/g, "By_$1")
        .split(/[/_-]/)
        .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : ""))
        .join("")}`,
      summary: op.summary,
      description:
        op.scope === "write" ? "Needs a read-and-write token." : "Any token of the team.",
      security: [{ bearer: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: schemaOf(op.body, "input", components) } },
            },
          }
        : {}),
      responses,
    };
    (paths[op.path] ??= {})[op.method] = operation;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Hindsight API",
      version: "1.0.0",
      description:
        "Incidents, timelines, action items and published reports of one team. Authenticate with a team API token " +
        "(Settings → API tokens): `Authorization: Bearer hs_…`. Times are ISO 8601; bad input answers 422 with the wrong fields and saves nothing.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A team API token (hs_…)." },
      },
    },
  };
}
