// Direct SQL fixtures for the 5 Whys specs and bench: an incident with timeline events for a
// signed-up user's team, without depending on the incident forms.
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { WhyNodeData } from "../../lib/whys/tree";

export interface SeedEvent {
  minutes: number;
  kind: "ALERT" | "ACTION" | "DECISION" | "COMMUNICATION" | "NOTE";
  body: string;
}

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

/** Creates an incident (with timeline events) in the first team of the user with this email. */
export function createIncidentFor(
  email: string,
  incident: { title: string; customerImpact: string; events?: SeedEvent[] },
  url?: string,
): Promise<{ incidentId: string; teamId: string; eventIds: string[] }> {
  return withClient(async (client) => {
    const membership = await client.query<{ teamId: string; userId: string }>(
      `SELECT m."teamId", u.id AS "userId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1 ORDER BY m."createdAt" LIMIT 1`,
      [email.toLowerCase()],
    );
    const { teamId, userId } = membership.rows[0] ?? {};
    if (!teamId) throw new Error(`No team for ${email}`);
    await client.query("BEGIN");
    const seq = await client.query<{ incidentSeq: number }>(
      `UPDATE "Team" SET "incidentSeq" = "incidentSeq" + 1 WHERE id = $1 RETURNING "incidentSeq"`,
      [teamId],
    );
    const incidentId = `e2e${randomUUID().replace(/-/g, "")}`;
    const startedAt = new Date(Date.now() - 3 * 3600_000);
    await client.query(
      `INSERT INTO "Incident" (id, "teamId", number, title, severity, status, "startedAt", "customerImpact", services, tags, "createdById", "updatedAt")
       VALUES ($1, $2, $3, $4, 'SEV2', 'INVESTIGATING', $5, $6, '{checkout}', '{}', $7, now())`,
      [
        incidentId,
        teamId,
        seq.rows[0].incidentSeq,
        incident.title,
        startedAt,
        incident.customerImpact,
        userId,
      ],
    );
    const eventIds: string[] = [];
    for (const e of incident.events ?? []) {
      const id = `e2e${randomUUID().replace(/-/g, "")}`;
      eventIds.push(id);
      await client.query(
        `INSERT INTO "TimelineEvent" (id, "incidentId", "occurredAt", kind, body, "updatedAt") VALUES ($1, $2, $3, $4, $5, now())`,
        [id, incidentId, new Date(startedAt.getTime() + e.minutes * 60_000), e.kind, e.body],
      );
    }
    await client.query("COMMIT");
    return { incidentId, teamId, eventIds };
  }, url);
}

/** Adds a (new) user with this email to a team with the given role; they sign in afterwards. */
export function addMember(
  teamId: string,
  email: string,
  role: "EDITOR" | "VIEWER",
  name?: string,
  url?: string,
) {
  return withClient(async (client) => {
    const userId = `e2e${randomUUID().replace(/-/g, "")}`;
    await client.query(
      `INSERT INTO "User" (id, email, name, "emailVerified", "updatedAt") VALUES ($1, $2, $3, now(), now())`,
      [userId, email.toLowerCase(), name ?? null],
    );
    await client.query(
      `INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, $4)`,
      [`e2e${randomUUID().replace(/-/g, "")}`, teamId, userId, role],
    );
    return userId;
  }, url);
}

/**
 * Stores a 5 Whys tree (rows as in lib/whys/sample-trees.ts, parents before children) under an
 * incident; ids get an incident-unique prefix. Returns sample id → stored id.
 */
export function addWhyTree(
  incidentId: string,
  nodes: WhyNodeData[],
  url?: string,
): Promise<Map<string, string>> {
  return withClient(async (client) => {
    const ids = new Map(nodes.map((n) => [n.id, `${incidentId}-${n.id}`]));
    for (const n of nodes) {
      await client.query(
        `INSERT INTO "WhyNode" (id, "incidentId", "parentId", statement, position, "isRootCause", category, "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
        [
          ids.get(n.id),
          incidentId,
          n.parentId ? ids.get(n.parentId) : null,
          n.statement,
          n.position,
          n.isRootCause,
          n.category,
        ],
      );
    }
    return ids;
  }, url);
}
