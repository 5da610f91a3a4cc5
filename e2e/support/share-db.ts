// Direct SQL fixtures for the sharing specs and bench: a published report version (and portal
// grants / share links) for a signed-up user's team, without depending on the report UI.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { composeReport, reportTitle, type ReportSource } from "../../lib/reports/snapshot";
import { sampleSource } from "../../lib/reports/test-fixtures";
import { reportSearchSections } from "../../lib/search/report-text";

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

export interface PublishedFixture {
  incidentId: string;
  number: number;
  versionId: string;
  teamId: string;
  userId: string;
  title: string;
}

/** An incident with a published report (version 1) in the first team of the user with this email. */
export function publishReportFor(
  email: string,
  title: string,
  url?: string,
  source: Partial<ReportSource> = {},
): Promise<PublishedFixture> {
  return withClient(async (c) => {
    const m = await c.query<{ teamId: string; userId: string }>(
      `SELECT m."teamId", m."userId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1 ORDER BY m."createdAt" LIMIT 1`,
      [email.toLowerCase()],
    );
    if (!m.rows[0]) throw new Error(`${email} has no team`);
    const { teamId, userId } = m.rows[0];
    const seq = await c.query<{ incidentSeq: number }>(
      `UPDATE "Team" SET "incidentSeq" = "incidentSeq" + 1 WHERE id = $1 RETURNING "incidentSeq"`,
      [teamId],
    );
    const number = seq.rows[0]!.incidentSeq;
    const incidentId = `e2e${randomUUID().replace(/-/g, "").slice(0, 20)}`;
    const summary = `Summary of ${title}: checkout returned errors for 40 minutes.`;
    await c.query(
      `INSERT INTO "Incident" (id, "teamId", number, title, severity, status, "startedAt", "resolvedAt", summary, "customerImpact", services, tags, "createdById", "updatedAt")
       VALUES ($1, $2, $3, $4, 'SEV2', 'RESOLVED', now() - interval '2 hours', now() - interval '1 hour', $5, 'Some checkouts failed.', ARRAY['checkout'], ARRAY[]::text[], $6, now())`,
      [incidentId, teamId, number, title, summary, userId],
    );
    const reportId = `${incidentId}r`;
    await c.query(
      `INSERT INTO "Report" (id, "incidentId", status, "updatedAt") VALUES ($1, $2, 'PUBLISHED', now())`,
      [reportId, incidentId],
    );
    const base = sampleSource(source);
    const snapshot = composeReport({
      ...base,
      incident: {
        ...base.incident,
        id: incidentId,
        number,
        title,
        summary: source.incident?.summary ?? summary,
      },
      author: { name: "Internal Author", email: "internal.author@example.test" },
      publication: { number: 1, publishedAt: new Date(), publishedBy: "E2E Publisher" },
    });
    const versionId = `${incidentId}v`;
    await c.query(
      `INSERT INTO "ReportVersion" (id, "reportId", number, snapshot, title, "publishedById") VALUES ($1, $2, 1, $3, $4, $5)`,
      [versionId, reportId, JSON.stringify(snapshot), reportTitle(number, title), userId],
    );
    // What publishing writes for search (lib/reports/mutations.ts publishReport).
    for (const s of reportSearchSections(snapshot)) {
      await c.query(
        `INSERT INTO "ReportSectionText" (id, "reportVersionId", position, key, title, body) VALUES ($1, $2, $3, $4, $5, $6)`,
        [`${versionId}s${s.position}`, versionId, s.position, s.key, s.title, s.body],
      );
    }
    return { incidentId, number, versionId, teamId, userId, title };
  }, url);
}

export function grantPortalAccess(
  versionId: string,
  email: string,
  url?: string,
  audience: "INTERNAL" | "CUSTOMER" = "INTERNAL",
) {
  return withClient(async (c) => {
    await c.query(
      `INSERT INTO "StakeholderGrant" (id, "reportVersionId", email, audience) VALUES ($1, $2, $3, $4::"ShareAudience")`,
      [`g${randomUUID()}`, versionId, email.toLowerCase(), audience],
    );
  }, url);
}

/** Revokes the share link with this raw token. */
export function revokeShareLink(token: string, url?: string) {
  return withClient(async (c) => {
    const hash = createHash("sha256").update(token).digest("hex");
    await c.query(`UPDATE "ShareLink" SET "revokedAt" = now() WHERE "tokenHash" = $1`, [hash]);
  }, url);
}

/** Share links straight in the database (for the bench): returns the raw tokens. */
export function createShareLinks(
  fixture: PublishedFixture,
  count: number,
  url?: string,
): Promise<string[]> {
  return withClient(async (c) => {
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) {
      const token = randomBytes(32).toString("base64url");
      const hash = createHash("sha256").update(token).digest("hex");
      await c.query(
        `INSERT INTO "ShareLink" (id, "reportVersionId", "recipientEmail", "tokenHash", "expiresAt", "deliveryState", "createdById")
         VALUES ($1, $2, $3, $4, now() + interval '7 days', 'SENT', $5)`,
        [`s${randomUUID()}`, fixture.versionId, `reader${i}@example.test`, hash, fixture.userId],
      );
      tokens.push(token);
    }
    return tokens;
  }, url);
}

export function shareViewCount(token: string, url?: string) {
  return withClient(async (c) => {
    const hash = createHash("sha256").update(token).digest("hex");
    const r = await c.query<{ viewCount: number }>(
      `SELECT "viewCount" FROM "ShareLink" WHERE "tokenHash" = $1`,
      [hash],
    );
    return r.rows[0]?.viewCount ?? null;
  }, url);
}

/** One live share link for the version, of the given audience: returns the raw token. */
export function shareLinkFor(
  fixture: PublishedFixture,
  recipientEmail: string,
  audience: "INTERNAL" | "CUSTOMER" = "INTERNAL",
  url?: string,
): Promise<string> {
  return withClient(async (c) => {
    const token = randomBytes(32).toString("base64url");
    const hash = createHash("sha256").update(token).digest("hex");
    await c.query(
      `INSERT INTO "ShareLink" (id, "reportVersionId", "recipientEmail", "tokenHash", "expiresAt", "deliveryState", "createdById", audience)
       VALUES ($1, $2, $3, $4, now() + interval '7 days', 'SENT', $5, $6::"ShareAudience")`,
      [
        `s${randomUUID()}`,
        fixture.versionId,
        recipientEmail.toLowerCase(),
        hash,
        fixture.userId,
        audience,
      ],
    );
    return token;
  }, url);
}
