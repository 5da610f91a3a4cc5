// Every audit action and the shape of its `data`, as one discriminated union (zod, no Prisma).
//
// Writers (recordAudit and the few raw inserts) are typed by it, so a new action or a changed
// data shape is a compile error until it is added here — and then the History sentence
// (lib/audit/sentence.ts) has to say it in words, or its exhaustive switch stops compiling.
// Readers parse rows with it (`parseAuditEntry`): rows are stored JSON written by older code,
// so a row that no longer fits reads as null (a generic sentence), never a crash.
//
// Enum-like values (severity, role, kind…) are plain strings here on purpose: an old row with
// a value that was later renamed must still parse; the label helpers make any string readable.
import { z } from "zod";
import { ROOT_CAUSE_CATEGORIES } from "@/lib/whys/tree";

const text = z.string();
const iso = z.string(); // an instant as an ISO string (JSON has no dates)
const id = z.string();
const none = z.null().optional();

/** `{ version, changes: { field: { from, to } } }`: what an optimistic-locked update changed. */
export const fieldChangesSchema = z.object({
  version: z.number().optional(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
});

/** A deleted 5 Whys subtree kept on the audit row, so the deletion can be undone. */
export const deletedSubtreeSchema = z.object({
  nodes: z.array(
    z.object({
      id,
      parentId: id.nullable(),
      statement: text,
      position: z.number(),
      isRootCause: z.boolean(),
      category: z.enum(ROOT_CAUSE_CATEGORIES).nullable(),
      version: z.number(),
      createdAt: iso,
    }),
  ),
  evidence: z.array(
    z.object({
      id,
      nodeId: id,
      timelineEventId: id.nullable(),
      url: z.string().nullable(),
      label: z.string().nullable(),
      createdAt: iso,
    }),
  ),
  actionLinks: z.array(z.object({ actionItemId: id, whyNodeId: id })),
});

const entry = <A extends string, D extends z.ZodType>(action: A, data: D) =>
  z.object({ action: z.literal(action), data });

export const auditEntrySchema = z.discriminatedUnion("action", [
  // Incidents
  entry(
    "incident.create",
    z.object({ number: z.number(), title: text, severity: text, status: text }).partial(),
  ),
  entry("incident.update", fieldChangesSchema),
  entry("incident.delete", z.object({ number: z.number(), title: text })),
  entry("incident.problem_statement", z.object({ from: text.nullable(), to: text.nullable() })),
  // Timeline
  entry("timeline.create", z.object({ occurredAt: iso, kind: text, body: text })),
  entry("timeline.update", fieldChangesSchema),
  entry("timeline.delete", z.object({ occurredAt: iso, kind: text, body: text })),
  entry("timeline.import", z.object({ count: z.number(), format: text })),
  // 5 Whys
  entry("why_node.create", z.object({ statement: text, parentId: id.nullable().optional() })),
  entry("why_node.update", z.object({ from: text, to: text })),
  entry(
    "why_node.mark_root_cause",
    z.object({ category: text.nullable(), statement: text.optional() }),
  ),
  entry(
    "why_node.unmark_root_cause",
    z.object({ category: text.nullable(), statement: text.optional() }),
  ),
  entry(
    "why_node.move",
    z.object({ from: id.nullable(), to: id.nullable(), statement: text.optional() }),
  ),
  entry("why_node.reorder", z.object({ direction: z.enum(["up", "down"]) })),
  entry(
    "why_node.delete",
    z.object({ statement: text, count: z.number(), snapshot: deletedSubtreeSchema }),
  ),
  entry("why_node.restore", z.object({ deletionId: id, count: z.number() })),
  entry(
    "why_node.cite",
    z.union([z.object({ timelineEventId: id }), z.object({ url: z.string() })]),
  ),
  entry(
    "why_node.uncite",
    z.object({ timelineEventId: id.nullable(), url: z.string().nullable() }),
  ),
  // Attachments
  entry(
    "attachment.create",
    z.object({ filename: text, contentType: z.string(), bytes: z.number(), target: z.string() }),
  ),
  entry("attachment.delete", z.object({ filename: text, keptForPublishedVersions: z.boolean() })),
  // Action items
  entry("action_item.create", z.object({ title: text, whyNodeId: id.nullable().optional() })),
  entry(
    "action_item.update",
    z.object({ fields: z.array(z.string()), status: text, title: text.optional() }),
  ),
  entry("action_item.status", z.object({ from: text, to: text, title: text.optional() })),
  entry("action_item.delete", z.object({ title: text })),
  entry(
    "notification.overdue_sent",
    z.object({ dueDate: z.string(), owner: z.string().nullable(), targets: z.number() }),
  ),
  // Report and its review
  entry("report.create", none),
  entry("report.narrative.update", z.object({ fields: z.array(z.string()) })),
  entry("report.template.change", z.object({ templateId: id, name: text })),
  entry("report.review.request", z.object({ round: z.number(), reviewerIds: z.array(id) })),
  entry(
    "report.review.approve",
    z.object({ round: z.number(), contentHash: z.string().nullable() }),
  ),
  entry(
    "report.review.request_changes",
    z.object({ round: z.number(), contentHash: z.string().nullable() }),
  ),
  entry(
    "report.review.approval_withdrawn",
    z.object({ round: z.number(), reviewerIds: z.array(id), cause: z.string() }),
  ),
  entry("report.review.withdraw", none),
  entry("report.reopen", none),
  entry("report.comment.create", z.object({ sectionKey: z.string() })),
  entry("report.comment.resolve", none),
  entry("report.publish", z.object({ number: z.number(), contentHash: z.string() })),
  entry("report_template.create", z.object({ name: text, builtIn: z.boolean() })),
  entry("report_template.update", z.object({ name: text, sections: z.array(z.string()) })),
  // Sharing and the stakeholder portal
  entry(
    "share.create",
    z.object({
      recipient: z.string(),
      mode: z.string(),
      audience: z.string(),
      expiresAt: iso,
      reportVersionId: id,
    }),
  ),
  entry("share.revoke", z.object({ recipient: z.string() })),
  entry("share.resend", z.object({ recipient: z.string() })),
  entry("share.view", z.object({ confirmedAs: z.string() }).nullable().optional()),
  entry("portal.view", none),
  entry("grant.revoke", z.object({ email: z.string() })),
  entry(
    "team.sharing.update",
    z.object({
      shareLinkDefaultDays: z.number(),
      shareLinkMaxDays: z.number(),
      allowAnonymousShareLink: z.boolean(),
    }),
  ),
  // Team and members
  entry("team.create", z.object({ name: text })),
  entry("team.rename", z.object({ from: text, to: text })),
  entry("team.logo.set", z.object({ logoId: id, contentType: z.string(), bytes: z.number() })),
  entry("team.logo.remove", none),
  entry("user.update_profile", z.object({ name: text, timeZone: z.string().nullable() })),
  entry("invitation.create", z.object({ email: z.string(), role: z.string() })),
  entry("invitation.revoke", z.object({ email: z.string() })),
  entry("invitation.resend", z.object({ email: z.string() })),
  entry(
    "invitation.accept",
    z.object({ membershipId: id, role: z.string(), alreadyMember: z.boolean() }),
  ),
  entry("membership.change_role", z.object({ userId: id, from: z.string(), to: z.string() })),
  entry("membership.leave", z.object({ userId: id, role: z.string() })),
  entry("membership.remove", z.object({ userId: id, role: z.string() })),
  // Integrations
  entry(
    "chat.configure",
    z.union([
      z.object({ workspaceId: z.string() }),
      z.object({ botToken: z.enum(["saved", "removed"]) }),
      z.object({ provider: z.string(), commandToken: z.enum(["saved", "removed"]) }),
    ]),
  ),
  entry("chat.link", z.object({ chatUser: z.string() })),
  entry("api_token.create", z.object({ name: text, scope: z.string() })),
  entry("api_token.revoke", none),
  entry("api.request", z.object({ method: z.string(), path: z.string(), status: z.number() })),
  entry("alert_source.create", z.object({ name: text, kind: z.string() })),
  entry(
    "alert_source.update",
    z.object({
      rules: z.number(),
      defaultSeverity: z.string(),
      mitigateWhenResolved: z.boolean(),
    }),
  ),
  entry("alert_source.revoke", none),
  entry(
    "notification.target.create",
    z.object({ name: text, kind: z.string(), host: z.string(), events: z.array(z.string()) }),
  ),
  entry("notification.target.update", z.object({ events: z.array(z.string()) })),
  entry("notification.target.enable", none),
  entry("notification.target.disable", none),
  entry("notification.target.delete", z.object({ name: text })),
  entry("notification.target.auto_disable", z.object({ failures: z.number() })),
]);

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditAction = AuditEntry["action"];
/** The data shape of one action, for the raw inserts that bypass recordAudit. */
export type AuditData<A extends AuditAction> = Extract<AuditEntry, { action: A }>["data"];

export const AUDIT_ACTIONS = auditEntrySchema.options.map(
  (o) => o.shape.action.value,
) as AuditAction[];

/**
 * Names written before the actions had one scheme (lower snake_case, `area.verb`): the
 * 20261203184500_audit_action_names migration rewrites stored rows, and the reader maps any row
 * an older instance writes during a rolling deploy, so every old row keeps its sentence.
 */
export const LEGACY_ACTION_NAMES: Readonly<Record<string, AuditAction>> = {
  "incident.problemStatement": "incident.problem_statement",
  "whyNode.create": "why_node.create",
  "whyNode.update": "why_node.update",
  "whyNode.markRootCause": "why_node.mark_root_cause",
  "whyNode.unmarkRootCause": "why_node.unmark_root_cause",
  "whyNode.move": "why_node.move",
  "whyNode.reorder": "why_node.reorder",
  "whyNode.delete": "why_node.delete",
  "whyNode.restore": "why_node.restore",
  "whyNode.cite": "why_node.cite",
  "whyNode.uncite": "why_node.uncite",
  "apiToken.create": "api_token.create",
  "apiToken.revoke": "api_token.revoke",
  "alertSource.create": "alert_source.create",
  "alertSource.update": "alert_source.update",
  "alertSource.revoke": "alert_source.revoke",
};

/** A stored action name as today's (an old camelCase name becomes its snake_case one). */
export function currentActionName(action: string): string {
  return Object.hasOwn(LEGACY_ACTION_NAMES, action) ? LEGACY_ACTION_NAMES[action]! : action;
}

/** A stored row's action and data as a typed entry, or null when it fits no known shape. */
export function parseAuditEntry(action: string, data: unknown): AuditEntry | null {
  const parsed = auditEntrySchema.safeParse({
    action: currentActionName(action),
    data: data ?? undefined,
  });
  return parsed.success ? parsed.data : null;
}
