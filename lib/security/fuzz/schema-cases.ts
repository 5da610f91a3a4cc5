// One entry per exported zod schema in lib/ ("file#export"), with an input it must accept.
// schemas.test.ts discovers every exported schema and fails for one missing here, so a new
// schema cannot ship without its property tests. `tolerant`: the schema reads URLs and falls
// back instead of refusing (it must never refuse a record of strings). `response`: a response
// shape used only to document the API (never parses input), fuzzed for "no crash" only.
import { readFileSync } from "node:fs";
import path from "node:path";
import { composeReport } from "@/lib/reports/snapshot";
import { fullTemplateSections } from "@/lib/reports/sections";
import { sampleSource } from "@/lib/reports/test-fixtures";

export interface SchemaCase {
  valid: unknown;
  tolerant?: boolean;
  response?: boolean;
  /** Whole-form refusals (no single field to blame) are allowed. */
  formLevel?: boolean;
}

const ISO = "2026-01-10T14:02:00Z";
const incidentForm = {
  title: "Checkout errors",
  severity: "SEV2",
  status: "INVESTIGATING",
  timeZone: "Europe/Berlin",
  startedAt: "2026-01-10T15:00",
  summary: "",
  customerImpact: "",
  services: "checkout",
  tags: "",
  commanderId: "",
};
const actionItem = {
  title: "Add a pool check",
  description: "See *runbook*.",
  ownerId: "",
  dueDate: "2026-03-31",
  priority: "P2",
  type: "PREVENT",
  status: "OPEN",
  wontDoReason: "",
  trackerUrl: "https://tracker.example/1",
  whyNodeId: "",
};
const v1Snapshot = (): unknown =>
  JSON.parse(
    readFileSync(path.join(process.cwd(), "lib/reports/fixtures/snapshot-v1.json"), "utf8"),
  );
const v2Snapshot = (): unknown =>
  JSON.parse(
    readFileSync(path.join(process.cwd(), "lib/reports/fixtures/snapshot-v2.json"), "utf8"),
  );
/** What publishing writes today, with cited evidence and an attached file. */
const withEvidence = (): Record<string, unknown> =>
  JSON.parse(
    JSON.stringify(
      composeReport(
        sampleSource({
          evidence: [
            {
              id: "ev1",
              nodeId: "w2",
              url: "https://grafana.example/d/1",
              label: "Pool",
              event: null,
            },
          ],
          attachments: [
            {
              id: "f1",
              filename: "p99.png",
              contentType: "image/png",
              size: 70,
              width: 1,
              height: 1,
              caption: "p99",
              sectionKey: "summary",
              timelineEventId: null,
              event: null,
            },
          ],
        }),
      ),
    ),
  );
const incidentOut = {
  id: "i1",
  number: 1,
  key: "INC-1",
  title: "t",
  severity: "SEV1",
  status: "RESOLVED",
  startedAt: ISO,
  detectedAt: null,
  acknowledgedAt: null,
  mitigatedAt: null,
  resolvedAt: ISO,
  summary: "",
  customerImpact: "",
  services: [],
  tags: [],
  commander: null,
  version: 1,
  url: "http://x/incidents/i1",
  createdAt: ISO,
  updatedAt: ISO,
};
const notificationFixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(process.cwd(), "lib/notifications/fixtures", name), "utf8"));
const section = { key: "summary", title: "Summary", prompt: "", enabled: true };

