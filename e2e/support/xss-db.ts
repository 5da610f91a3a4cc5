// Direct SQL fixtures for e2e/xss.spec.ts: every payload of lib/security/fixtures/xss-payloads.txt
// in every text field of an incident (title, summary, impact, services, tags, problem statement,
// timeline events and authors, 5 Whys causes, action items, report narrative and review
// comments), one incident per payload for titles, the user's display name, a published report
// version composed from it all, and the names owners give in settings (API tokens, alert
// sources, notification targets, report templates with their section titles and prompts) and
// the chat user names Slack and Mattermost send (connected accounts, a pending link).
// The app renders every sink from these rows.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { hashSecret } from "../../lib/api/tokens";
import { composeReport, reportTitle } from "../../lib/reports/snapshot";
import { fullTemplateSections, NARRATIVE_KEYS } from "../../lib/reports/sections";
import { sampleSource } from "../../lib/reports/test-fixtures";
import { reportSearchSections } from "../../lib/search/report-text";

export function xssPayloads(): string[] {
  return readFileSync(path.join(process.cwd(), "lib/security/fixtures/xss-payloads.txt"), "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"));
}

const id = () => `e2e${randomUUID().replace(/-/g, "").slice(0, 21)}`;

export interface XssFixture {
  incidentId: string;
  number: number;
  versionId: string;
  title: string;
  /** A pending chat link request whose chat user name is a payload (its page shows the name). */
  chatLinkToken: string;
}

