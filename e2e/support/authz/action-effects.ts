// What a server action must have done when a caller its gate lets through runs it to the end
// (the matrix's probes stop at the builder's input check, so they prove the gate, not the
// work). Each write action that changes data runs once, on a world of its own (two freshly
// seeded teams, so no run depends on another's leftovers), as the least-privileged caller the
// gate lets through (portal user for "signed-in", else viewer, editor, owner), with the
// entry's own arguments unless given here. Afterwards:
//   - the action answered ok;
//   - `check` (SQL returning one row with a boolean `ok`) finds the change in team A;
//   - team A's audit trail has a row by the caller written by the run (unless `audit: false`:
//     what the action changes is the caller's own account, not a team's);
//   - team B's data is byte-for-byte the same (nothing of it changed or appeared).
// Every action of the matrix needs an entry here or in NO_EFFECT (with the reason), so a new
// action decides how its effect is proven.
import type pg from "pg";
import type { Caller } from "./callers";
import { MARKERS, type World } from "./world";

type Sql = [sql: string, params: unknown[]];
export type Prepared = Record<string, string>;

type Args = (w: World, p: Prepared, db: pg.Client) => unknown[] | Promise<unknown[]>;

export interface Effect {
  /** Brings the fresh world into the state the action needs; what it returns reaches args and check. */
  prepare?: (db: pg.Client, w: World) => Promise<Prepared | void>;
  /** Earlier steps of a workflow, run for real (each must succeed) before this action. */
  before?: { action: string; as: Caller; args: Args }[];
  args?: Args;
  as?: Caller;
  check: (w: World, p: Prepared) => Sql;
  audit?: false;
  /** Markers the answer may carry: the caller joined team A by this very action. */
  allows?: string[];
}

const one = (sql: string, ...params: unknown[]): Sql => [
  `SELECT count(*) = 1 AS ok FROM ${sql}`,
  params,
];
const none = (sql: string, ...params: unknown[]): Sql => [
  `SELECT count(*) = 0 AS ok FROM ${sql}`,
  params,
];

/** The draft incident's report, written by `author` (who may not review it). */
async function draftBy(db: pg.Client, w: World, author: string): Promise<Prepared> {
  await db.query(`UPDATE "Report" SET "authorId" = $2 WHERE "incidentId" = $1`, [
    w.A.draftIncidentId,
    author,
  ]);
  return {};
}

/** The draft report's current version (each workflow step moves it). */
async function reportVersion(db: pg.Client, w: World): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    `SELECT version FROM "Report" WHERE "incidentId" = $1`,
    [w.A.draftIncidentId],
  );
  return rows[0]!.version;
}

