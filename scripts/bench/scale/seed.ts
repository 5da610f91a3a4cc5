// Bulk data for the scale bench, generated inside PostgreSQL (INSERT … SELECT generate_series):
// no rows shipped over the wire. scripts/bench/scale/databases.ts runs it with the plain indexes
// dropped and rebuilt afterwards, then VACUUM ANALYZE.
// Deterministic (setseed), so two runs measure the same data shape.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { composeReport } from "../../../lib/reports/snapshot";
import { sampleSource } from "../../../lib/reports/test-fixtures";

export const SERVICES = [
  "checkout",
  "payments",
  "search",
  "auth",
  "catalog",
  "cart",
  "email",
  "billing",
  "api-gateway",
  "cdn",
  "db-primary",
  "queue",
  "inventory",
  "shipping",
  "notifications",
  "reports",
];
export const MEMBERS_PER_TEAM = 5;
export const READER_EMAIL = "reader@bench.test";

export interface BulkShape {
  teams: number;
  incidentsPerTeam: number;
}

export interface SeededTeam {
  teamId: string;
  ownerId: string;
  ownerEmail: string;
  /** Session cookie value of the team's owner (authjs.session-token). */
  ownerSession: string;
  memberIds: string[];
}

export interface BulkSeed {
  shape: BulkShape;
  incidents: number;
  /** Team 1: the one every page is measured on. */
  team: SeededTeam;
  readerId: string;
  readerSession: string;
  /** An incident of team 1 that has action items (for the incident filter). */
  sampleIncidentId: string;
  counts: Record<string, number>;
}

const sessionToken = () => randomBytes(32).toString("hex");

/** One statement (or a few that depend on each other) of the seed, on the connection given. */
export type SeedTask = (c: pg.Client) => Promise<unknown>;
/** Runs independent tasks: one after another on one connection, or side by side on a pool. */
export type RunTasks = (tasks: SeedTask[]) => Promise<void>;
const oneByOne =
  (c: pg.Client): RunTasks =>
  async (tasks) => {
    for (const task of tasks) await task(c);
  };

/**
 * Teams, members, incidents with timelines, 5 Whys chains, action items and published reports.
 * The children of the incidents (events, 5 Whys, action items, reports) depend only on the
 * incidents, so `runTasks` may fill them side by side (databases.ts does, one core each).
 */
