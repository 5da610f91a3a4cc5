// The authorization matrix's world: two teams (A is the target, B the neighbour) seeded
// straight in the database, each with users of every role, signed-in sessions, a published
// and shared report, API tokens, alert sources of every kind and a chat integration. Every
// string a team owns carries its markers, so a response that shows another team's data is
// caught by a substring check: `int` marks what only members may see, `pub` what the team
// published (share-link holders and granted stakeholders may see that, nothing else).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { hashSecret } from "../../../lib/api/tokens";
import { ALERT_SOURCE_KINDS, type AlertSourceKind } from "../../../lib/alerts/parse";
import { seal } from "../../../lib/jobs/seal";
import { composeReport, reportTitle } from "../../../lib/reports/snapshot";
import { sampleSource } from "../../../lib/reports/test-fixtures";

export const MARKERS = {
  A: { int: "zqalphaint", pub: "zqalphapub" },
  B: { int: "zqbravoint", pub: "zqbravopub" },
} as const;

export type TeamKey = keyof typeof MARKERS;

/** Team A's draft incident number: team B never reaches it (its counter starts at 40). */
export const DRAFT_NUMBER_A = 7;

export interface Member {
  id: string;
  email: string;
  sessionToken: string;
  membershipId: string;
}

export interface TeamWorld {
  key: TeamKey;
  teamId: string;
  owner: Member;
  editor: Member;
  viewer: Member;
  /** INC-1: published (v1), shared by link and granted to the portal user; timeline, 5 Whys, action item, comment. */
  incidentId: string;
  incidentNumber: number;
  /** INC-7 in A, INC-40 in B: never published, its report a draft. */
  draftIncidentId: string;
  timelineEventId: string;
  whyNodeId: string;
  rootCauseId: string;
  evidenceId: string;
  actionItemId: string;
  commentId: string;
  reportId: string;
  versionId: string;
  /** A text file attached to INC-1 and shown by its published version (bytes carry the pub marker). */
  attachmentId: string;
  shareToken: string;
  shareLinkId: string;
  grantId: string;
  invitationId: string;
  templateId: string;
  /** An outgoing webhook target, subscribed only to an event the matrix never causes. */
  notificationTargetId: string;
  readToken: { id: string; secret: string };
  writeToken: { id: string; secret: string };
  alertSources: Record<AlertSourceKind, { id: string; secret: string }>;
  chat: {
    integrationId: string;
    workspaceId: string;
    signingSecret: string;
    viewerChatId: string;
    editorChatId: string;
    ownerChatId: string;
    /** A pending `/postmortem link` request of an unlinked chat user (the raw token). */
    linkToken: string;
    /** The team's Mattermost slash command: its token and linked Mattermost user ids. */
    mattermost: {
      integrationId: string;
      token: string;
      viewerChatId: string;
      editorChatId: string;
      ownerChatId: string;
    };
  };
}

export interface World {
  A: TeamWorld;
  B: TeamWorld;
  portal: { id: string; email: string; sessionToken: string };
  /** A signed-in user of no team and no grant (for onboarding-only pages). */
  authSecret: string;
}