/** The draft incident's report put in review, with `reviewer` (an id of team A) asked to review. */
async function inReview(db: pg.Client, w: World, reviewer: string): Promise<Prepared> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE "Report" SET status = 'IN_REVIEW' WHERE "incidentId" = $1 RETURNING id`,
    [w.A.draftIncidentId],
  );
  const reportId = rows[0]!.id;
  await db.query(
    `INSERT INTO "ReportReviewer" (id, "reportId", "userId") VALUES ('rr_' || md5(random()::text), $1, $2)`,
    [reportId, reviewer],
  );
  return { reportId };
}

export const NO_EFFECT: Record<string, string> = {
  "lib/teams/actions.ts#switchTeamAction":
    "sets the caller's active-team cookie, writes nothing (the HTTP rows show each member their own team)",
  "lib/auth/actions.ts#requestSignInLink": "signs in: no team data (e2e/auth.spec.ts)",
  "lib/auth/actions.ts#signInWith": "redirects to an outside provider: no team data",
  "lib/auth/actions.ts#signOutAction": "ends the session: no team data (e2e/auth.spec.ts)",
  "lib/teams/actions.ts#signOutForInvitationAction": "ends the session: no team data",
  "lib/markdown/actions.ts#previewMarkdownAction": "renders the caller's text, writes nothing",
  "lib/sharing/actions.ts#requestShareConfirmationAction":
    "a share-link holder's confirmation email: no team data (e2e/sharing.spec.ts)",
  "lib/teams/actions.ts#uploadTeamLogoAction":
    "needs a multipart file upload (e2e/teams.spec.ts uploads one through the page)",
  "lib/chatops/actions.ts#fetchSlackChannelAction":
    "calls Slack's API (outside); e2e/slack-import.spec.ts runs it against a stand-in",
  "lib/notifications/actions.ts#sendTestEventAction":
    "delivers to the target's outside URL; e2e/notifications.spec.ts runs it against a receiver",
  "lib/whys/actions.ts#restoreWhyNodesAction":
    "needs a deletion id handed out by a delete in the same page session (e2e/whys.spec.ts)",
};

export const EFFECTS: Record<string, Effect> = {
  // ── teams and accounts ──
  "lib/teams/actions.ts#createTeamAction": {
    check: (w) =>
      one(
        `"Membership" m JOIN "Team" t ON t.id = m."teamId" WHERE m."userId" = $1 AND m.role = 'OWNER' AND t.name = 'Matrix team'`,
        w.portal.id,
      ),
    audit: false,
  },
  "lib/teams/actions.ts#renameTeamAction": {
    check: (w) => one(`"Team" WHERE id = $1 AND name = 'Renamed by the matrix'`, w.A.teamId),
  },
  "lib/teams/actions.ts#removeTeamLogoAction": {
    prepare: async (db, w) => {
      await db.query(
        `INSERT INTO "TeamLogo" (id, "teamId", "contentType", bytes, width, height) VALUES ('logo_' || $1, $1, 'image/png', '\\x89504e47', 1, 1)`,
        [w.A.teamId],
      );
      await db.query(`UPDATE "Team" SET "logoId" = 'logo_' || id WHERE id = $1`, [w.A.teamId]);
    },
    check: (w) => one(`"Team" WHERE id = $1 AND "logoId" IS NULL`, w.A.teamId),
  },
  "lib/teams/actions.ts#updateProfileAction": {
    check: (w) => one(`"User" WHERE id = $1 AND name = 'Matrix Name'`, w.portal.id),
    audit: false,
  },
  "lib/teams/actions.ts#inviteMemberAction": {
    check: (w) =>
      one(
        `"Invitation" WHERE "teamId" = $1 AND email = 'matrix.invitee@example.test' AND role = 'VIEWER' AND "invitedById" = $2`,
        w.A.teamId,
        w.A.owner.id,
      ),
  },
  "lib/teams/actions.ts#revokeInvitationAction": {
    check: (w) => one(`"Invitation" WHERE id = $1 AND "revokedAt" IS NOT NULL`, w.A.invitationId),
  },
  "lib/teams/actions.ts#resendInvitationAction": {
    // Renewed: a fresh invitation replaces the old one (same address and role).
    check: (w) =>
      one(
        `"Invitation" WHERE "teamId" = $1 AND email LIKE 'invitee.%' AND "revokedAt" IS NULL AND "acceptedAt" IS NULL`,
        w.A.teamId,
      ),
  },
  "lib/teams/actions.ts#acceptInvitationAction": {
    prepare: async (db, w) => {
      const invitationId = `inv_portal_${w.A.teamId}`;
      await db.query(
        `INSERT INTO "Invitation" (id, "teamId", email, role, "invitedById") VALUES ($1, $2, $3, 'VIEWER', $4)`,
        [invitationId, w.A.teamId, w.portal.email, w.A.owner.id],
      );
      return { invitationId };
    },
    args: (_w, p) => [{ invitationId: p.invitationId }],
    allows: [MARKERS.A.int, MARKERS.A.pub],
    check: (w) =>
      one(
        `"Membership" WHERE "teamId" = $1 AND "userId" = $2 AND role = 'VIEWER'`,
        w.A.teamId,
        w.portal.id,
      ),
  },
  "lib/teams/actions.ts#changeRoleAction": {
    check: (w) => one(`"Membership" WHERE id = $1 AND role = 'OWNER'`, w.A.viewer.membershipId),
  },
  "lib/teams/actions.ts#removeMemberAction": {
    check: (w) => none(`"Membership" WHERE id = $1`, w.A.viewer.membershipId),
  },
  "lib/teams/actions.ts#leaveTeamAction": {
    check: (w) => none(`"Membership" WHERE id = $1`, w.A.viewer.membershipId),
  },

  // ── incidents, timeline ──
  "lib/incidents/actions.ts#createIncidentAction": {
    check: (w) =>
      one(
        `"Incident" WHERE "teamId" = $1 AND title = 'Matrix incident' AND number = 8 AND "createdById" = $2`,
        w.A.teamId,
        w.A.editor.id,
      ),
  },
  "lib/incidents/actions.ts#updateIncidentAction": {
    check: (w) =>
      one(
        `"Incident" WHERE id = $1 AND title = 'Matrix incident' AND version = 2`,
        w.A.draftIncidentId,
      ),
  },
  "lib/incidents/actions.ts#deleteIncidentAction": {
    check: (w) => none(`"Incident" WHERE id = $1`, w.A.draftIncidentId),
  },
  "lib/attachments/actions.ts#deleteAttachmentAction": {
    // A published version shows it: it is marked deleted, and no longer listed.
    check: (w) => none(`"Attachment" WHERE id = $1 AND "deletedAt" IS NULL`, w.A.attachmentId),
  },
  "lib/timeline/actions.ts#addTimelineEventAction": {
    check: (w) =>
      one(
        `"TimelineEvent" WHERE "incidentId" = $1 AND body = 'Matrix note' AND kind = 'NOTE'`,
        w.A.incidentId,
      ),
  },
  "lib/timeline/actions.ts#updateTimelineEventAction": {
    check: (w) =>
      one(
        `"TimelineEvent" WHERE id = $1 AND body = 'Matrix note' AND version = 2`,
        w.A.timelineEventId,
      ),
  },
  "lib/timeline/actions.ts#deleteTimelineEventAction": {
    check: (w) => none(`"TimelineEvent" WHERE id = $1`, w.A.timelineEventId),
  },
  "lib/timeline/actions.ts#importTimelineAction": {
    check: (w) =>
      one(
        `"TimelineEvent" WHERE "incidentId" = $1 AND body LIKE '%the matrix imports a line%'`,
        w.A.incidentId,
      ),
  },

  // ── 5 Whys ──
  "lib/whys/actions.ts#createWhyNodeAction": {
    check: (w) =>
      one(
        `"WhyNode" WHERE "incidentId" = $1 AND "parentId" = $2 AND statement = 'Matrix cause'`,
        w.A.incidentId,
        w.A.whyNodeId,
      ),
  },
  "lib/whys/actions.ts#updateWhyStatementAction": {
    check: (w) =>
      one(`"WhyNode" WHERE id = $1 AND statement = 'Matrix cause' AND version = 2`, w.A.whyNodeId),
  },
  "lib/whys/actions.ts#setWhyRootCauseAction": {
    check: (w) => one(`"WhyNode" WHERE id = $1 AND NOT "isRootCause"`, w.A.rootCauseId),
  },
  "lib/whys/actions.ts#moveWhyNodeAction": {
    check: (w) => one(`"WhyNode" WHERE id = $1 AND "parentId" IS NULL`, w.A.rootCauseId),
  },
  "lib/whys/actions.ts#reorderWhyNodeAction": {
    // A second top-level cause below the first, so "down" has somewhere to go.
    prepare: async (db, w) => {
      await db.query(
        `INSERT INTO "WhyNode" (id, "incidentId", statement, position, "updatedAt") VALUES ('w_second_' || $1, $1, 'Second why', 1, now())`,
        [w.A.incidentId],
      );
    },
    check: (w) => one(`"WhyNode" WHERE id = $1 AND position = 1`, w.A.whyNodeId),
  },
  "lib/whys/actions.ts#deleteWhyNodeAction": {
    check: (w) => none(`"WhyNode" WHERE id = $1`, w.A.rootCauseId),
  },
  "lib/whys/actions.ts#citeTimelineEventAction": {
    check: (w) =>
      one(
        `"WhyNodeEvidence" WHERE "nodeId" = $1 AND "timelineEventId" = $2`,
        w.A.rootCauseId,
        w.A.timelineEventId,
      ),
  },
  "lib/whys/actions.ts#addEvidenceLinkAction": {
    check: (w) =>
      one(
        `"WhyNodeEvidence" WHERE "nodeId" = $1 AND url = 'https://example.com/matrix'`,
        w.A.rootCauseId,
      ),
  },
  "lib/whys/actions.ts#removeEvidenceAction": {
    check: (w) => none(`"WhyNodeEvidence" WHERE id = $1`, w.A.evidenceId),
  },
  "lib/whys/actions.ts#updateProblemStatementAction": {
    // Based on the statement the page showed (the seeded one).
    args: (w) => [
      {
        incidentId: w.A.incidentId,
        problem: "Matrix problem",
        basedOn: `Problem ${MARKERS.A.int}`,
      },
    ],
    check: (w) =>
      one(`"Incident" WHERE id = $1 AND "problemStatement" = 'Matrix problem'`, w.A.incidentId),
  },

  // ── action items ──
  "lib/action-items/actions.ts#createActionItemAction": {
    check: (w) =>
      one(
        `"ActionItem" WHERE "teamId" = $1 AND "incidentId" = $2 AND title = 'Matrix item'`,
        w.A.teamId,
        w.A.incidentId,
      ),
  },
  "lib/action-items/actions.ts#updateActionItemAction": {
    check: (w) =>
      one(`"ActionItem" WHERE id = $1 AND title = 'Matrix item' AND version = 2`, w.A.actionItemId),
  },
  "lib/action-items/actions.ts#changeActionStatusAction": {
    check: (w) =>
      one(
        `"ActionItem" WHERE id = $1 AND status = 'DONE' AND "completedById" = $2`,
        w.A.actionItemId,
        w.A.editor.id,
      ),
  },
  "lib/action-items/actions.ts#deleteActionItemAction": {
    check: (w) => none(`"ActionItem" WHERE id = $1`, w.A.actionItemId),
  },

  // ── reports (the draft incident's report, unless the action works on the published one) ──
  "lib/reports/actions.ts#setUpTemplatesAction": {
    // A team without templates (as teams made before templates existed).
    prepare: async (db, w) => {
      await db.query(`DELETE FROM "ReportTemplate" WHERE "teamId" = $1`, [w.A.teamId]);
    },
    check: (w) => [
      `SELECT count(*) > 1 AS ok FROM "ReportTemplate" WHERE "teamId" = $1`,
      [w.A.teamId],
    ],
  },
  "lib/reports/actions.ts#saveNarrativeAction": {
    args: (w) => [
      w.A.draftIncidentId,
      { baseVersion: 1, changes: { summary: "Matrix" }, baseline: { summary: "" } },
    ],
    check: (w) =>
      one(
        `"Report" WHERE "incidentId" = $1 AND narrative->>'summary' = 'Matrix'`,
        w.A.draftIncidentId,
      ),
  },
  "lib/reports/actions.ts#setReportTemplateAction": {
    args: (w) => [w.A.draftIncidentId, { baseVersion: 1, templateId: w.A.templateId }],
    check: (w) =>
      one(
        `"Report" WHERE "incidentId" = $1 AND "templateId" = $2`,
        w.A.draftIncidentId,
        w.A.templateId,
      ),
  },
  "lib/reports/actions.ts#requestReviewAction": {
    prepare: (db, w) => draftBy(db, w, w.A.editor.id),
    args: (w) => [
      w.A.draftIncidentId,
      { baseVersion: 1, reviewerIds: [w.A.owner.id], confirmEmpty: "impact,summary" },
    ],
    check: (w) =>
      one(
        `"Report" r JOIN "ReportReviewer" v ON v."reportId" = r.id WHERE r."incidentId" = $1 AND r.status = 'IN_REVIEW' AND v."userId" = $2`,
        w.A.draftIncidentId,
        w.A.owner.id,
      ),
  },
  "lib/reports/actions.ts#decideReviewAction": {
    prepare: (db, w) => inReview(db, w, w.A.editor.id),
    args: (w) => [w.A.draftIncidentId, { decision: "APPROVED" }],
    check: (w, p) =>
      one(
        `"ReportReviewer" WHERE "reportId" = $1 AND "userId" = $2 AND decision = 'APPROVED'`,
        p.reportId,
        w.A.editor.id,
      ),
  },
  "lib/reports/actions.ts#addCommentAction": {
    check: (w) =>
      one(
        `"ReportComment" c JOIN "Report" r ON r.id = c."reportId" WHERE r."incidentId" = $1 AND c.body = 'Matrix comment' AND c."authorId" = $2`,
        w.A.incidentId,
        w.A.editor.id,
      ),
  },
  "lib/reports/actions.ts#resolveCommentAction": {
    check: (w) => one(`"ReportComment" WHERE id = $1 AND "resolvedAt" IS NOT NULL`, w.A.commentId),
  },
  "lib/reports/actions.ts#withdrawReviewAction": {
    prepare: (db, w) => inReview(db, w, w.A.owner.id),
    args: (w) => [w.A.draftIncidentId, { baseVersion: 1 }],
    check: (w) => one(`"Report" WHERE "incidentId" = $1 AND status = 'DRAFT'`, w.A.draftIncidentId),
  },
  "lib/reports/actions.ts#reopenReportAction": {
    check: (w) => one(`"Report" WHERE "incidentId" = $1 AND status = 'DRAFT'`, w.A.incidentId),
  },
  "lib/reports/actions.ts#publishReportAction": {
    // The draft written by the editor, reviewed and approved by the owner, then published.
    prepare: (db, w) => draftBy(db, w, w.A.editor.id),
    before: [
      {
        action: "lib/reports/actions.ts#requestReviewAction",
        as: "editor",
        args: async (w, _p, db) => [
          w.A.draftIncidentId,
          {
            baseVersion: await reportVersion(db, w),
            reviewerIds: [w.A.owner.id],
            confirmEmpty: "impact,summary",
          },
        ],
      },
      {
        action: "lib/reports/actions.ts#decideReviewAction",
        as: "owner",
        args: (w) => [w.A.draftIncidentId, { decision: "APPROVED" }],
      },
    ],
    args: async (w, _p, db) => [w.A.draftIncidentId, { baseVersion: await reportVersion(db, w) }],
    check: (w) =>
      one(
        `"ReportVersion" v JOIN "Report" r ON r.id = v."reportId" WHERE r."incidentId" = $1 AND v.number = 1 AND r.status = 'PUBLISHED'`,
        w.A.draftIncidentId,
      ),
  },
  "lib/reports/actions.ts#updateTemplateAction": {
    check: (w) =>
      one(`"ReportTemplate" WHERE id = $1 AND name = 'Matrix template'`, w.A.templateId),
  },

  // ── sharing ──
  "lib/sharing/actions.ts#shareReportAction": {
    check: (w) =>
      one(
        `"ShareLink" WHERE "reportVersionId" = $1 AND "recipientEmail" = 'matrix.reader@example.test'`,
        w.A.versionId,
      ),
  },
  "lib/sharing/actions.ts#revokeShareAction": {
    check: (w) => one(`"ShareLink" WHERE id = $1 AND "revokedAt" IS NOT NULL`, w.A.shareLinkId),
  },
  "lib/sharing/actions.ts#resendShareAction": {
    // A new token for the same reader (the old link stops working), its email queued again.
    check: (w) =>
      one(
        `"ShareLink" WHERE id = $1 AND "tokenHash" <> encode(sha256(convert_to($2, 'UTF8')), 'hex')`,
        w.A.shareLinkId,
        w.A.shareToken,
      ),
  },
  "lib/sharing/actions.ts#revokeGrantAction": {
    check: (w) => none(`"StakeholderGrant" WHERE id = $1 AND "revokedAt" IS NULL`, w.A.grantId),
  },
  "lib/sharing/actions.ts#updateSharingSettingsAction": {
    check: (w) =>
      one(
        `"Team" WHERE id = $1 AND "shareLinkDefaultDays" = 10 AND "shareLinkMaxDays" = 30`,
        w.A.teamId,
      ),
  },

  // ── integrations ──
  "lib/api/actions.ts#createApiTokenAction": {
    check: (w) =>
      one(
        `"ApiToken" WHERE "teamId" = $1 AND name = 'Matrix token' AND scope = 'READ'`,
        w.A.teamId,
      ),
  },
  "lib/api/actions.ts#revokeApiTokenAction": {
    check: (w) => one(`"ApiToken" WHERE id = $1 AND "revokedAt" IS NOT NULL`, w.A.readToken.id),
  },
  "lib/alerts/actions.ts#createAlertSourceAction": {
    check: (w) =>
      one(
        `"AlertSource" WHERE "teamId" = $1 AND name = 'Matrix source' AND kind = 'GENERIC'`,
        w.A.teamId,
      ),
  },
  "lib/alerts/actions.ts#updateAlertSourceAction": {
    check: (w) =>
      one(
        `"AlertSource" WHERE id = $1 AND "defaultSeverity" = 'SEV2'`,
        w.A.alertSources.GENERIC.id,
      ),
  },
  "lib/alerts/actions.ts#revokeAlertSourceAction": {
    check: (w) =>
      one(`"AlertSource" WHERE id = $1 AND "revokedAt" IS NOT NULL`, w.A.alertSources.GENERIC.id),
  },
  "lib/chatops/actions.ts#saveSlackBotTokenAction": {
    check: (w) =>
      one(
        `"ChatIntegration" WHERE id = $1 AND "botTokenSealed" IS NOT NULL`,
        w.A.chat.integrationId,
      ),
  },
  "lib/notifications/actions.ts#createTargetAction": {
    // An address that needs no name lookup (the e2e app allows private addresses).
    args: () => [
      {
        name: "Matrix target",
        kind: "WEBHOOK",
        url: "https://127.0.0.1:9/matrix",
        events: ["incident.opened"],
      },
    ],
    check: (w) =>
      one(`"NotificationTarget" WHERE "teamId" = $1 AND name = 'Matrix target'`, w.A.teamId),
  },
  "lib/notifications/actions.ts#updateTargetEventsAction": {
    check: (w) =>
      one(
        `"NotificationTarget" WHERE id = $1 AND events = ARRAY['incident.opened']`,
        w.A.notificationTargetId,
      ),
  },
  "lib/notifications/actions.ts#enableTargetAction": {
    prepare: async (db, w) => {
      await db.query(
        `UPDATE "NotificationTarget" SET "disabledAt" = now(), "disabledReason" = 'matrix' WHERE id = $1`,
        [w.A.notificationTargetId],
      );
    },
    check: (w) =>
      one(`"NotificationTarget" WHERE id = $1 AND "disabledAt" IS NULL`, w.A.notificationTargetId),
  },
  "lib/notifications/actions.ts#disableTargetAction": {
    check: (w) =>
      one(
        `"NotificationTarget" WHERE id = $1 AND "disabledAt" IS NOT NULL`,
        w.A.notificationTargetId,
      ),
  },
  "lib/notifications/actions.ts#deleteTargetAction": {
    check: (w) => none(`"NotificationTarget" WHERE id = $1`, w.A.notificationTargetId),
  },
  // A workspace of its own (the matrix's args name A's, which B's owner must not claim).
  "lib/chatops/actions.ts#saveChatIntegrationAction": {
    args: (w) => [
      {
        workspaceId: `TM${w.A.teamId.slice(-8).toUpperCase()}`,
        signingSecret: "matrix-signing-secret-0123456789",
      },
    ],
    check: (w) =>
      one(
        `"ChatIntegration" WHERE "teamId" = $1 AND "workspaceId" = $2`,
        w.A.teamId,
        `TM${w.A.teamId.slice(-8).toUpperCase()}`,
      ),
  },
  "lib/chatops/actions.ts#saveMattermostTokenAction": {
    args: () => [{ commandToken: "matrixmattermosttoken0123" }],
    check: (w) =>
      one(
        `"ChatIntegration" WHERE "teamId" = $1 AND provider = 'MATTERMOST' AND "commandTokenHash" = encode(sha256('matrixmattermosttoken0123'::bytea), 'hex')`,
        w.A.teamId,
      ),
  },
  "lib/chatops/actions.ts#confirmChatLinkAction": {
    as: "viewer",
    check: (w) =>
      one(
        `"ChatIdentity" WHERE "integrationId" = $1 AND "chatUserId" = 'UNLINKED' AND "userId" = $2`,
        w.A.chat.integrationId,
        w.A.viewer.id,
      ),
  },
};
