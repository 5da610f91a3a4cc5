// The History tab's plain sentences, one per audit action (pure, safe in client components).
//
// A sentence is a list of parts: text, or an instant the view shows in the reader's own time
// zone (`{ time }`). `sentenceText` flattens it for tests, emails and screen readers.
// The switch is exhaustive over the typed union (lib/audit/schema.ts): a new action does not
// compile until it has its words here. Rows that fit no known shape get a generic sentence.
import { incidentKey } from "@/lib/incidents/constants";
import {
  actionStatusLabel,
  categoryLabel,
  humanize,
  kindLabel,
  roleLabel,
  statusLabel,
} from "@/lib/labels";
import { count } from "@/lib/plural";
import { SECTION_KINDS } from "@/lib/reports/sections";
import { currentActionName, type AuditEntry } from "./schema";

export type SentencePart = string | { time: string };
export type Sentence = SentencePart[];

const MAX_QUOTE = 80;

/** A user's words, quoted and cut short. */
export function quote(s: string): string {
  const t = s.trim().replace(/\s+/g, " ");
  return `“${t.length > MAX_QUOTE ? `${t.slice(0, MAX_QUOTE)}…` : t}”`;
}

type Kind = "text" | "time" | "code" | "status" | "kind" | "list" | "name" | "flag";

// Fields of incident and timeline updates: how each is named and how its values read.
const FIELDS: Record<string, { label: string; kind: Kind }> = {
  title: { label: "title", kind: "text" },
  severity: { label: "severity", kind: "code" },
  status: { label: "status", kind: "status" },
  startedAt: { label: "start time", kind: "time" },
  detectedAt: { label: "detection time", kind: "time" },
  acknowledgedAt: { label: "acknowledgement time", kind: "time" },
  mitigatedAt: { label: "mitigation time", kind: "time" },
  resolvedAt: { label: "resolution time", kind: "time" },
  impactStartedAt: { label: "impact start", kind: "time" },
  impactEndedAt: { label: "impact end", kind: "time" },
  summary: { label: "summary", kind: "text" },
  customerImpact: { label: "customer impact", kind: "text" },
  services: { label: "services", kind: "list" },
  tags: { label: "tags", kind: "list" },
  commanderId: { label: "incident commander", kind: "name" },
  occurredAt: { label: "time", kind: "time" },
  kind: { label: "kind", kind: "kind" },
  body: { label: "text", kind: "text" },
  author: { label: "author", kind: "name" },
  isKey: { label: "key event", kind: "flag" },
};

/** "runbookUrl" → "runbook url": a field added later still reads as words. */
const words = (code: string) =>
  code
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

function value(kind: Kind, v: unknown): Sentence {
  if (kind === "time" && typeof v === "string" && !Number.isNaN(Date.parse(v)))
    return [{ time: v }];
  if (Array.isArray(v)) return [v.map(String).join(", ")];
  const s = typeof v === "string" ? v : JSON.stringify(v);
  if (kind === "status") return [statusLabel(s)];
  if (kind === "kind") return [kindLabel(s)];
  if (kind === "code" || kind === "name") return [s];
  return [quote(s)];
}

/** "changed the severity from SEV2 to SEV1", "set the mitigation time to …", "cleared the tags". */
export function changeClause(field: string, from: unknown, to: unknown): Sentence {
  const f = FIELDS[field] ?? { label: words(field), kind: "text" as const };
  if (f.kind === "flag") return [to ? `made it a ${f.label}` : `made it no longer a ${f.label}`];
  if (isEmpty(from) && isEmpty(to)) return [`changed the ${f.label}`];
  if (isEmpty(from)) return [`set the ${f.label} to `, ...value(f.kind, to)];
  if (isEmpty(to)) return [`cleared the ${f.label}`];
  return [`changed the ${f.label} from `, ...value(f.kind, from), " to ", ...value(f.kind, to)];
}

/** Clauses joined as English does: "a", "a and b", "a, b and c". */
function joinClauses(clauses: Sentence[]): Sentence {
  return clauses.flatMap((c, i) => [
    ...(i === 0 ? [] : i === clauses.length - 1 ? [" and "] : [", "]),
    ...c,
  ]);
}