export async function seedBulk(
  c: pg.Client,
  shape: BulkShape,
  runTasks: RunTasks = oneByOne(c),
): Promise<BulkSeed> {
  const { teams, incidentsPerTeam: per } = shape;
  await c.query("SELECT setseed(0.42)");
  await c.query(
    `INSERT INTO "User" (id, email, name, "updatedAt")
    SELECT 'u_' || t || '_' || k, 'u' || t || '.' || k || '@bench.test', 'Member ' || k || ' of team ' || t, now()
    FROM generate_series(1, $1) t, generate_series(1, $2) k`,
    [teams, MEMBERS_PER_TEAM],
  );
  await c.query(
    `INSERT INTO "Team" (id, name, slug, "incidentSeq", "updatedAt")
    SELECT 'team_' || t, 'Bench team ' || t, 'bench-team-' || t, $2, now() FROM generate_series(1, $1) t`,
    [teams, per],
  );
  await c.query(
    `INSERT INTO "Membership" (id, "teamId", "userId", role, "createdAt")
    SELECT 'm_' || t || '_' || k, 'team_' || t, 'u_' || t || '_' || k, (CASE k WHEN 1 THEN 'OWNER' WHEN 5 THEN 'VIEWER' ELSE 'EDITOR' END)::"Role", now() - (k || ' days')::interval
    FROM generate_series(1, $1) t, generate_series(1, $2) k`,
    [teams, MEMBERS_PER_TEAM],
  );

  // Incidents: numbered oldest first, one every ~5 hours back from now; 2 % still open.
  await c.query(
    `INSERT INTO "Incident" (id, "teamId", number, title, severity, status, "startedAt", "detectedAt", "acknowledgedAt", "mitigatedAt", "resolvedAt",
      summary, "customerImpact", services, tags, "commanderId", "createdById", "problemStatement", "createdAt", "updatedAt")
    SELECT id, "teamId", n, title, severity::"Severity", status::"IncidentStatus", started, started + interval '4 minutes', started + interval '6 minutes',
      CASE WHEN status IN ('RESOLVED', 'CLOSED') THEN started + interval '40 minutes' END,
      CASE WHEN status IN ('RESOLVED', 'CLOSED') THEN started + interval '65 minutes' END,
      'Summary of incident ' || n || ': requests failed while a dependency was degraded.', 'Some customers saw errors for about an hour.',
      services, ARRAY['bench'], "commanderId", "commanderId", 'Customers could not complete ' || title, started, started
    FROM (
      SELECT 'i_' || t || '_' || n AS id, 'team_' || t AS "teamId", n,
        (ARRAY['Checkout errors','Slow search','Login failures','Payment timeouts','Stale cache','Queue backlog','CDN misses','Replica lag'])[1 + (n * 7 + t) % 8] || ' #' || n AS title,
        CASE WHEN r1 < 0.05 THEN 'SEV1' WHEN r1 < 0.25 THEN 'SEV2' WHEN r1 < 0.70 THEN 'SEV3' ELSE 'SEV4' END AS severity,
        CASE WHEN r2 < 0.01 THEN 'INVESTIGATING' WHEN r2 < 0.015 THEN 'IDENTIFIED' WHEN r2 < 0.02 THEN 'MONITORING' WHEN r2 < 0.20 THEN 'RESOLVED' ELSE 'CLOSED' END AS status,
        now() - (($2 - n) * interval '5 hours') - (r3 * interval '4 hours') AS started,
        CASE WHEN r3 < 0.3 THEN ARRAY[($3::text[])[1 + (n % 16)], ($3::text[])[1 + ((n * 5 + t + 1) % 16)]] ELSE ARRAY[($3::text[])[1 + ((n * 3 + t) % 16)]] END AS services,
        'u_' || t || '_' || (1 + n % 4) AS "commanderId"
      -- The WHERE makes the draws depend on the row: an uncorrelated subquery runs once, and every
      -- incident got the same three numbers (all SEV4 and closed) until 2026-12-04.
      FROM generate_series(1, $1) t, generate_series(1, $2) n,
        LATERAL (SELECT random() AS r1, random() AS r2, random() AS r3 WHERE n > 0 AND t > 0 OFFSET 0) r
    ) x`,
    [teams, per, SERVICES],
  );

  const readerId = "u_reader";
  // The report snapshot is composed once, outside the tasks (the same for every report).
  const base = composeReport({
    ...sampleSource(),
    publication: { number: 1, publishedAt: new Date(), publishedBy: "Bench" },
  });
  await runTasks([
    async (db) => {
      // Five timeline events per incident (two of them key events).
      // "teamId" is the incident's (a trigger fills it; the seed may run with triggers off).
      await db.query(`INSERT INTO "TimelineEvent" (id, "incidentId", "teamId", "occurredAt", kind, body, source, "isKey", "createdAt", "updatedAt")
        SELECT i.id || '_e' || k, i.id, i."teamId", i."startedAt" + (k * interval '9 minutes'), (ARRAY['ALERT','ACTION','DECISION','COMMUNICATION','NOTE'])[k]::"TimelineKind",
          'Event ' || k || ' of ' || i.title || ': error rate ' || (k * 3) || '% on ' || i.services[1], 'MANUAL', k IN (1, 3), now(), now()
        FROM "Incident" i, generate_series(1, 5) k`);
    },
    async (db) => {
      // A three-level 5 Whys chain ending in a root cause.
      await db.query(`INSERT INTO "WhyNode" (id, "incidentId", "teamId", "parentId", statement, position, "isRootCause", category, "createdAt", "updatedAt")
        SELECT i.id || '_w' || k, i.id, i."teamId", CASE WHEN k > 1 THEN i.id || '_w' || (k - 1) END,
          (ARRAY['Requests timed out', 'The pool was exhausted', 'Pool size was never load-tested'])[k], 0, k = 3, CASE WHEN k = 3 THEN 'TESTING'::"RootCauseCategory" END, now(), now()
        FROM "Incident" i, generate_series(1, 3) k`);
    },
    async (db) => {
      // Its own random sequence: it may run on another connection than the incidents' insert.
      await db.query("SELECT setseed(0.43)");
      // Two action items per incident; most done, the recent and some old ones still open (overdue).
      await db.query(`INSERT INTO "ActionItem" (id, "teamId", "incidentId", "whyNodeId", title, "ownerId", "dueDate", priority, status, "completedAt", "createdAt", "updatedAt")
        SELECT i.id || '_a' || k, i."teamId", i.id, CASE WHEN k = 1 THEN i.id || '_w3' END,
          (ARRAY['Load-test the pool', 'Add an alert on saturation'])[k] || ' (' || i.title || ')',
          CASE WHEN r < 0.1 THEN NULL ELSE 'u_' || split_part(i."teamId", '_', 2) || '_' || (1 + (i.number + k) % 5) END,
          date_trunc('day', i."startedAt" + interval '14 days'), (ARRAY['P1','P2','P3','P4'])[1 + (i.number + k) % 4]::"Priority",
          s::"ActionStatus", CASE WHEN s = 'DONE' THEN i."startedAt" + interval '10 days' END, i."startedAt", i."startedAt"
        FROM "Incident" i, generate_series(1, 2) k,
          -- Drawn per item (the WHERE ties the draw to the row; see the incidents' insert).
          LATERAL (SELECT random() AS r, random() AS r2 WHERE k > 0 AND i.id IS NOT NULL OFFSET 0) rr,
          LATERAL (SELECT CASE WHEN rr.r2 < 0.15 THEN 'OPEN' WHEN rr.r2 < 0.20 THEN 'IN_PROGRESS' WHEN rr.r2 < 0.90 THEN 'DONE' ELSE 'WONT_DO' END AS s OFFSET 0) ss`);
    },
    async (db) => {
      // Every fifth incident has a published report (version 1), with a small real snapshot.
      await db.query(`INSERT INTO "Report" (id, "incidentId", status, narrative, "createdAt", "updatedAt")
        SELECT i.id || '_r', i.id, 'PUBLISHED', '{"summary":"We lost checkouts."}', i."startedAt", i."startedAt" FROM "Incident" i WHERE i.number % 5 = 0`);
      await db.query(
        `INSERT INTO "ReportVersion" (id, "reportId", number, snapshot, title, "publishedById", "publishedAt")
        SELECT i.id || '_v1', i.id || '_r', 1, $1::jsonb || jsonb_build_object('title', 'INC-' || i.number || ': ' || i.title),
          'INC-' || i.number || ': ' || i.title, i."commanderId", i."startedAt" + interval '3 days'
        FROM "Incident" i WHERE i.number % 5 = 0`,
        [JSON.stringify(base)],
      );

      // A stakeholder who was sent every report of team 1 (the portal list of a reader with many reports).
      await db.query(
        `INSERT INTO "User" (id, email, name, "updatedAt") VALUES ($1, $2, 'Bench Reader', now())`,
        [readerId, READER_EMAIL],
      );
      await db.query(
        `INSERT INTO "StakeholderGrant" (id, "reportVersionId", email, "createdAt")
        SELECT 'g_' || v.id, v.id, $1, v."publishedAt" FROM "ReportVersion" v JOIN "Report" r ON r.id = v."reportId" JOIN "Incident" i ON i.id = r."incidentId" WHERE i."teamId" = 'team_1'`,
        [READER_EMAIL],
      );
    },
  ]);

  const ownerSession = sessionToken();
  const readerSession = sessionToken();
  await c.query(
    `INSERT INTO "Session" (id, "sessionToken", "userId", expires, "activeTeamId") VALUES ('s_owner', $1, 'u_1_1', now() + interval '1 day', 'team_1'), ('s_reader', $2, $3, now() + interval '1 day', NULL)`,
    [ownerSession, readerSession, readerId],
  );
  return readBulkSeed(c, shape);
}

