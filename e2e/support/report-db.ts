// Direct database fixtures for the report and action-item e2e specs: an incident with key
// events, a 5 Whys tree and a second team member, written with plain SQL through pg.
import { randomUUID } from "node:crypto";
import pg from "pg";

let pool: pg.Pool | null = null;
function db() {
  if (!process.env.DATABASE_URL)
    throw new Error("DATABASE_URL is not set: run e2e tests with `npm run test:e2e`");
  return (pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 }));
}

export async function closeReportDb() {
  await pool?.end();
  pool = null;
}

const id = () => `e2e${randomUUID().replace(/-/g, "").slice(0, 21)}`;

export async function teamOf(email: string): Promise<{ teamId: string; userId: string }> {
  const r = await db().query(
    `SELECT m."teamId", u.id AS "userId" FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE u.email = $1 ORDER BY m."createdAt" LIMIT 1`,
    [email.toLowerCase()],
  );
  if (!r.rows[0]) throw new Error(`No team for ${email}`);
  return r.rows[0];
}

/** A user who belongs to the team already (signing in with the magic link then just works). */
export async function addMember(
  teamId: string,
  email: string,
  name: string,
  role: "OWNER" | "EDITOR" | "VIEWER" = "EDITOR",
) {
  const userId = id();
  await db().query(
    `INSERT INTO "User" (id, email, name, "emailVerified", "updatedAt") VALUES ($1, $2, $3, now(), now())`,
    [userId, email.toLowerCase(), name],
  );
  await db().query(
    `INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, $4)`,
    [id(), teamId, userId, role],
  );
  return userId;
}

export interface SeededIncident {
  incidentId: string;
  rootCauseId: string;
  title: string;
}

/** A resolved incident with two key events and a 5 Whys tree ending in one root cause. */
export async function seedIncident(
  teamId: string,
  createdById: string,
  title: string,
): Promise<SeededIncident> {
  const c = db();
  const seq = await c.query(
    `UPDATE "Team" SET "incidentSeq" = "incidentSeq" + 1 WHERE id = $1 RETURNING "incidentSeq"`,
    [teamId],
  );
  const incidentId = id();
  await c.query(
    `INSERT INTO "Incident" (id, "teamId", number, title, severity, status, "startedAt", "detectedAt", "mitigatedAt", "resolvedAt", summary, "customerImpact", services, tags, "createdById", "updatedAt", "problemStatement")
     VALUES ($1, $2, $3, $4, 'SEV2', 'RESOLVED', '2026-01-10T14:00:00Z', '2026-01-10T14:04:00Z', '2026-01-10T14:40:00Z', '2026-01-10T15:05:00Z',
             'Checkout returned 502s.', 'About 12% of checkouts failed for an hour.', ARRAY['checkout'], ARRAY[]::text[], $5, now(), 'Checkouts failed for 65 minutes')`,
    [incidentId, teamId, seq.rows[0].incidentSeq, title, createdById],
  );
  for (const [at, kind, body] of [
    ["2026-01-10T14:04:00Z", "ALERT", "5xx rate alert fired"],
    ["2026-01-10T14:40:00Z", "ACTION", "Restarted the connection pooler"],
  ]) {
    await c.query(
      `INSERT INTO "TimelineEvent" (id, "incidentId", "occurredAt", kind, body, "isKey", "updatedAt") VALUES ($1, $2, $3, $4, $5, true, now())`,
      [id(), incidentId, at, kind, body],
    );
  }
  const why1 = id();
  const rootCauseId = id();
  await c.query(
    `INSERT INTO "WhyNode" (id, "incidentId", statement, position, "updatedAt") VALUES ($1, $2, 'The database failed over and the pool kept dead connections', 0, now())`,
    [why1, incidentId],
  );
  await c.query(
    `INSERT INTO "WhyNode" (id, "incidentId", "parentId", statement, position, "isRootCause", category, "updatedAt") VALUES ($1, $2, $3, 'Pool connections are never validated', 0, true, 'TOOLING', now())`,
    [rootCauseId, incidentId, why1],
  );
  return { incidentId, rootCauseId, title };
}

export async function renameIncident(incidentId: string, title: string) {
  await db().query(
    `UPDATE "Incident" SET title = $2, version = version + 1, "updatedAt" = now() WHERE id = $1`,
    [incidentId, title],
  );
}

export async function createActionItem(
  teamId: string,
  incidentId: string,
  data: { title: string; ownerId: string | null; dueDate: string | null; status?: string },
) {
  const itemId = id();
  await db().query(
    `INSERT INTO "ActionItem" (id, "teamId", "incidentId", title, "ownerId", "dueDate", status, "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
    [itemId, teamId, incidentId, data.title, data.ownerId, data.dueDate, data.status ?? "OPEN"],
  );
  return itemId;
}

export async function latestVersionId(incidentId: string): Promise<string> {
  const r = await db().query(
    `SELECT v.id FROM "ReportVersion" v JOIN "Report" r ON r.id = v."reportId" WHERE r."incidentId" = $1 ORDER BY v.number DESC LIMIT 1`,
    [incidentId],
  );
  return r.rows[0].id;
}

/** Adds `count` causes under `parentId`, ordered before the existing ones (so a cause ends up far down the page). */
export async function addWhyNodes(
  incidentId: string,
  parentId: string | null,
  count: number,
  prefix = "Filler cause",
) {
  for (let i = 0; i < count; i++) {
    await db().query(
      `INSERT INTO "WhyNode" (id, "incidentId", "parentId", statement, position, "updatedAt") VALUES ($1, $2, $3, $4, $5, now())`,
      [id(), incidentId, parentId, `${prefix} ${i + 1}`, i - 1000],
    );
  }
}

/** Cites the incident's timeline event with this text as evidence for a 5 Whys node. */
export async function citeEvent(incidentId: string, nodeId: string, body: string) {
  const ev = await db().query(
    `SELECT id FROM "TimelineEvent" WHERE "incidentId" = $1 AND body = $2`,
    [incidentId, body],
  );
  await db().query(
    `INSERT INTO "WhyNodeEvidence" (id, "nodeId", "timelineEventId") VALUES ($1, $2, $3)`,
    [id(), nodeId, ev.rows[0].id],
  );
}

export async function setUserName(userId: string, name: string) {
  await db().query(`UPDATE "User" SET name = $2 WHERE id = $1`, [userId, name]);
}