function changes(c: Record<string, { from?: unknown; to?: unknown }>): Sentence {
  return joinClauses(Object.entries(c).map(([k, v]) => changeClause(k, v.from, v.to)));
}

const NARRATIVE_LABELS = new Map(
  SECTION_KINDS.flatMap((s) => s.fields.map((f) => [f.key, f.label] as const)),
);
const SECTION_TITLES = new Map(SECTION_KINDS.map((s) => [s.key as string, s.defaultTitle]));
const ACTION_ITEM_FIELDS: Record<string, string> = {
  ownerId: "owner",
  dueDate: "due date",
  wontDoReason: "reason",
  trackerUrl: "tracker link",
  whyNodeId: "linked cause",
};
const fieldList = (fields: string[], labels: (k: string) => string) =>
  fields.map(labels).join(", ");
const IMPORT_SOURCES: Record<string, string> = {
  chat: " from a chat log",
  csv: " from a CSV file",
  json: " from JSON",
};

const ATTACHED_TO: Record<string, string> = {
  incident: "to the incident",
  event: "to a timeline event",
  section: "to a report section",
};

const cause = (statement: string | undefined) => (statement ? quote(statement) : "a cause");
const item = (title: string | undefined) =>
  title ? `the action item ${quote(title)}` : "an action item";