export const SCHEMA_CASES: Record<string, SchemaCase> = {
  "action-items/schema.ts#actionItemFields": { valid: actionItem },
  "action-items/schema.ts#createActionItemSchema": { valid: actionItem },
  "action-items/schema.ts#updateActionItemSchema": { valid: { ...actionItem, version: "3" } },
  "action-items/schema.ts#statusChangeSchema": {
    valid: { version: "1", status: "WONT_DO", wontDoReason: "Replaced by the new pool" },
  },

  "alerts/parse.ts#genericAlertSchema": {
    valid: {
      status: "firing",
      id: "a1",
      title: "Disk full",
      severity: "critical",
      startedAt: ISO,
      labels: { team: "db" },
    },
  },
  "alerts/rules.ts#severityRuleSchema": {
    valid: { label: "severity", value: "critical", severity: "SEV1" },
  },
  "alerts/rules.ts#severityRulesSchema": {
    valid: [{ label: "severity", value: "critical", severity: "SEV1" }],
  },
  "alerts/schema.ts#alertSourceSchema": {
    valid: {
      name: "Prod Alertmanager",
      kind: "ALERTMANAGER",
      clientSecret: "",
      rules: "severity=critical SEV1",
      defaultSeverity: "SEV3",
      mitigateWhenResolved: "on",
    },
  },
  "alerts/schema.ts#alertSourceSettingsSchema": {
    valid: { sourceId: "src1", rules: "", defaultSeverity: "SEV2" },
  },
  "alerts/schema.ts#alertSourceRefSchema": { valid: { sourceId: "src1" } },

  "attachments/schema.ts#attachmentTargetSchema": {
    valid: { kind: "event", timelineEventId: "evt1" },
  },
  "attachments/schema.ts#uploadFieldsSchema": {
    valid: { target: "section", sectionKey: "what_happened", caption: "p99 latency, 14:00–15:00" },
  },
  "attachments/schema.ts#deleteAttachmentSchema": {
    valid: { incidentId: "i1", attachmentId: "a1" },
  },

  "api/schema.ts#createApiTokenSchema": { valid: { name: "CI", scope: "WRITE" } },
  "api/schema.ts#revokeApiTokenSchema": { valid: { tokenId: "t1" } },
  "api/schema.ts#incidentCreateBody": {
    valid: { title: "Checkout errors", severity: "SEV2", startedAt: ISO, services: ["checkout"] },
  },
  "api/schema.ts#incidentCreateSchema": {
    valid: {
      title: "Checkout errors",
      severity: "SEV2",
      startedAt: ISO,
      detectedAt: "2026-01-10T15:05:00+01:00",
      tags: ["db"],
    },
  },
  "api/schema.ts#incidentPatchBody": { valid: { version: 2, title: "Renamed" } },
  "api/schema.ts#incidentInputSchema": { valid: incidentForm },
  "api/schema.ts#incidentListQuery": {
    valid: { status: "RESOLVED", from: "2026-01-01", sort: "oldest" },
  },
  "api/schema.ts#incidentListSchema": { valid: { severity: "SEV1", to: "2026-01-31" } },
  "api/schema.ts#timelineCreateBody": {
    valid: { occurredAt: ISO, kind: "NOTE", body: "Rolled back", author: "alice", isKey: true },
  },
  "api/schema.ts#incidentOut": { valid: incidentOut, response: true },
  "api/schema.ts#incidentListItemOut": { valid: incidentOut, response: true },
  "api/schema.ts#incidentPageOut": {
    valid: { data: [incidentOut], nextCursor: null },
    response: true,
  },
  "api/schema.ts#timelineEventOut": {
    valid: {
      id: "e",
      occurredAt: ISO,
      kind: "NOTE",
      body: "b",
      author: null,
      source: "API",
      isKey: false,
      version: 1,
    },
    response: true,
  },
  "api/schema.ts#actionItemOut": {
    valid: {
      id: "a",
      incidentId: "i",
      title: "t",
      description: "",
      status: "OPEN",
      priority: "P1",
      type: "PREVENT",
      dueDate: null,
      owner: null,
      trackerUrl: null,
      rootCause: null,
      completedAt: null,
      version: 1,
    },
    response: true,
  },
  "api/schema.ts#reportOut": {
    valid: { id: "r", incidentId: "i", number: 1, title: "t", publishedAt: ISO },
    response: true,
  },
  "api/schema.ts#errorOut": { valid: { error: "Not found." }, response: true },

  "auth/schema.ts#emailSchema": { valid: "Dana@Example.com" },
  "auth/schema.ts#signInSchema": {
    valid: { email: "dana@example.com", callbackUrl: "/incidents" },
  },

  "chatops/schema.ts#chatIntegrationSchema": {
    valid: { workspaceId: "T0123ABCD", signingSecret: "0123456789abcdef0123" },
  },
  "chatops/schema.ts#confirmLinkSchema": { valid: { token: "abcdefghijkl" } },
  "chatops/schema.ts#botTokenSchema": { valid: { botToken: "xoxb-1234567890-abcdefghij" } },
  "chatops/schema.ts#channelImportSchema": { valid: { incidentId: "i1", channel: "C0123ABCD" } },
  "chatops/schema.ts#mattermostTokenSchema": {
    valid: { commandToken: "okwexkjpe7ygb8eq1ww58t483w" },
  },

  "incidents/schema.ts#incidentListFiltersSchema": {
    valid: { status: "RESOLVED", from: "2026-01-01" },
    tolerant: true,
  },
  "incidents/schema.ts#incidentInputSchema": { valid: incidentForm },
  "incidents/schema.ts#incidentRefSchema": { valid: { id: "i1", version: "2" } },

  "notifications/events.ts#notificationEventSchema": {
    valid: {
      v: 1,
      type: "incident.opened",
      timestamp: ISO,
      data: {
        team: { id: "t1", name: "Payments" },
        incident: {
          id: "i1",
          key: "INC-1",
          title: "Checkout errors",
          severity: "SEV1",
          status: "INVESTIGATING",
          url: "http://x/incidents/i1",
        },
        actor: "Dana",
      },
    },
  },
  "notifications/fixtures/formats.ts#slackIncomingWebhookSchema": {
    valid: notificationFixture("slack-incoming-webhook.json"),
  },
  "notifications/fixtures/formats.ts#mattermostIncomingWebhookSchema": {
    valid: notificationFixture("mattermost-incoming-webhook.json"),
  },
  "notifications/schema.ts#targetSchema": {
    valid: {
      name: "#incidents",
      kind: "SLACK",
      url: "https://hooks.slack.com/services/T0/B0/x",
      events: ["incident.opened", "incident.opened"],
    },
  },
  "notifications/schema.ts#targetEventsSchema": {
    valid: { targetId: "nt1", events: "incident.status_changed" },
  },
  "notifications/schema.ts#targetRefSchema": { valid: { targetId: "nt1" } },

  "markdown/preview-schema.ts#markdownPreviewSchema": { valid: { markdown: "# Title\n\n- item" } },
  "reports/schema.ts#saveNarrativeSchema": {
    valid: {
      baseVersion: 1,
      changes: { summary: "**We** lost checkouts." },
      baseline: { summary: "" },
    },
  },
  "reports/schema.ts#requestReviewSchema": {
    valid: { baseVersion: "2", reviewerIds: ["u1"], confirmEmpty: "expected,lucky" },
  },
  "reports/schema.ts#commentSchema": { valid: { sectionKey: "general", body: "Looks good." } },
  "reports/schema.ts#decisionSchema": { valid: { decision: "APPROVED", sectionKey: "", body: "" } },
  "reports/schema.ts#baseVersionSchema": { valid: { baseVersion: "1" } },
  "reports/schema.ts#templateFormSchema": {
    valid: {
      templateId: "t1",
      name: "Full AAR",
      isDefault: true,
      sections: fullTemplateSections(),
    },
  },
  "reports/schema.ts#setTemplateSchema": { valid: { baseVersion: 1, templateId: "t1" } },
  "reports/sections.ts#templateSectionSchema": { valid: section },
  "reports/snapshot-schema.ts#snapshotV1Schema": { valid: v1Snapshot() },
  "reports/snapshot-schema.ts#snapshotV2Schema": { valid: v2Snapshot() },
  "reports/snapshot-schema.ts#snapshotV3Schema": {
    valid: JSON.parse(
      readFileSync(path.join(process.cwd(), "lib/reports/fixtures/snapshot-v3.json"), "utf8"),
    ),
  },
  "reports/snapshot-schema.ts#snapshotV4Schema": {
    valid: { ...withEvidence(), schema: 4 },
  },
  "reports/snapshot-schema.ts#snapshotV5Schema": {
    valid: withEvidence(),
  },

  "search/schema.ts#searchParamsSchema": {
    valid: { q: "pool", type: "incident", page: "2" },
    tolerant: true,
  },

  "sharing/schema.ts#recipientsSchema": { valid: "a@example.com, b@example.com" },
  "sharing/schema.ts#shareModeSchema": { valid: "CONFIRM_EMAIL" },
  "sharing/schema.ts#shareAudienceSchema": { valid: "CUSTOMER" },
  "sharing/schema.ts#shareSchema": {
    valid: {
      recipients: "a@example.com",
      message: "FYI",
      days: "7",
      mode: "ANYONE_WITH_LINK",
      audience: "CUSTOMER",
    },
  },
  "sharing/schema.ts#sharingSettingsSchema": {
    valid: { shareLinkDefaultDays: "7", shareLinkMaxDays: "30", allowAnonymousShareLink: "on" },
  },
  "sharing/schema.ts#portalSearchSchema": { valid: "pool", tolerant: true },

  "teams/schema.ts#teamNameSchema": { valid: "Payments" },
  "teams/schema.ts#createTeamSchema": { valid: { name: "Payments" } },
  "teams/schema.ts#renameTeamSchema": { valid: { name: "Payments SRE" } },
  "teams/schema.ts#roleSchema": { valid: "EDITOR" },
  "teams/schema.ts#inviteSchema": { valid: { email: "new@example.com", role: "VIEWER" } },
  "teams/schema.ts#changeRoleSchema": { valid: { membershipId: "m1", role: "OWNER" } },
  "teams/schema.ts#membershipIdSchema": { valid: { membershipId: "m1" } },
  "teams/schema.ts#invitationIdSchema": { valid: { invitationId: "inv1" } },
  "teams/schema.ts#switchTeamSchema": { valid: { teamId: "t1" } },
  "teams/schema.ts#profileSchema": { valid: { name: "Dana", timeZone: "Europe/Berlin" } },

  "timeline/schema.ts#timelineEventInputSchema": {
    valid: {
      incidentId: "i1",
      timeZone: "UTC",
      occurredAt: "2026-01-10T14:02",
      kind: "ACTION",
      body: "Rolled back",
      author: "alice",
      isKey: "on",
    },
  },
  "timeline/schema.ts#timelineEventRefSchema": { valid: { eventId: "e1", version: "1" } },
  "timeline/schema.ts#timelineImportSchema": {
    valid: { incidentId: "i1", timeZone: "UTC", text: "14:02 alice: db down" },
  },

  "whys/schema.ts#statementSchema": { valid: "The pool kept stale connections" },
  "whys/schema.ts#categorySchema": { valid: "PROCESS" },
  "whys/schema.ts#createNodeSchema": {
    valid: { incidentId: "i1", parentId: null, afterId: null, statement: "Because" },
  },
  "whys/schema.ts#updateStatementSchema": {
    valid: { incidentId: "i1", nodeId: "n1", version: 1, statement: "Because" },
  },
  "whys/schema.ts#rootCauseSchema": {
    valid: { incidentId: "i1", nodeId: "n1", version: 1, isRootCause: true, category: "PROCESS" },
  },
  "whys/schema.ts#moveNodeSchema": { valid: { incidentId: "i1", nodeId: "n1", newParentId: "n2" } },
  "whys/schema.ts#reorderNodeSchema": {
    valid: { incidentId: "i1", nodeId: "n1", direction: "up" },
  },
  "whys/schema.ts#deleteNodeSchema": { valid: { incidentId: "i1", nodeId: "n1" } },
  "whys/schema.ts#restoreSchema": { valid: { incidentId: "i1", deletionId: "d1" } },
  "whys/schema.ts#linkEvidenceSchema": {
    valid: {
      incidentId: "i1",
      nodeId: "n1",
      url: "https://grafana.example/d/1",
      label: "Dashboard",
    },
  },
  "whys/schema.ts#eventEvidenceSchema": {
    valid: { incidentId: "i1", nodeId: "n1", timelineEventId: "e1" },
  },
  "whys/schema.ts#removeEvidenceSchema": { valid: { incidentId: "i1", evidenceId: "ev1" } },
  "whys/schema.ts#problemSchema": {
    valid: { incidentId: "i1", problem: "Checkout failed", basedOn: "" },
  },
  "audit/schema.ts#auditEntrySchema": {
    valid: { action: "report.publish", data: { number: 3, contentHash: "h" } },
  },
  "audit/schema.ts#fieldChangesSchema": {
    valid: { version: 2, changes: { severity: { from: "SEV2", to: "SEV1" } } },
  },
  "audit/schema.ts#deletedSubtreeSchema": {
    valid: {
      nodes: [
        {
          id: "n1",
          parentId: null,
          statement: "Because",
          position: 0,
          isRootCause: false,
          category: null,
          version: 1,
          createdAt: ISO,
        },
      ],
      evidence: [],
      actionLinks: [],
    },
  },
  "jobs/payloads.ts#emailJobSchema": {
    valid: { sealed: "abc", share: { id: "s1", tokenHash: "h" } },
  },
  "jobs/payloads.ts#sealedMailSchema": {
    valid: { to: "a@example.test", subject: "Hello", text: "Body" },
  },
  "jobs/payloads.ts#notifyJobSchema": { valid: { deliveryId: "d1" } },
};