/** Seeds the team of `email` with payloads everywhere and publishes the main incident's report. */
export async function seedPayloads(email: string): Promise<XssFixture> {
  const payloads = xssPayloads();
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    const m = await c.query<{ teamId: string; userId: string }>(
      `SELECT m."teamId", m."userId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1 LIMIT 1`,
      [email.toLowerCase()],
    );
    const { teamId, userId } = m.rows[0]!;
    const displayName = payloads[1]!;
    await c.query(`UPDATE "User" SET name = $2 WHERE id = $1`, [userId, displayName]);

    const incident = async (title: string, text: string) => {
      const seq = await c.query<{ incidentSeq: number }>(
        `UPDATE "Team" SET "incidentSeq" = "incidentSeq" + 1 WHERE id = $1 RETURNING "incidentSeq"`,
        [teamId],
      );
      const incidentId = id();
      const number = seq.rows[0]!.incidentSeq;
      await c.query(
        `INSERT INTO "Incident" (id, "teamId", number, title, severity, status, "startedAt", "detectedAt", "resolvedAt", summary, "customerImpact", services, tags, "createdById", "commanderId", "updatedAt", "problemStatement")
         VALUES ($1, $2, $3, $4, 'SEV2', 'RESOLVED', '2026-01-10T14:00:00Z', '2026-01-10T14:04:00Z', '2026-01-10T15:05:00Z', $5, $5, $6, $6, $7, $7, now(), $8)`,
        [
          incidentId,
          teamId,
          number,
          title,
          text,
          payloads.slice(0, 20).map((p) => p.slice(0, 60)),
          userId,
          text.slice(0, 1000),
        ],
      );
      return { incidentId, number };
    };

    // One incident per payload: every payload is some incident's title (the list shows them all).
    for (const p of payloads.slice(1)) await incident(p, p);
    const all = payloads.join("\n\n");
    const title = payloads[0]!;
    const main = await incident(title, all);

    const events = payloads.map((p, i) => ({
      id: id(),
      occurredAt: new Date(Date.UTC(2026, 0, 10, 14, i)),
      kind: "NOTE",
      body: p,
      author: p.slice(0, 80),
    }));
    for (const e of events) {
      await c.query(
        `INSERT INTO "TimelineEvent" (id, "incidentId", "occurredAt", kind, body, author, "isKey", "updatedAt") VALUES ($1, $2, $3, 'NOTE', $4, $5, true, now())`,
        [e.id, main.incidentId, e.occurredAt, e.body, e.author],
      );
    }
    const whyNodes = payloads.map((p, i) => ({
      id: id(),
      parentId: null,
      statement: p,
      position: i,
      isRootCause: i === 0,
      category: i === 0 ? ("TOOLING" as const) : null,
    }));
    for (const w of whyNodes) {
      await c.query(
        `INSERT INTO "WhyNode" (id, "incidentId", statement, position, "isRootCause", category, "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, now())`,
        [w.id, main.incidentId, w.statement, w.position, w.isRootCause, w.category],
      );
    }
    const items = payloads.map((p) => ({ id: id(), title: p, description: p }));
    for (const a of items) {
      await c.query(
        `INSERT INTO "ActionItem" (id, "teamId", "incidentId", title, description, "ownerId", status, "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, 'OPEN', now())`,
        [a.id, teamId, main.incidentId, a.title, a.description, userId],
      );
    }
    const narrative = Object.fromEntries(NARRATIVE_KEYS.map((k) => [k, all]));

    const base = sampleSource();
    const snapshot = composeReport({
      ...base,
      incident: {
        ...base.incident,
        id: main.incidentId,
        number: main.number,
        title,
        summary: all,
        customerImpact: all,
        services: payloads.slice(0, 20).map((p) => p.slice(0, 60)),
        tags: [],
        commanderName: displayName,
        problemStatement: all,
      },
      keyEvents: events,
      whyNodes,
      actionItems: items.map((a) => ({
        id: a.id,
        title: a.title,
        ownerName: displayName,
        dueDate: null,
        status: "OPEN",
        priority: "P2",
        trackerUrl: null,
        whyNodeId: whyNodes[0]!.id,
        type: null,
      })),
      narrative,
      author: { name: displayName, email },
      publication: { number: 1, publishedAt: new Date(), publishedBy: displayName },
    });
    const reportId = `${main.incidentId}r`;
    await c.query(
      `INSERT INTO "Report" (id, "incidentId", status, narrative, "updatedAt") VALUES ($1, $2, 'PUBLISHED', $3, now())`,
      [reportId, main.incidentId, JSON.stringify(narrative)],
    );
    const versionId = `${main.incidentId}v`;
    await c.query(
      `INSERT INTO "ReportVersion" (id, "reportId", number, snapshot, title, "publishedById") VALUES ($1, $2, 1, $3, $4, $5)`,
      [versionId, reportId, JSON.stringify(snapshot), reportTitle(main.number, title), userId],
    );
    for (const s of reportSearchSections(snapshot)) {
      await c.query(
        `INSERT INTO "ReportSectionText" (id, "reportVersionId", position, key, title, body) VALUES ($1, $2, $3, $4, $5, $6)`,
        [`${versionId}s${s.position}`, versionId, s.position, s.key, s.title, s.body],
      );
    }
    // Open review comments on the report, one per payload (the report page shows them by section).
    for (const [i, p] of payloads.entries()) {
      await c.query(
        `INSERT INTO "ReportComment" (id, "reportId", "authorId", "sectionKey", body) VALUES ($1, $2, $3, $4, $5)`,
        [id(), reportId, userId, NARRATIVE_KEYS[i % NARRATIVE_KEYS.length], p],
      );
    }
    // Settings: API token, alert source, notification target and template names, and template
    // section titles and prompts (owners type them; the settings pages list them).
    for (const p of payloads) {
      const name = p.slice(0, 80);
      await c.query(
        `INSERT INTO "ApiToken" (id, "teamId", name, "tokenHash", prefix, "createdById") VALUES ($1, $2, $3, $4, 'hs_xss', $5)`,
        [id(), teamId, name, randomUUID(), userId],
      );
      await c.query(
        `INSERT INTO "AlertSource" (id, "teamId", name, kind, "tokenHash", "createdById") VALUES ($1, $2, $3, 'GENERIC', $4, $5)`,
        [id(), teamId, name, randomUUID(), userId],
      );
      await c.query(
        `INSERT INTO "NotificationTarget" (id, "teamId", kind, name, "urlSealed", "urlHost", events) VALUES ($1, $2, 'WEBHOOK', $3, 'sealed', 'hooks.example.test', '{}')`,
        [id(), teamId, name],
      );
    }
    for (const [i, p] of payloads.slice(0, 5).entries()) {
      const sections = fullTemplateSections().map((s, j) => ({
        ...s,
        title: payloads[(i + j) % payloads.length]!.slice(0, 120),
        prompt: payloads[(i + j + 1) % payloads.length]!,
      }));
      await c.query(
        `INSERT INTO "ReportTemplate" (id, "teamId", name, sections, "updatedAt") VALUES ($1, $2, $3, $4, now())`,
        [id(), teamId, p.slice(0, 80), JSON.stringify(sections)],
      );
    }
    // Chat: the names Slack and Mattermost send with each command (user_name, chosen by the chat
    // user), on the connected accounts of Settings → Chat and on a pending link's page.
    const slack = id();
    const mattermost = id();
    await c.query(
      `INSERT INTO "ChatIntegration" (id, "teamId", provider, "workspaceId", "signingSecretSealed", "updatedAt") VALUES ($1, $2, 'SLACK', $3, 'sealed', now())`,
      [slack, teamId, `TXSS${randomUUID().replace(/-/g, "").slice(0, 12).toUpperCase()}`],
    );
    await c.query(
      `INSERT INTO "ChatIntegration" (id, "teamId", provider, "commandTokenHash", "updatedAt") VALUES ($1, $2, 'MATTERMOST', $3, now())`,
      [mattermost, teamId, randomUUID()],
    );
    for (const [i, p] of payloads.entries())
      await c.query(
        `INSERT INTO "ChatIdentity" (id, "integrationId", "chatUserId", "chatUserName", "userId") VALUES ($1, $2, $3, $4, $5)`,
        [id(), i % 2 ? mattermost : slack, `uxss${i}`, p.slice(0, 80), userId],
      );
    const chatLinkToken = `hcl_${randomUUID()}`;
    await c.query(
      `INSERT INTO "ChatLinkRequest" (id, "integrationId", "tokenHash", "chatUserId", "chatUserName", "expiresAt") VALUES ($1, $2, $3, 'uxsslink', $4, now() + interval '1 hour')`,
      [id(), mattermost, hashSecret(chatLinkToken), payloads[7]!.slice(0, 80)],
    );
    return { incidentId: main.incidentId, number: main.number, versionId, title, chatLinkToken };
  } finally {
    await c.end();
  }
}