/** What the actor did, as a verb phrase ("published version 3 of the report"). */
export function describeAudit(entry: AuditEntry): Sentence {
  switch (entry.action) {
    case "incident.create": {
      const { title, severity } = entry.data;
      return [
        `created the incident${title ? ` ${quote(title)}` : ""}${severity ? ` as ${severity}` : ""}`,
      ];
    }
    case "incident.update": {
      const c = changes(entry.data.changes);
      return c.length ? c : ["edited the incident"];
    }
    case "incident.delete":
      return [`deleted the incident ${incidentKey(entry.data.number)} ${quote(entry.data.title)}`];
    case "incident.problem_statement":
      return changeClause("problem statement", entry.data.from, entry.data.to);
    case "timeline.create":
      return [`added a timeline event: ${quote(entry.data.body)}`];
    case "timeline.update": {
      const c = changes(entry.data.changes);
      return c.length ? ["edited a timeline event: ", ...c] : ["edited a timeline event"];
    }
    case "timeline.delete":
      return [`deleted a timeline event: ${quote(entry.data.body)}`];
    case "timeline.import":
      return [
        `imported ${count(entry.data.count, "timeline event")}${IMPORT_SOURCES[entry.data.format] ?? ""}`,
      ];
    case "why_node.create":
      return [`added the cause ${quote(entry.data.statement)} to the 5 Whys`];
    case "why_node.update":
      return [`reworded the cause ${quote(entry.data.from)} to ${quote(entry.data.to)}`];
    case "why_node.mark_root_cause":
      return [
        `marked ${cause(entry.data.statement)} as a root cause (${categoryLabel(entry.data.category)})`,
      ];
    case "why_node.unmark_root_cause":
      return [`no longer counts ${cause(entry.data.statement)} as a root cause`];
    case "why_node.move":
      return [
        `moved ${cause(entry.data.statement)} ${entry.data.to ? "under another cause" : "to the top of the 5 Whys"}`,
      ];
    case "why_node.reorder":
      return [`moved a cause ${entry.data.direction} among its neighbours`];
    case "why_node.delete": {
      const below = entry.data.count - 1;
      return [
        `deleted the cause ${quote(entry.data.statement)}${below > 0 ? ` and ${count(below, "cause")} under it` : ""}`,
      ];
    }
    case "why_node.restore":
      return [`restored ${count(entry.data.count, "deleted cause")}`];
    case "why_node.cite":
      return "url" in entry.data
        ? [`cited ${entry.data.url} as evidence for a cause`]
        : ["cited a timeline event as evidence for a cause"];
    case "why_node.uncite":
      return entry.data.url
        ? [`removed ${entry.data.url} from a cause's evidence`]
        : ["removed a timeline event from a cause's evidence"];
    case "attachment.create":
      return [
        `attached ${quote(entry.data.filename)} ${ATTACHED_TO[entry.data.target] ?? ""}`.trim(),
      ];
    case "attachment.delete":
      return [
        `removed the attachment ${quote(entry.data.filename)}${entry.data.keptForPublishedVersions ? " (published versions keep it)" : ""}`,
      ];
    case "action_item.create":
      return [`added the action item ${quote(entry.data.title)}`];
    case "action_item.update": {
      const fields = entry.data.fields.filter((f) => f !== "status");
      const what = fieldList(fields, (k) => ACTION_ITEM_FIELDS[k] ?? k);
      return [`edited ${item(entry.data.title)}${what ? ` (${what})` : ""}`];
    }
    case "action_item.status":
      return [
        `moved ${item(entry.data.title)} from ${actionStatusLabel(entry.data.from)} to ${actionStatusLabel(entry.data.to)}`,
      ];
    case "action_item.delete":
      return [`deleted the action item ${quote(entry.data.title)}`];
    case "notification.overdue_sent":
      return [
        `sent a reminder that an action item was due ${entry.data.dueDate}${entry.data.owner ? ` (owner ${entry.data.owner})` : ""}`,
      ];
    case "report.create":
      return ["started the report"];
    case "report.narrative.update": {
      const what = fieldList(entry.data.fields, (k) => NARRATIVE_LABELS.get(k) ?? humanize(k));
      return [`edited the report${what ? ` (${what})` : ""}`];
    }
    case "report.template.change":
      return [`switched the report to the template ${quote(entry.data.name)}`];
    case "report.review.request":
      return [
        `asked ${count(entry.data.reviewerIds.length, "person", "people")} to review the report`,
      ];
    case "report.review.approve":
      return ["approved the report"];
    case "report.review.request_changes":
      return ["asked for changes to the report"];
    case "report.review.approval_withdrawn":
      return [
        `changed the report after it was approved, which withdrew ${count(entry.data.reviewerIds.length, "approval")}`,
      ];
    case "report.review.withdraw":
      return ["withdrew the report from review"];
    case "report.reopen":
      return ["reopened the published report as a new draft"];
    case "report.comment.create":
      return [
        `commented on the report's ${quote(SECTION_TITLES.get(entry.data.sectionKey) ?? humanize(entry.data.sectionKey))} section`,
      ];
    case "report.comment.resolve":
      return ["resolved a comment on the report"];
    case "report.publish":
      return [`published version ${entry.data.number} of the report`];
    case "report_template.create":
      return [
        `${entry.data.builtIn ? "added the built-in" : "created the"} report template ${quote(entry.data.name)}`,
      ];
    case "report_template.update":
      return [`edited the report template ${quote(entry.data.name)}`];
    case "share.create":
      return [
        `shared the ${entry.data.audience === "CUSTOMER" ? "customer version of the report" : "report"} with ${entry.data.recipient} until `,
        { time: entry.data.expiresAt },
      ];
    case "share.revoke":
      return [`revoked the report link sent to ${entry.data.recipient}`];
    case "share.resend":
      return [`sent the report link to ${entry.data.recipient} again`];
    case "share.view":
      return [
        `opened the shared report${entry.data?.confirmedAs ? ` (confirmed as ${entry.data.confirmedAs})` : ""}`,
      ];
    case "portal.view":
      return ["read the report in the stakeholder portal"];
    case "grant.revoke":
      return [`removed ${entry.data.email}'s access to the stakeholder portal`];
    case "team.sharing.update": {
      const d = entry.data;
      return [
        `changed the sharing settings: links last ${count(d.shareLinkDefaultDays, "day")} by default and at most ${count(d.shareLinkMaxDays, "day")}, links without sign-in ${d.allowAnonymousShareLink ? "allowed" : "not allowed"}`,
      ];
    }
    case "team.create":
      return [`created the team ${quote(entry.data.name)}`];
    case "team.rename":
      return [`renamed the team from ${quote(entry.data.from)} to ${quote(entry.data.to)}`];
    case "team.logo.set":
      return ["changed the team's logo"];
    case "team.logo.remove":
      return ["removed the team's logo"];
    case "user.update_profile":
      return ["updated their profile"];
    case "invitation.create":
      return [`invited ${entry.data.email} as ${roleLabel(entry.data.role)}`];
    case "invitation.revoke":
      return [`withdrew the invitation to ${entry.data.email}`];
    case "invitation.resend":
      return [`sent the invitation to ${entry.data.email} again`];
    case "invitation.accept":
      return entry.data.alreadyMember
        ? ["accepted an invitation to a team they were already in"]
        : [`joined the team as ${roleLabel(entry.data.role)}`];
    case "membership.change_role":
      return [
        `changed a member's role from ${roleLabel(entry.data.from)} to ${roleLabel(entry.data.to)}`,
      ];
    case "membership.leave":
      return ["left the team"];
    case "membership.remove":
      return [`removed a member (${roleLabel(entry.data.role)}) from the team`];
    case "chat.configure":
      if ("workspaceId" in entry.data)
        return [`connected the chat workspace ${entry.data.workspaceId}`];
      if ("commandToken" in entry.data)
        return [`${entry.data.commandToken} the ${humanize(entry.data.provider)} command token`];
      return [`${entry.data.botToken} the chat bot token`];
    case "chat.link":
      return [`linked the chat account ${entry.data.chatUser}`];
    case "api_token.create":
      return [`created the API token ${quote(entry.data.name)} (${entry.data.scope})`];
    case "api_token.revoke":
      return ["revoked an API token"];
    case "api.request":
      return [
        `called the API: ${entry.data.method} ${entry.data.path} answered ${entry.data.status}`,
      ];
    case "alert_source.create":
      return [`added the alert source ${quote(entry.data.name)} (${humanize(entry.data.kind)})`];
    case "alert_source.update":
      return [
        `changed an alert source: ${count(entry.data.rules, "rule")}, default severity ${entry.data.defaultSeverity}${entry.data.mitigateWhenResolved ? ", mitigates when the alert resolves" : ""}`,
      ];
    case "alert_source.revoke":
      return ["revoked an alert source"];
    case "notification.target.create":
      return [
        `added the notification target ${quote(entry.data.name)} (${humanize(entry.data.kind)}, ${entry.data.host})`,
      ];
    case "notification.target.update":
      return [`changed what a notification target receives: ${entry.data.events.join(", ")}`];
    case "notification.target.enable":
      return ["turned a notification target on"];
    case "notification.target.disable":
      return ["turned a notification target off"];
    case "notification.target.delete":
      return [`deleted the notification target ${quote(entry.data.name)}`];
    case "notification.target.auto_disable":
      return [
        `turned a notification target off after ${count(entry.data.failures, "failed delivery", "failed deliveries")}`,
      ];
    default:
      return unreachable(entry);
  }
}

