import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, parseAuditEntry, type AuditEntry } from "./schema";
import { changeClause, describeAudit, historySentence, sentenceText } from "./sentence";

const T = "2026-03-01T10:00:00.000Z";
const text = (e: AuditEntry) => sentenceText(describeAudit(e), (iso) => `<${iso}>`);
const subtree = {
  nodes: [
    {
      id: "n1",
      parentId: null,
      statement: "Pool too small",
      position: 0,
      isRootCause: true,
      category: "CAPACITY" as const,
      version: 1,
      createdAt: T,
    },
  ],
  evidence: [],
  actionLinks: [],
};

// One row per action: the sentence a reader sees on the History tab.
const CASES: [AuditEntry, string][] = [
  [
    { action: "incident.create", data: { number: 3, title: "Checkout 502s", severity: "SEV2" } },
    "created the incident “Checkout 502s” as SEV2",
  ],
  [
    {
      action: "incident.update",
      data: { version: 2, changes: { severity: { from: "SEV2", to: "SEV1" } } },
    },
    "changed the severity from SEV2 to SEV1",
  ],
  [
    { action: "incident.delete", data: { number: 7, title: "Old drill" } },
    "deleted the incident INC-7 “Old drill”",
  ],
  [
    { action: "incident.problem_statement", data: { from: null, to: "Checkout failed" } },
    "set the problem statement to “Checkout failed”",
  ],
  [
    { action: "timeline.create", data: { occurredAt: T, kind: "ACTION", body: "Paged on-call" } },
    "added a timeline event: “Paged on-call”",
  ],
  [
    {
      action: "timeline.update",
      data: { version: 3, changes: { isKey: { from: false, to: true } } },
    },
    "edited a timeline event: made it a key event",
  ],
  [
    { action: "timeline.delete", data: { occurredAt: T, kind: "NOTE", body: "x".repeat(90) } },
    `deleted a timeline event: “${"x".repeat(80)}…”`,
  ],
  [
    { action: "timeline.import", data: { count: 3, format: "csv" } },
    "imported 3 timeline events from a CSV file",
  ],
  [
    { action: "why_node.create", data: { statement: "Deploy skipped canary", parentId: null } },
    "added the cause “Deploy skipped canary” to the 5 Whys",
  ],
  [
    { action: "why_node.update", data: { from: "Pool small", to: "Pool too small" } },
    "reworded the cause “Pool small” to “Pool too small”",
  ],
  [
    { action: "why_node.mark_root_cause", data: { category: "TOOLING", statement: "No linter" } },
    "marked “No linter” as a root cause (Tooling)",
  ],
  [
    { action: "why_node.unmark_root_cause", data: { category: null } },
    "no longer counts a cause as a root cause",
  ],
  [
    { action: "why_node.move", data: { from: "a", to: null, statement: "Pool too small" } },
    "moved “Pool too small” to the top of the 5 Whys",
  ],
  [
    { action: "why_node.reorder", data: { direction: "up" } },
    "moved a cause up among its neighbours",
  ],
  [
    {
      action: "why_node.delete",
      data: { statement: "Pool too small", count: 3, snapshot: subtree },
    },
    "deleted the cause “Pool too small” and 2 causes under it",
  ],
  [
    { action: "why_node.restore", data: { deletionId: "d1", count: 1 } },
    "restored 1 deleted cause",
  ],
  [
    { action: "why_node.cite", data: { url: "https://status.example/1" } },
    "cited https://status.example/1 as evidence for a cause",
  ],
  [
    { action: "why_node.uncite", data: { timelineEventId: "t1", url: null } },
    "removed a timeline event from a cause's evidence",
  ],
  [
    {
      action: "attachment.create",
      data: { filename: "graph.png", contentType: "image/png", bytes: 10, target: "event" },
    },
    "attached “graph.png” to a timeline event",
  ],
  [
    {
      action: "attachment.delete",
      data: { filename: "graph.png", keptForPublishedVersions: true },
    },
    "removed the attachment “graph.png” (published versions keep it)",
  ],
  [
    { action: "action_item.create", data: { title: "Add canary", whyNodeId: null } },
    "added the action item “Add canary”",
  ],
  [
    {
      action: "action_item.update",
      data: { fields: ["ownerId", "dueDate"], status: "OPEN", title: "Add canary" },
    },
    "edited the action item “Add canary” (owner, due date)",
  ],
  [
    { action: "action_item.status", data: { from: "OPEN", to: "DONE", title: "Add canary" } },
    "moved the action item “Add canary” from Open to Done",
  ],
  [
    { action: "action_item.delete", data: { title: "Add canary" } },
    "deleted the action item “Add canary”",
  ],
  [
    {
      action: "notification.overdue_sent",
      data: { dueDate: "2026-03-02", owner: "ana@example.com", targets: 2 },
    },
    "sent a reminder that an action item was due 2026-03-02 (owner ana@example.com)",
  ],
  [{ action: "report.create" }, "started the report"],
  [
    { action: "report.narrative.update", data: { fields: ["summary", "impact"] } },
    "edited the report (Summary, Customer and data impact)",
  ],
  [
    { action: "report.template.change", data: { templateId: "t", name: "Short form" } },
    "switched the report to the template “Short form”",
  ],
  [
    { action: "report.review.request", data: { round: 1, reviewerIds: ["a", "b"] } },
    "asked 2 people to review the report",
  ],
  [
    { action: "report.review.approve", data: { round: 1, contentHash: "h" } },
    "approved the report",
  ],
  [
    { action: "report.review.request_changes", data: { round: 1, contentHash: null } },
    "asked for changes to the report",
  ],
  [
    {
      action: "report.review.approval_withdrawn",
      data: { round: 1, reviewerIds: ["a"], cause: "incident.update" },
    },
    "changed the report after it was approved, which withdrew 1 approval",
  ],
  [{ action: "report.review.withdraw" }, "withdrew the report from review"],
  [{ action: "report.reopen" }, "reopened the published report as a new draft"],
  [
    { action: "report.comment.create", data: { sectionKey: "why" } },
    "commented on the report's “Why there was a difference” section",
  ],
  [{ action: "report.comment.resolve" }, "resolved a comment on the report"],
  [
    { action: "report.publish", data: { number: 3, contentHash: "h" } },
    "published version 3 of the report",
  ],
  [
    { action: "report_template.create", data: { name: "Standard", builtIn: true } },
    "added the built-in report template “Standard”",
  ],
  [
    { action: "report_template.update", data: { name: "Standard", sections: ["summary:on"] } },
    "edited the report template “Standard”",
  ],
  [
    {
      action: "share.create",
      data: {
        recipient: "cfo@example.com",
        mode: "CONFIRM_EMAIL",
        audience: "CUSTOMER",
        expiresAt: T,
        reportVersionId: "v",
      },
    },
    `shared the customer version of the report with cfo@example.com until <${T}>`,
  ],
  [
    { action: "share.revoke", data: { recipient: "cfo@example.com" } },
    "revoked the report link sent to cfo@example.com",
  ],
  [
    { action: "share.resend", data: { recipient: "cfo@example.com" } },
    "sent the report link to cfo@example.com again",
  ],
  [
    { action: "share.view", data: { confirmedAs: "cfo@example.com" } },
    "opened the shared report (confirmed as cfo@example.com)",
  ],
  [{ action: "portal.view" }, "read the report in the stakeholder portal"],
  [
    { action: "grant.revoke", data: { email: "cfo@example.com" } },
    "removed cfo@example.com's access to the stakeholder portal",
  ],
  [
    {
      action: "team.sharing.update",
      data: { shareLinkDefaultDays: 7, shareLinkMaxDays: 30, allowAnonymousShareLink: false },
    },
    "changed the sharing settings: links last 7 days by default and at most 30 days, links without sign-in not allowed",
  ],
  [{ action: "team.create", data: { name: "Payments" } }, "created the team “Payments”"],
  [
    { action: "team.rename", data: { from: "Payments", to: "Payments SRE" } },
    "renamed the team from “Payments” to “Payments SRE”",
  ],
  [
    { action: "team.logo.set", data: { logoId: "l", contentType: "image/png", bytes: 10 } },
    "changed the team's logo",
  ],
  [{ action: "team.logo.remove" }, "removed the team's logo"],
  [
    { action: "user.update_profile", data: { name: "Ana", timeZone: "Europe/Lisbon" } },
    "updated their profile",
  ],
  [
    { action: "invitation.create", data: { email: "ben@example.com", role: "EDITOR" } },
    "invited ben@example.com as Editor",
  ],
  [
    { action: "invitation.revoke", data: { email: "ben@example.com" } },
    "withdrew the invitation to ben@example.com",
  ],
  [
    { action: "invitation.resend", data: { email: "ben@example.com" } },
    "sent the invitation to ben@example.com again",
  ],
  [
    {
      action: "invitation.accept",
      data: { membershipId: "m", role: "VIEWER", alreadyMember: false },
    },
    "joined the team as Viewer",
  ],
  [
    { action: "membership.change_role", data: { userId: "u", from: "VIEWER", to: "EDITOR" } },
    "changed a member's role from Viewer to Editor",
  ],
  [{ action: "membership.leave", data: { userId: "u", role: "EDITOR" } }, "left the team"],
  [
    { action: "membership.remove", data: { userId: "u", role: "EDITOR" } },
    "removed a member (Editor) from the team",
  ],
  [{ action: "chat.configure", data: { botToken: "saved" } }, "saved the chat bot token"],
  [
    { action: "chat.configure", data: { provider: "MATTERMOST", commandToken: "removed" } },
    "removed the Mattermost command token",
  ],
  [{ action: "chat.link", data: { chatUser: "ana" } }, "linked the chat account ana"],
  [
    { action: "api_token.create", data: { name: "CI", scope: "write" } },
    "created the API token “CI” (write)",
  ],
  [{ action: "api_token.revoke" }, "revoked an API token"],
  [
    { action: "api.request", data: { method: "GET", path: "/api/v1/incidents", status: 200 } },
    "called the API: GET /api/v1/incidents answered 200",
  ],
  [
    { action: "alert_source.create", data: { name: "Prod alerts", kind: "ALERTMANAGER" } },
    "added the alert source “Prod alerts” (Alertmanager)",
  ],
  [
    {
      action: "alert_source.update",
      data: { rules: 2, defaultSeverity: "SEV3", mitigateWhenResolved: true },
    },
    "changed an alert source: 2 rules, default severity SEV3, mitigates when the alert resolves",
  ],
  [{ action: "alert_source.revoke" }, "revoked an alert source"],
  [
    {
      action: "notification.target.create",
      data: { name: "Ops room", kind: "SLACK", host: "hooks.slack.com", events: [] },
    },
    "added the notification target “Ops room” (Slack, hooks.slack.com)",
  ],
  [
    { action: "notification.target.update", data: { events: ["incident.opened"] } },
    "changed what a notification target receives: incident.opened",
  ],
  [{ action: "notification.target.enable" }, "turned a notification target on"],
  [{ action: "notification.target.disable" }, "turned a notification target off"],
  [
    { action: "notification.target.delete", data: { name: "Ops room" } },
    "deleted the notification target “Ops room”",
  ],
  [
    { action: "notification.target.auto_disable", data: { failures: 5 } },
    "turned a notification target off after 5 failed deliveries",
  ],
];