/** What seedBulk seeded, read back from its database (to measure a kept database again). */
export async function readBulkSeed(c: pg.Client, shape: BulkShape): Promise<BulkSeed> {
  const sessions = await c.query<{ id: string; sessionToken: string }>(
    `SELECT id, "sessionToken" FROM "Session" WHERE id IN ('s_owner', 's_reader')`,
  );
  const session = (id: string) => sessions.rows.find((r) => r.id === id)!.sessionToken;
  const counts: Record<string, number> = {};
  for (const table of [
    "Incident",
    "TimelineEvent",
    "WhyNode",
    "ActionItem",
    "ReportVersion",
    "StakeholderGrant",
  ]) {
    counts[table] = Number((await c.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n);
  }
  return {
    shape,
    incidents: shape.teams * shape.incidentsPerTeam,
    team: {
      teamId: "team_1",
      ownerId: "u_1_1",
      ownerEmail: "u1.1@bench.test",
      ownerSession: session("s_owner"),
      memberIds: Array.from({ length: MEMBERS_PER_TEAM }, (_, k) => `u_1_${k + 1}`),
    },
    readerId: "u_reader",
    readerSession: session("s_reader"),
    sampleIncidentId: `i_1_${shape.incidentsPerTeam - 3}`,
    counts,
  };
}