function unreachable(entry: never): Sentence {
  return generic((entry as { action: string }).action);
}

// Rows that no longer fit their schema (written by older code): say which area, not the code.
const AREAS: [string, string][] = [
  ["incident.", "the incident"],
  ["timeline.", "the timeline"],
  ["why_node.", "the 5 Whys"],
  ["action_item.", "an action item"],
  ["attachment.", "the attachments"],
  ["report", "the report"],
  ["share.", "the report's sharing"],
  ["portal.", "the report's sharing"],
  ["grant.", "the report's sharing"],
];

/** "made a change to the 5 Whys": for a row whose data no longer fits its action's shape. */
export function generic(action: string): Sentence {
  const name = currentActionName(action);
  const area = AREAS.find(([prefix]) => name.startsWith(prefix))?.[1];
  return [area ? `made a change to ${area}` : "made a change"];
}

/** What a stored row says happened: its sentence, or the generic one when the row is unknown. */
export function whatHappened(entry: AuditEntry | null, action: string): Sentence {
  return entry ? describeAudit(entry) : generic(action);
}

/** The whole sentence for one row: who, then what. */
export function historySentence(who: string, entry: AuditEntry | null, action: string): Sentence {
  return [`${who} `, ...whatHappened(entry, action)];
}

/** A sentence as plain text, instants formatted by `time` (ISO by default). */
export function sentenceText(s: Sentence, time: (iso: string) => string = (iso) => iso): string {
  return s.map((p) => (typeof p === "string" ? p : time(p.time))).join("");
}