describe("History sentences", () => {
  it.each(CASES)("$action", (entry, sentence) => {
    expect(text(entry)).toBe(sentence);
  });

  it("has a sentence case for every action in the union", () => {
    const covered = new Set(CASES.map(([e]) => e.action));
    expect(AUDIT_ACTIONS.filter((a) => !covered.has(a))).toEqual([]);
  });

  it("states every field of an incident edit in one sentence, times as instants", () => {
    const s = describeAudit({
      action: "incident.update",
      data: {
        changes: {
          status: { from: "INVESTIGATING", to: "IDENTIFIED" },
          mitigatedAt: { from: null, to: T },
          tags: { from: ["db"], to: [] },
        },
      },
    });
    expect(s).toContainEqual({ time: T });
    expect(sentenceText(s, () => "10:00")).toBe(
      "changed the status from Investigating to Identified, set the mitigation time to 10:00 and cleared the tags",
    );
  });

  it("names an unknown field readably instead of by its code", () => {
    expect(sentenceText(changeClause("runbookUrl", "a", "b"))).toBe(
      "changed the runbook url from “a” to “b”",
    );
  });
});

describe("reading stored rows", () => {
  it("parses a row written today", () => {
    const entry = parseAuditEntry("report.publish", { number: 2, contentHash: "h" });
    expect(entry && sentenceText(historySentence("Ana", entry, "report.publish"))).toBe(
      "Ana published version 2 of the report",
    );
  });

  it("gives an old or unknown row a generic sentence instead of failing", () => {
    expect(parseAuditEntry("why_node.create", { text: "renamed field" })).toBeNull();
    expect(parseAuditEntry("whys.node_create", null)).toBeNull();
    expect(sentenceText(historySentence("Ben", null, "why_node.create"))).toBe(
      "Ben made a change to the 5 Whys",
    );
    expect(sentenceText(historySentence("Ben", null, "something.else"))).toBe("Ben made a change");
  });

  it("treats a missing data column like an action without data", () => {
    expect(parseAuditEntry("report.create", null)).toEqual({ action: "report.create" });
    expect(parseAuditEntry("share.view", null)).toEqual({ action: "share.view" });
  });
});
