// What every caller may do with every server action. Keys are "<file>#<export>" as
// discovered from the "use server" modules; a new action without a key fails the matrix.
//   gate   the permission the action must demand ("public", "signed-in" or a team permission)
//   args   the arguments as the page sends them (bound values first), naming team A's records
//   cross  how team B's owner tries to reach team A's records with it (their own team's
//          incident with A's sub-record, or A's record directly), and the refusal they must
//          get. Omitted where the action names no record of another team (it acts on the
//          caller's own team or account), and there B's owner is simply let through.
import type { Permission } from "../../../lib/auth/permissions";
import type { World } from "./world";

export type Gate = "public" | "signed-in" | Permission;

export interface ActionEntry {
  gate: Gate;
  args: (w: World) => unknown[];
  cross?: { args: (w: World) => unknown[]; refused: RegExp }[];
  /** Markers a refusal may name by design (the chat link names the team it joins). */
  allows?: string[];
}

const NOT_FOUND = /not found/i;
/** Their own incident with A's sub-record: the record is not found in it. */
const NOT_IN_INCIDENT = /not found|not part of this incident/i;
const at = "2026-01-10T14:10";

const incidentForm = () => ({
  title: "Matrix incident",
  severity: "SEV3",
  status: "INVESTIGATING",
  startedAt: "2026-01-10T14:00",
  timeZone: "UTC",
});
// As the form sends it: every field present (an empty tracker link is "").
const itemForm = { title: "Matrix item", priority: "P3", status: "OPEN", trackerUrl: "" };

/** An action taking `{ incidentId, ...rest }`: B's owner tries A's incident, then their own incident with A's record. */
function onIncident(
  gate: Gate,
  rest: (w: World, team: "A" | "B") => Record<string, unknown>,
  subRecord = true,
): ActionEntry {
  return {
    gate,
    args: (w) => [{ incidentId: w.A.incidentId, ...rest(w, "A") }],
    cross: [
      {
        args: (w) => [{ incidentId: w.A.incidentId, ...rest(w, "A") }],
        refused: /Incident not found/,
      },
      ...(subRecord
        ? [
            {
              args: (w: World) => [{ incidentId: w.B.incidentId, ...rest(w, "A") }],
              refused: NOT_IN_INCIDENT,
            },
          ]
        : []),
    ],
  };
}

/** A report action bound to its incident: `action.bind(null, incidentId)`. */
function boundToIncident(
  gate: Gate,
  payload: (w: World) => Record<string, unknown>,
  bFirst?: (w: World) => unknown[],
  bRefused: RegExp = NOT_FOUND,
): ActionEntry {
  return {
    gate,
    args: (w) => [w.A.incidentId, payload(w)],
    cross: [
      { args: (w) => [w.A.incidentId, payload(w)], refused: /Incident not found/ },
      ...(bFirst ? [{ args: bFirst, refused: bRefused }] : []),
    ],
  };
}

/** A team action naming one of team A's records by id. */
function teamRecord(
  gate: Gate,
  input: (w: World) => Record<string, unknown>,
  refused = NOT_FOUND,
): ActionEntry {
  return { gate, args: (w) => [input(w)], cross: [{ args: (w) => [input(w)], refused }] };
}

