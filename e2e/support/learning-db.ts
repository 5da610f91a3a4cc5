// Direct SQL fixtures for the search, dashboard and "happened before" specs: 5 Whys nodes and
// action items on incidents made by createIncidentFor (whys-db.ts).
import { randomUUID } from "node:crypto";
import pg from "pg";

const newId = () => `e2e${randomUUID().replace(/-/g, "")}`;

async function withClient<T>(
  fn: (client: pg.Client) => Promise<T>,
  url = process.env.DATABASE_URL,
): Promise<T> {
  if (!url) throw new Error("DATABASE_URL is not set: run e2e tests with `npm run test:e2e`");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A 5 Whys statement under the problem (or under parentId); a root cause when category is given. */
export function addWhy(
  incidentId: string,
  statement: string,
  opts: { parentId?: string; category?: string } = {},
  url?: string,
) {
  return withClient(async (c) => {
    const id = newId();
    await c.query(
      `INSERT INTO "WhyNode" (id, "incidentId", "parentId", statement, "isRootCause", category, "updatedAt") VALUES ($1, $2, $3, $4, $5, $6::"RootCauseCategory", now())`,
      [
        id,
        incidentId,
        opts.parentId ?? null,
        statement,
        Boolean(opts.category),
        opts.category ?? null,
      ],
    );
    return id;
  }, url);
}

/** Sets lifecycle times (minutes after the start) and the status of an incident. */
export function setLifecycle(
  incidentId: string,
  t: {
    startedAt: Date;
    detected?: number;
    acknowledged?: number;
    mitigated?: number;
    resolved?: number;
    severity?: string;
    services?: string[];
  },
  url?: string,
) {
  const at = (m?: number) =>
    m === undefined ? null : new Date(t.startedAt.getTime() + m * 60_000);
  return withClient(async (c) => {
    await c.query(
      `UPDATE "Incident" SET "startedAt" = $2, "detectedAt" = $3, "acknowledgedAt" = $4, "mitigatedAt" = $5, "resolvedAt" = $6,
         status = CASE WHEN $6::timestamp IS NULL THEN status ELSE 'RESOLVED'::"IncidentStatus" END,
         severity = COALESCE($7::"Severity", severity), services = COALESCE($8::text[], services) WHERE id = $1`,
      [
        incidentId,
        t.startedAt,
        at(t.detected),
        at(t.acknowledged),
        at(t.mitigated),
        at(t.resolved),
        t.severity ?? null,
        t.services ?? null,
      ],
    );
  }, url);
}

/** An action item on an incident, optionally addressing a root cause. */
export function addActionItem(
  incidentId: string,
  title: string,
  opts: {
    whyNodeId?: string;
    status?: string;
    dueDate?: Date;
    completedAt?: Date;
    priority?: string;
  } = {},
  url?: string,
) {
  return withClient(async (c) => {
    const id = newId();
    await c.query(
      `INSERT INTO "ActionItem" (id, "teamId", "incidentId", "whyNodeId", title, status, "dueDate", "completedAt", priority, "updatedAt")
       SELECT $1, i."teamId", i.id, $3, $4, $5::"ActionStatus", $6, $7, $8::"Priority", now() FROM "Incident" i WHERE i.id = $2`,
      [
        id,
        incidentId,
        opts.whyNodeId ?? null,
        title,
        opts.status ?? "OPEN",
        opts.dueDate ?? null,
        opts.completedAt ?? null,
        opts.priority ?? "P3",
      ],
    );
    return id;
  }, url);
}