const newId = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, "").slice(0, 20)}`;
const secret = () => randomBytes(24).toString("base64url");

async function user(
  c: pg.Client,
  name: string,
  email: string,
): Promise<{ id: string; sessionToken: string }> {
  const id = newId("u");
  const sessionToken = secret();
  await c.query(
    `INSERT INTO "User" (id, email, name, "emailVerified", "updatedAt") VALUES ($1, $2, $3, now(), now())`,
    [id, email, name],
  );
  await c.query(
    `INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, now() + interval '1 day')`,
    [newId("s"), sessionToken, id],
  );
  return { id, sessionToken };
}

async function seedTeam(
  c: pg.Client,
  key: TeamKey,
  authSecret: string,
  portalEmail: string,
): Promise<TeamWorld> {
  const m = MARKERS[key];
  const tag = key.toLowerCase();
  const teamId = newId("t");
  await c.query(`INSERT INTO "Team" (id, name, slug, "updatedAt") VALUES ($1, $2, $3, now())`, [
    teamId,
    `Team ${m.pub}`,
    `authz-${tag}-${randomUUID().slice(0, 8)}`,
  ]);
  const member = async (role: "OWNER" | "EDITOR" | "VIEWER"): Promise<Member> => {
    const email = `${role.toLowerCase()}.${tag}.${randomUUID().slice(0, 6)}@example.test`;
    const u = await user(c, `${role[0]}${role.slice(1).toLowerCase()} ${m.int}`, email);
    const membershipId = newId("m");
    await c.query(
      `INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, $4)`,
      [membershipId, teamId, u.id, role],
    );
    return { ...u, email, membershipId };
  };
  const owner = await member("OWNER");
  const editor = await member("EDITOR");
  const viewer = await member("VIEWER");

  // INC-1, published: its title carries the published marker, its working data the internal one.
  const incidentId = newId("i");
  const title = `${m.pub} checkout outage`;
  await c.query(
    `INSERT INTO "Incident" (id, "teamId", number, title, severity, status, "startedAt", "resolvedAt", summary, "customerImpact", services, tags, "createdById", "updatedAt", "problemStatement")
     VALUES ($1, $2, 1, $3, 'SEV2', 'RESOLVED', now() - interval '3 hours', now() - interval '1 hour', $4, $5, ARRAY['checkout'], ARRAY[]::text[], $6, now(), $7)`,
    [
      incidentId,
      teamId,
      title,
      `Summary ${m.int}`,
      `Impact ${m.int}`,
      owner.id,
      `Problem ${m.int}`,
    ],
  );
  // The draft incident: A's is INC-7, B's INC-40 (the counter continues from it), so B never
  // has an INC-7 of its own and a chat command naming INC-7 in B's workspace finds nothing.
  const draftIncidentId = newId("i");
  const draftNumber = key === "A" ? DRAFT_NUMBER_A : 40;
  await c.query(
    `INSERT INTO "Incident" (id, "teamId", number, title, severity, status, "startedAt", "createdById", "updatedAt", services, tags)
     VALUES ($1, $2, $3, $4, 'SEV3', 'INVESTIGATING', now() - interval '30 minutes', $5, now(), ARRAY['search'], ARRAY[]::text[])`,
    [draftIncidentId, teamId, draftNumber, `Draft ${m.int} search latency`, owner.id],
  );
  await c.query(
    `INSERT INTO "Report" (id, "incidentId", status, "authorId", "updatedAt") VALUES ($1, $2, 'DRAFT', $3, now())`,
    [newId("r"), draftIncidentId, owner.id],
  );
  const numbers = draftNumber;
  await c.query(`UPDATE "Team" SET "incidentSeq" = $2 WHERE id = $1`, [teamId, numbers]);
  const timelineEventId = newId("e");
  await c.query(
    `INSERT INTO "TimelineEvent" (id, "incidentId", "occurredAt", kind, body, "isKey", "updatedAt") VALUES ($1, $2, now() - interval '2 hours', 'ALERT', $3, true, now())`,
    [timelineEventId, incidentId, `Alert fired ${m.int}`],
  );
  const whyNodeId = newId("w");
  const rootCauseId = newId("w");
  await c.query(
    `INSERT INTO "WhyNode" (id, "incidentId", statement, position, "updatedAt") VALUES ($1, $2, $3, 0, now())`,
    [whyNodeId, incidentId, `Why one ${m.int}`],
  );
  await c.query(
    `INSERT INTO "WhyNode" (id, "incidentId", "parentId", statement, position, "isRootCause", category, "updatedAt") VALUES ($1, $2, $3, $4, 0, true, 'TOOLING', now())`,
    [rootCauseId, incidentId, whyNodeId, `Root cause ${m.int}`],
  );
  const evidenceId = newId("v");
  await c.query(
    `INSERT INTO "WhyNodeEvidence" (id, "nodeId", "timelineEventId") VALUES ($1, $2, $3)`,
    [evidenceId, whyNodeId, timelineEventId],
  );
  const actionItemId = newId("a");
  await c.query(
    `INSERT INTO "ActionItem" (id, "teamId", "incidentId", "whyNodeId", title, "ownerId", status, "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, 'OPEN', now())`,
    [
      actionItemId,
      teamId,
      incidentId,
      rootCauseId,
      `Validate pool connections ${m.int}`,
      editor.id,
    ],
  );

  // The report: published as version 1 (what share links and the portal serve), a comment.
  const reportId = newId("r");
  await c.query(
    `INSERT INTO "Report" (id, "incidentId", status, "authorId", "updatedAt") VALUES ($1, $2, 'PUBLISHED', $3, now())`,
    [reportId, incidentId, owner.id],
  );
  const base = sampleSource();
  const snapshot = composeReport({
    ...base,
    incident: {
      ...base.incident,
      id: incidentId,
      number: 1,
      title,
      summary: `Published summary ${m.pub}`,
      // Drawn in the published 5 Whys diagram (its SVG download must show it to its readers only).
      problemStatement: `Published problem ${m.pub}`,
    },
    author: { name: "Report Author", email: "report.author@example.test" },
    publication: { number: 1, publishedAt: new Date(), publishedBy: "Publisher" },
  });
  const versionId = newId("rv");
  await c.query(
    `INSERT INTO "ReportVersion" (id, "reportId", number, snapshot, title, "publishedById") VALUES ($1, $2, 1, $3, $4, $5)`,
    [versionId, reportId, JSON.stringify(snapshot), reportTitle(1, title), owner.id],
  );
  const attachmentId = newId("att");
  const attachmentBytes = Buffer.from(`Attached ${m.pub} notes`);
  await c.query(
    `INSERT INTO "Attachment" (id, "teamId", "incidentId", filename, "contentType", size, bytes, "createdById")
     VALUES ($1, $2, $3, 'notes.txt', 'text/plain', $4, $5, $6)`,
    [attachmentId, teamId, incidentId, attachmentBytes.length, attachmentBytes, owner.id],
  );
  await c.query(
    `INSERT INTO "ReportVersionAttachment" ("reportVersionId", "attachmentId") VALUES ($1, $2)`,
    [versionId, attachmentId],
  );
  const commentId = newId("c");
  await c.query(
    `INSERT INTO "ReportComment" (id, "reportId", "authorId", "sectionKey", body) VALUES ($1, $2, $3, 'summary', $4)`,
    [commentId, reportId, editor.id, `Comment ${m.int}`],
  );
  const shareToken = randomBytes(32).toString("base64url");
  const shareLinkId = newId("sl");
  await c.query(
    `INSERT INTO "ShareLink" (id, "reportVersionId", "recipientEmail", "tokenHash", "expiresAt", "deliveryState", "createdById") VALUES ($1, $2, $3, $4, now() + interval '7 days', 'SENT', $5)`,
    [
      shareLinkId,
      versionId,
      `reader.${tag}@example.test`,
      createHash("sha256").update(shareToken).digest("hex"),
      owner.id,
    ],
  );
  // Only A's report is granted to the portal user; B's to an address nobody signs in with.
  const grantId = newId("g");
  await c.query(
    `INSERT INTO "StakeholderGrant" (id, "reportVersionId", email) VALUES ($1, $2, $3)`,
    [grantId, versionId, key === "A" ? portalEmail : `nobody.${tag}@example.test`],
  );

  const invitationId = newId("inv");
  await c.query(
    `INSERT INTO "Invitation" (id, "teamId", email, role, "invitedById") VALUES ($1, $2, $3, 'VIEWER', $4)`,
    [invitationId, teamId, `invitee.${m.int}@example.test`, owner.id],
  );
  const templateId = newId("tpl");
  await c.query(
    `INSERT INTO "ReportTemplate" (id, "teamId", name, sections, "updatedAt") VALUES ($1, $2, $3, $4, now())`,
    [
      templateId,
      teamId,
      `Template ${m.int}`,
      JSON.stringify([
        { key: "summary", title: "Summary", prompt: "What happened?", enabled: true },
      ]),
    ],
  );

  const token = async (scope: "READ" | "WRITE") => {
    const value = `hs_${secret()}`;
    const id = newId("k");
    await c.query(
      `INSERT INTO "ApiToken" (id, "teamId", name, scope, "tokenHash", prefix, "createdById") VALUES ($1, $2, $3, $4, $5, 'hs_…', $6)`,
      [id, teamId, `Token ${scope} ${m.int}`, scope, hashSecret(value), owner.id],
    );
    return { id, secret: value };
  };
  const readToken = await token("READ");
  const writeToken = await token("WRITE");

  const alertSources = {} as TeamWorld["alertSources"];
  for (const kind of ALERT_SOURCE_KINDS) {
    const id = newId("as");
    const value = kind === "SENTRY" ? secret() : `hsa_${secret()}`;
    await c.query(
      `INSERT INTO "AlertSource" (id, "teamId", name, kind, "tokenHash", "secretSealed", "createdById") VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        teamId,
        `Source ${kind} ${m.int}`,
        kind,
        kind === "SENTRY" ? null : hashSecret(value),
        kind === "SENTRY" ? seal(value, authSecret) : null,
        owner.id,
      ],
    );
    alertSources[kind] = { id, secret: value };
  }

  // Subscribed to "report.published" only: no matrix call publishes, so nothing is ever sent
  // (a failing delivery would turn the target off and move the team's fingerprint).
  const notificationTargetId = newId("nt");
  await c.query(
    `INSERT INTO "NotificationTarget" (id, "teamId", kind, name, "urlSealed", "urlHost", events) VALUES ($1, $2, 'WEBHOOK', $3, $4, 'hooks.example.test', ARRAY['report.published'])`,
    [
      notificationTargetId,
      teamId,
      `Target ${m.int}`,
      seal("https://hooks.example.test/matrix", authSecret),
    ],
  );
  const integrationId = newId("ci");
  const workspaceId = `T${key}${randomUUID().slice(0, 8).toUpperCase()}`;
  const signingSecret = secret();
  await c.query(
    `INSERT INTO "ChatIntegration" (id, "teamId", "workspaceId", "signingSecretSealed", "updatedAt") VALUES ($1, $2, $3, $4, now())`,
    [integrationId, teamId, workspaceId, seal(signingSecret, authSecret)],
  );
  const linkToken = `hcl_${secret()}`;
  await c.query(
    `INSERT INTO "ChatLinkRequest" (id, "integrationId", "tokenHash", "chatUserId", "chatUserName", "expiresAt") VALUES ($1, $2, $3, 'UNLINKED', 'unlinked', now() + interval '1 hour')`,
    [newId("clr"), integrationId, hashSecret(linkToken)],
  );
  // Mattermost ids are 26 lowercase letters and digits; so is a command token.
  const mmId = (what: string) =>
    `${key}${what}${randomUUID().replace(/-/g, "")}`.toLowerCase().slice(0, 26);
  const mattermost = {
    integrationId: newId("ci"),
    token: mmId("tok"),
    viewerChatId: mmId("view"),
    editorChatId: mmId("edit"),
    ownerChatId: mmId("own"),
  };
  await c.query(
    `INSERT INTO "ChatIntegration" (id, "teamId", provider, "commandTokenHash", "updatedAt") VALUES ($1, $2, 'MATTERMOST', $3, now())`,
    [mattermost.integrationId, teamId, hashSecret(mattermost.token)],
  );
  const chat = {
    integrationId,
    workspaceId,
    signingSecret,
    viewerChatId: `U${key}VIEW`,
    editorChatId: `U${key}EDIT`,
    ownerChatId: `U${key}OWN`,
    linkToken,
    mattermost,
  };
  for (const [integration, chatId, who] of [
    [integrationId, chat.viewerChatId, viewer],
    [integrationId, chat.editorChatId, editor],
    [integrationId, chat.ownerChatId, owner],
    [mattermost.integrationId, mattermost.viewerChatId, viewer],
    [mattermost.integrationId, mattermost.editorChatId, editor],
    [mattermost.integrationId, mattermost.ownerChatId, owner],
  ] as const) {
    await c.query(
      `INSERT INTO "ChatIdentity" (id, "integrationId", "chatUserId", "chatUserName", "userId") VALUES ($1, $2, $3, $4, $5)`,
      [newId("cid"), integration, chatId, chatId.toLowerCase(), who.id],
    );
  }

  return {
    key,
    teamId,
    owner,
    editor,
    viewer,
    incidentId,
    incidentNumber: 1,
    draftIncidentId,
    timelineEventId,
    whyNodeId,
    rootCauseId,
    evidenceId,
    actionItemId,
    commentId,
    reportId,
    versionId,
    attachmentId,
    shareToken,
    shareLinkId,
    grantId,
    invitationId,
    templateId,
    notificationTargetId,
    readToken,
    writeToken,
    alertSources,
    chat,
  };
}

export async function seedWorld(databaseUrl = process.env.DATABASE_URL): Promise<World> {
  if (!databaseUrl)
    throw new Error("DATABASE_URL is not set: run e2e tests with `npm run test:e2e`");
  const authSecret = process.env.AUTH_SECRET;
  if (!authSecret)
    throw new Error("AUTH_SECRET is not set: the harness sets the app's secret for the tests");
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const portalEmail = `stakeholder.${randomUUID().slice(0, 6)}@example.test`;
    const portal = await user(c, "Stakeholder Reader", portalEmail);
    const A = await seedTeam(c, "A", authSecret, portalEmail);
    const B = await seedTeam(c, "B", authSecret, portalEmail);
    return { A, B, portal: { ...portal, email: portalEmail }, authSecret };
  } finally {
    await c.end();
  }
}

/**
 * A fingerprint of everything a team owns (volatile counters left out): equal before and
 * after a phase means nobody changed the team's data in it.
 */
export async function teamFingerprint(
  teamId: string,
  databaseUrl = process.env.DATABASE_URL,
): Promise<string> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const tables: [string, string][] = [
      ["Team", `SELECT to_jsonb(t) - 'updatedAt' AS j FROM "Team" t WHERE id = $1`],
      ["Membership", `SELECT to_jsonb(t) AS j FROM "Membership" t WHERE "teamId" = $1`],
      ["Invitation", `SELECT to_jsonb(t) AS j FROM "Invitation" t WHERE "teamId" = $1`],
      ["Incident", `SELECT to_jsonb(t) - 'search' AS j FROM "Incident" t WHERE "teamId" = $1`],
      [
        "TimelineEvent",
        `SELECT to_jsonb(t) - 'search' AS j FROM "TimelineEvent" t JOIN "Incident" i ON i.id = t."incidentId" WHERE i."teamId" = $1`,
      ],
      [
        "WhyNode",
        `SELECT to_jsonb(t) - 'search' AS j FROM "WhyNode" t JOIN "Incident" i ON i.id = t."incidentId" WHERE i."teamId" = $1`,
      ],
      [
        "WhyNodeEvidence",
        `SELECT to_jsonb(t) AS j FROM "WhyNodeEvidence" t JOIN "WhyNode" w ON w.id = t."nodeId" JOIN "Incident" i ON i.id = w."incidentId" WHERE i."teamId" = $1`,
      ],
      ["ActionItem", `SELECT to_jsonb(t) - 'search' AS j FROM "ActionItem" t WHERE "teamId" = $1`],
      [
        "Report",
        `SELECT to_jsonb(t) AS j FROM "Report" t JOIN "Incident" i ON i.id = t."incidentId" WHERE i."teamId" = $1`,
      ],
      [
        "ReportComment",
        `SELECT to_jsonb(t) AS j FROM "ReportComment" t JOIN "Report" r ON r.id = t."reportId" JOIN "Incident" i ON i.id = r."incidentId" WHERE i."teamId" = $1`,
      ],
      [
        "ReportVersion",
        `SELECT to_jsonb(t) - 'stakeholderHtml' - 'teamHtml' - 'htmlRenderer' AS j FROM "ReportVersion" t JOIN "Report" r ON r.id = t."reportId" JOIN "Incident" i ON i.id = r."incidentId" WHERE i."teamId" = $1`,
      ],
      [
        "ShareLink",
        `SELECT to_jsonb(t) - 'viewCount' - 'lastViewedAt' AS j FROM "ShareLink" t JOIN "ReportVersion" v ON v.id = t."reportVersionId" JOIN "Report" r ON r.id = v."reportId" JOIN "Incident" i ON i.id = r."incidentId" WHERE i."teamId" = $1`,
      ],
      [
        "StakeholderGrant",
        `SELECT to_jsonb(t) AS j FROM "StakeholderGrant" t JOIN "ReportVersion" v ON v.id = t."reportVersionId" JOIN "Report" r ON r.id = v."reportId" JOIN "Incident" i ON i.id = r."incidentId" WHERE i."teamId" = $1`,
      ],
      ["Attachment", `SELECT to_jsonb(t) - 'bytes' AS j FROM "Attachment" t WHERE "teamId" = $1`],
      ["ReportTemplate", `SELECT to_jsonb(t) AS j FROM "ReportTemplate" t WHERE "teamId" = $1`],
      ["ApiToken", `SELECT to_jsonb(t) - 'lastUsedAt' AS j FROM "ApiToken" t WHERE "teamId" = $1`],
      ["AlertSource", `SELECT to_jsonb(t) AS j FROM "AlertSource" t WHERE "teamId" = $1`],
      [
        "NotificationTarget",
        `SELECT to_jsonb(t) AS j FROM "NotificationTarget" t WHERE "teamId" = $1`,
      ],
      ["ChatIntegration", `SELECT to_jsonb(t) AS j FROM "ChatIntegration" t WHERE "teamId" = $1`],
      [
        "ChatIdentity",
        `SELECT to_jsonb(t) AS j FROM "ChatIdentity" t JOIN "ChatIntegration" g ON g.id = t."integrationId" WHERE g."teamId" = $1`,
      ],
    ];
    const parts: string[] = [];
    for (const [name, sql] of tables) {
      const rows = await c.query<{ j: unknown }>(
        `SELECT coalesce(jsonb_agg(x.j ORDER BY x.j->>'id'), '[]') AS j FROM (${sql}) x`,
        [teamId],
      );
      parts.push(`${name}:${JSON.stringify(rows.rows[0]!.j)}`);
    }
    return parts.join("\n");
  } finally {
    await c.end();
  }
}