export const ACTION_MATRIX: Record<string, ActionEntry> = {
  // ── teams and accounts ──
  "lib/teams/actions.ts#createTeamAction": {
    gate: "signed-in",
    args: () => [{ name: "Matrix team" }],
  },
  // Switching to a team one does not belong to must not give its data (the cookie is re-checked on every request).
  "lib/teams/actions.ts#switchTeamAction": teamRecord(
    "signed-in",
    (w) => ({ teamId: w.A.teamId }),
    /not a member of that team/,
  ),
  "lib/teams/actions.ts#renameTeamAction": {
    gate: "team:manage",
    args: () => [{ name: "Renamed by the matrix" }],
  },
  // The team's own logo (no record of another team named): owners only.
  "lib/teams/actions.ts#uploadTeamLogoAction": { gate: "team:manage", args: () => [{}] },
  "lib/teams/actions.ts#removeTeamLogoAction": { gate: "team:manage", args: () => [{}] },
  "lib/teams/actions.ts#updateProfileAction": {
    gate: "signed-in",
    args: () => [{ name: "Matrix Name", timeZone: "" }],
  },
  "lib/teams/actions.ts#inviteMemberAction": {
    gate: "team:manage",
    args: () => [{ email: "matrix.invitee@example.test", role: "VIEWER" }],
  },
  "lib/teams/actions.ts#revokeInvitationAction": teamRecord("team:manage", (w) => ({
    invitationId: w.A.invitationId,
  })),
  "lib/teams/actions.ts#resendInvitationAction": teamRecord("team:manage", (w) => ({
    invitationId: w.A.invitationId,
  })),
  // Someone else's invitation: refused without naming the invited address (a leak until fixed).
  "lib/teams/actions.ts#acceptInvitationAction": teamRecord(
    "signed-in",
    (w) => ({ invitationId: w.A.invitationId }),
    /sent to a different email address/,
  ),
  "lib/teams/actions.ts#changeRoleAction": teamRecord("team:manage", (w) => ({
    membershipId: w.A.viewer.membershipId,
    role: "OWNER",
  })),
  "lib/teams/actions.ts#removeMemberAction": teamRecord("team:manage", (w) => ({
    membershipId: w.A.viewer.membershipId,
  })),
  "lib/teams/actions.ts#leaveTeamAction": { gate: "team:leave", args: () => [{}] },
  "lib/teams/actions.ts#signOutForInvitationAction": {
    gate: "public",
    args: (w) => [{ invitationId: w.A.invitationId }],
  },
  "lib/auth/actions.ts#requestSignInLink": {
    gate: "public",
    args: () => [{ email: "matrix.signin@example.test" }],
  },
  "lib/auth/actions.ts#signInWith": { gate: "public", args: () => [{ provider: "github" }] },
  "lib/auth/actions.ts#signOutAction": { gate: "public", args: () => [{}] },

  // ── incidents, timeline ──
  "lib/incidents/actions.ts#createIncidentAction": {
    gate: "incident:write",
    args: () => [incidentForm()],
    // Another team's member as commander.
    cross: [
      {
        args: (w) => [{ ...incidentForm(), commanderId: w.A.editor.id }],
        refused: /commander|member/i,
      },
    ],
  },
  "lib/incidents/actions.ts#updateIncidentAction": teamRecord(
    "incident:write",
    (w) => ({ id: w.A.draftIncidentId, version: 1, ...incidentForm() }),
    /Incident not found/,
  ),
  "lib/incidents/actions.ts#deleteIncidentAction": teamRecord(
    "incident:write",
    (w) => ({ id: w.A.draftIncidentId, version: 1 }),
    /Incident not found/,
  ),
  "lib/attachments/actions.ts#deleteAttachmentAction": onIncident("incident:write", (w) => ({
    attachmentId: w.A.attachmentId,
  })),
  "lib/timeline/actions.ts#addTimelineEventAction": onIncident(
    "incident:write",
    () => ({ occurredAt: at, kind: "NOTE", body: "Matrix note" }),
    false,
  ),
  "lib/timeline/actions.ts#updateTimelineEventAction": onIncident("incident:write", (w) => ({
    eventId: w.A.timelineEventId,
    version: 1,
    occurredAt: at,
    kind: "NOTE",
    body: "Matrix note",
  })),
  "lib/timeline/actions.ts#deleteTimelineEventAction": onIncident("incident:write", (w) => ({
    eventId: w.A.timelineEventId,
    version: 1,
  })),
  "lib/timeline/actions.ts#importTimelineAction": onIncident(
    "incident:write",
    () => ({ text: "2026-01-10 14:00 alice: the matrix imports a line" }),
    false,
  ),

  // ── 5 Whys ──
  "lib/whys/actions.ts#createWhyNodeAction": onIncident("incident:write", (w) => ({
    parentId: w.A.whyNodeId,
    statement: "Matrix cause",
  })),
  "lib/whys/actions.ts#updateWhyStatementAction": onIncident("incident:write", (w) => ({
    nodeId: w.A.whyNodeId,
    version: 1,
    statement: "Matrix cause",
  })),
  "lib/whys/actions.ts#setWhyRootCauseAction": onIncident("incident:write", (w) => ({
    nodeId: w.A.rootCauseId,
    version: 1,
    isRootCause: false,
  })),
  "lib/whys/actions.ts#moveWhyNodeAction": onIncident("incident:write", (w) => ({
    nodeId: w.A.rootCauseId,
    newParentId: null,
  })),
  "lib/whys/actions.ts#reorderWhyNodeAction": onIncident("incident:write", (w) => ({
    nodeId: w.A.whyNodeId,
    direction: "down",
  })),
  "lib/whys/actions.ts#deleteWhyNodeAction": onIncident("incident:write", (w) => ({
    nodeId: w.A.rootCauseId,
  })),
  "lib/whys/actions.ts#restoreWhyNodesAction": onIncident(
    "incident:write",
    () => ({ deletionId: "matrix-unknown-deletion" }),
    false,
  ),
  "lib/whys/actions.ts#citeTimelineEventAction": {
    ...onIncident("incident:write", (w) => ({
      nodeId: w.A.rootCauseId,
      timelineEventId: w.A.timelineEventId,
    })),
    // Their own incident and node, citing A's timeline event.
    cross: [
      {
        args: (w) => [
          {
            incidentId: w.A.incidentId,
            nodeId: w.A.rootCauseId,
            timelineEventId: w.A.timelineEventId,
          },
        ],
        refused: /Incident not found/,
      },
      {
        args: (w) => [
          {
            incidentId: w.B.incidentId,
            nodeId: w.B.rootCauseId,
            timelineEventId: w.A.timelineEventId,
          },
        ],
        refused: NOT_IN_INCIDENT,
      },
    ],
  },
  "lib/whys/actions.ts#addEvidenceLinkAction": onIncident("incident:write", (w) => ({
    nodeId: w.A.rootCauseId,
    url: "https://example.com/matrix",
  })),
  "lib/whys/actions.ts#removeEvidenceAction": onIncident("incident:write", (w) => ({
    evidenceId: w.A.evidenceId,
  })),
  "lib/whys/actions.ts#updateProblemStatementAction": onIncident(
    "incident:write",
    () => ({ problem: "Matrix problem", basedOn: "" }),
    false,
  ),

  // ── action items (bound to the incident or the item) ──
  "lib/action-items/actions.ts#createActionItemAction": {
    gate: "incident:write",
    args: (w) => [w.A.incidentId, itemForm],
    cross: [
      { args: (w) => [w.A.incidentId, itemForm], refused: /Incident not found/ },
      // Their own incident, addressing A's root cause or owned by A's member.
      {
        args: (w) => [w.B.incidentId, { ...itemForm, whyNodeId: w.A.rootCauseId }],
        refused: /cause|not found/i,
      },
      {
        args: (w) => [w.B.incidentId, { ...itemForm, ownerId: w.A.editor.id }],
        refused: /owner|member|not found/i,
      },
    ],
  },
  "lib/action-items/actions.ts#updateActionItemAction": {
    gate: "incident:write",
    args: (w) => [w.A.actionItemId, { ...itemForm, version: 1 }],
    cross: [{ args: (w) => [w.A.actionItemId, { ...itemForm, version: 1 }], refused: NOT_FOUND }],
  },
  "lib/action-items/actions.ts#changeActionStatusAction": {
    gate: "incident:write",
    args: (w) => [w.A.actionItemId, { version: 1, status: "DONE" }],
    cross: [
      { args: (w) => [w.A.actionItemId, { version: 1, status: "DONE" }], refused: NOT_FOUND },
    ],
  },
  "lib/action-items/actions.ts#deleteActionItemAction": {
    gate: "incident:write",
    args: (w) => [w.A.actionItemId, {}],
    cross: [{ args: (w) => [w.A.actionItemId, {}], refused: NOT_FOUND }],
  },

  // ── reports ──
  // Sets up the caller's own team's templates (an older team without any).
  "lib/reports/actions.ts#setUpTemplatesAction": { gate: "template:manage", args: () => [{}] },
  // Renders the caller's own text (the live Markdown preview): no record of any team.
  "lib/markdown/actions.ts#previewMarkdownAction": {
    gate: "incident:write",
    args: () => [{ markdown: "# Matrix" }],
  },
  "lib/reports/actions.ts#saveNarrativeAction": boundToIncident("report:write", () => ({
    baseVersion: 1,
    changes: { summary: "Matrix" },
    baseline: { summary: "" },
  })),
  "lib/reports/actions.ts#setReportTemplateAction": boundToIncident(
    "report:write",
    (w) => ({ baseVersion: 1, templateId: w.A.templateId }),
    // Their own draft report, with A's template.
    (w) => [w.B.draftIncidentId, { baseVersion: 1, templateId: w.A.templateId }],
    /Choose one of your team's templates/,
  ),
  "lib/reports/actions.ts#requestReviewAction": boundToIncident(
    "report:write",
    (w) => ({ baseVersion: 1, reviewerIds: [w.A.viewer.id] }),
    // Their own draft report, with A's editor as reviewer.
    (w) => [w.B.draftIncidentId, { baseVersion: 1, reviewerIds: [w.A.editor.id] }],
    /Reviewers must be editors or owners of this team/,
  ),
  "lib/reports/actions.ts#decideReviewAction": boundToIncident("report:write", () => ({
    decision: "APPROVED",
  })),
  "lib/reports/actions.ts#addCommentAction": boundToIncident("report:write", () => ({
    sectionKey: "general",
    body: "Matrix comment",
  })),
  "lib/reports/actions.ts#resolveCommentAction": {
    gate: "report:write",
    args: (w) => [w.A.incidentId, w.A.commentId, {}],
    cross: [
      { args: (w) => [w.A.incidentId, w.A.commentId, {}], refused: /Incident not found/ },
      { args: (w) => [w.B.incidentId, w.A.commentId, {}], refused: NOT_FOUND },
    ],
  },
  "lib/reports/actions.ts#withdrawReviewAction": boundToIncident("report:write", () => ({
    baseVersion: 1,
  })),
  "lib/reports/actions.ts#reopenReportAction": boundToIncident("report:write", () => ({
    baseVersion: 1,
  })),
  "lib/reports/actions.ts#publishReportAction": boundToIncident("report:publish", () => ({
    baseVersion: 1,
  })),
  "lib/reports/actions.ts#updateTemplateAction": teamRecord("template:manage", (w) => ({
    templateId: w.A.templateId,
    name: "Matrix template",
    sectionKey: "summary",
    "title.summary": "Summary",
    "prompt.summary": "",
    "enabled.summary": "on",
  })),

  // ── sharing ──
  "lib/sharing/actions.ts#shareReportAction": boundToIncident("report:share", () => ({
    recipients: "matrix.reader@example.test",
    days: 7,
    mode: "ANYONE_WITH_LINK",
  })),
  "lib/sharing/actions.ts#revokeShareAction": {
    gate: "report:share",
    args: (w) => [w.A.incidentId, w.A.shareLinkId, {}],
    cross: [
      { args: (w) => [w.A.incidentId, w.A.shareLinkId, {}], refused: /Incident not found/ },
      { args: (w) => [w.B.incidentId, w.A.shareLinkId, {}], refused: NOT_FOUND },
    ],
  },
  "lib/sharing/actions.ts#resendShareAction": {
    gate: "report:share",
    args: (w) => [w.A.incidentId, w.A.shareLinkId, {}],
    cross: [
      { args: (w) => [w.A.incidentId, w.A.shareLinkId, {}], refused: /Incident not found/ },
      { args: (w) => [w.B.incidentId, w.A.shareLinkId, {}], refused: NOT_FOUND },
    ],
  },
  "lib/sharing/actions.ts#revokeGrantAction": {
    gate: "team:manage",
    args: (w) => [w.A.incidentId, w.A.grantId, {}],
    cross: [
      { args: (w) => [w.A.incidentId, w.A.grantId, {}], refused: /Incident not found/ },
      { args: (w) => [w.B.incidentId, w.A.grantId, {}], refused: NOT_FOUND },
    ],
  },
  "lib/sharing/actions.ts#updateSharingSettingsAction": {
    gate: "team:manage",
    args: () => [{ shareLinkDefaultDays: 10, shareLinkMaxDays: 30, allowAnonymousShareLink: "on" }],
  },
  "lib/sharing/actions.ts#requestShareConfirmationAction": {
    gate: "public",
    args: () => ["matrix-unknown-share-token", {}],
  },

  // ── integrations ──
  "lib/api/actions.ts#createApiTokenAction": {
    gate: "team:manage",
    args: () => [{ name: "Matrix token", scope: "READ" }],
  },
  "lib/api/actions.ts#revokeApiTokenAction": teamRecord("team:manage", (w) => ({
    tokenId: w.A.readToken.id,
  })),
  "lib/alerts/actions.ts#createAlertSourceAction": {
    gate: "team:manage",
    args: () => [{ name: "Matrix source", kind: "GENERIC", defaultSeverity: "SEV3" }],
  },
  "lib/alerts/actions.ts#updateAlertSourceAction": teamRecord("team:manage", (w) => ({
    sourceId: w.A.alertSources.GENERIC.id,
    defaultSeverity: "SEV2",
  })),
  "lib/alerts/actions.ts#revokeAlertSourceAction": teamRecord("team:manage", (w) => ({
    sourceId: w.A.alertSources.GENERIC.id,
  })),
  "lib/chatops/actions.ts#saveSlackBotTokenAction": {
    gate: "team:manage",
    args: () => [{ botToken: "xoxb-matrix-0123456789" }],
  },
  // Pulling a channel into another team's incident: not found (B's own has no bot token).
  "lib/chatops/actions.ts#fetchSlackChannelAction": onIncident(
    "incident:write",
    () => ({ channel: "C0MATRIX01" }),
    false,
  ),
  // Outgoing notifications: a target of team A, by id.
  "lib/notifications/actions.ts#createTargetAction": {
    gate: "team:manage",
    args: () => [
      {
        name: "Matrix target",
        kind: "WEBHOOK",
        url: "https://hooks.example.test/new",
        events: ["incident.opened"],
      },
    ],
  },
  "lib/notifications/actions.ts#updateTargetEventsAction": teamRecord("team:manage", (w) => ({
    targetId: w.A.notificationTargetId,
    events: ["incident.opened"],
  })),
  "lib/notifications/actions.ts#sendTestEventAction": teamRecord("team:manage", (w) => ({
    targetId: w.A.notificationTargetId,
  })),
  "lib/notifications/actions.ts#enableTargetAction": teamRecord("team:manage", (w) => ({
    targetId: w.A.notificationTargetId,
  })),
  "lib/notifications/actions.ts#disableTargetAction": teamRecord("team:manage", (w) => ({
    targetId: w.A.notificationTargetId,
  })),
  "lib/notifications/actions.ts#deleteTargetAction": teamRecord("team:manage", (w) => ({
    targetId: w.A.notificationTargetId,
  })),
  // Claiming A's Slack workspace id would route A's slash commands to B.
  "lib/chatops/actions.ts#saveChatIntegrationAction": teamRecord(
    "team:manage",
    (w) => ({
      workspaceId: w.A.chat.workspaceId,
      signingSecret: "matrix-signing-secret-0123456789",
    }),
    /workspace|already|connected/i,
  ),
  // Claiming A's Mattermost command token would route A's slash commands to B.
  "lib/chatops/actions.ts#saveMattermostTokenAction": teamRecord(
    "team:manage",
    (w) => ({ commandToken: w.A.chat.mattermost.token }),
    /another team/i,
  ),
  // A's chat link request, confirmed by B's owner: refused (it names the team it would join, by design).
  "lib/chatops/actions.ts#confirmChatLinkAction": {
    ...teamRecord("signed-in", (w) => ({ token: w.A.chat.linkToken }), /belongs to/i),
    allows: ["zqalphapub"],
  },
};
