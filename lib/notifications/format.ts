// The bodies each kind of target receives for one event. Pure, no I/O.
// - Slack incoming webhooks: Block Kit (`blocks`) with `text` as the notification fallback.
//   https://api.slack.com/messaging/webhooks, https://api.slack.com/reference/block-kit/blocks
// - Mattermost incoming webhooks: Markdown `text` (Mattermost renders no Block Kit).
// - Generic webhooks: the event document itself as JSON (signed in send.ts).
import { severityLabel, statusLabel } from "@/lib/labels";
import type { NotificationEvent } from "./events";

/** Slack's limits: header text 150 characters, section text 3000. */
const HEADER_MAX = 150;
const SECTION_MAX = 3000;

function clip(s: string, max: number) {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Slack's three control characters must be escaped in mrkdwn text, or a title such as
 * "<!channel> down" would ping the whole channel and "<https://evil|docs>" would disguise a link.
 */
export function slackEscape(s: string) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Mattermost turns @channel / @here / @all in webhook text into mentions: break them. */
export function mattermostEscape(s: string) {
  return s.replace(/([\\`*_~[\]()#>|])/g, "\\$1").replace(/@(?=(channel|here|all)\b)/gi, "@\u200b");
}

const valueLabel = (field: "status" | "severity", v: string | null) =>
  v === null ? "none" : field === "status" ? statusLabel(v) : v;

/** One plain-text line naming what happened (notification fallback, log, email subject). */
export function eventSummary(e: NotificationEvent): string {
  const inc = e.data.incident;
  switch (e.type) {
    case "incident.opened":
      return `${inc?.key} opened (${inc?.severity}): ${inc?.title}`;
    case "incident.status_changed":
      return `${inc?.key} is now ${valueLabel("status", e.data.change?.to ?? null)}: ${inc?.title}`;
    case "incident.severity_changed":
      return `${inc?.key} severity ${e.data.change?.from ?? "none"} → ${e.data.change?.to}: ${inc?.title}`;
    case "report.published":
      return `Report for ${inc?.key} published (version ${e.data.report?.version}): ${inc?.title}`;
    case "action_item.overdue":
      return `Action item overdue: ${e.data.actionItem?.title}${inc ? ` (${inc.key})` : ""}`;
    case "test":
      return `Test event from Hindsight (${e.data.team.name}): notifications reach this channel.`;
  }
}

interface Detail {
  label: string;
  value: string;
}

function details(e: NotificationEvent): Detail[] {
  const out: Detail[] = [];
  const inc = e.data.incident;
  if (inc) {
    out.push({ label: "Severity", value: severityLabel(inc.severity) });
    out.push({ label: "Status", value: statusLabel(inc.status) });
  }
  if (e.data.change)
    out.push({
      label: `Previous ${e.data.change.field}`,
      value: valueLabel(e.data.change.field, e.data.change.from),
    });
  if (e.data.actionItem) {
    out.push({ label: "Due", value: e.data.actionItem.dueDate?.slice(0, 10) ?? "no date" });
    out.push({ label: "Owner", value: e.data.actionItem.owner ?? "unassigned" });
  }
  if (e.data.actor) out.push({ label: "By", value: e.data.actor });
  return out;
}

/** The link the message points to: the report, the action item or the incident. */
function primaryLink(e: NotificationEvent): { url: string; text: string } | null {
  if (e.data.report) return { url: e.data.report.url, text: e.data.incident?.title ?? "Report" };
  if (e.data.actionItem) return { url: e.data.actionItem.url, text: e.data.actionItem.title };
  if (e.data.incident) return { url: e.data.incident.url, text: e.data.incident.title };
  return null;
}

export function slackMessage(e: NotificationEvent) {
  const summary = eventSummary(e);
  const link = primaryLink(e);
  const headline = link
    ? `*<${link.url}|${slackEscape(link.text)}>*`
    : slackEscape(e.data.message ?? summary);
  const fields = details(e).map((d) => ({
    type: "mrkdwn" as const,
    text: clip(`*${d.label}*\n${slackEscape(d.value)}`, 2000),
  }));
  return {
    // Shown in notifications and by clients without Block Kit.
    text: slackEscape(summary),
    blocks: [
      {
        type: "header",
        text: { type: "plain_text", text: clip(summary, HEADER_MAX), emoji: false },
      },
      {
        type: "section",
        text: { type: "mrkdwn", text: clip(headline, SECTION_MAX) },
        ...(fields.length ? { fields: fields.slice(0, 10) } : {}),
      },
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: slackEscape(`Hindsight · ${e.data.team.name}`) }],
      },
    ],
  };
}

export function mattermostMessage(e: NotificationEvent) {
  const link = primaryLink(e);
  const lines = [`#### ${mattermostEscape(eventSummary(e))}`];
  if (link) lines.push(`[${mattermostEscape(link.text)}](${link.url})`);
  for (const d of details(e)) lines.push(`**${d.label}:** ${mattermostEscape(d.value)}`);
  return { text: lines.join("\n"), username: "Hindsight" };
}

/** The exact bytes a generic webhook receives (and that its signature covers). */
export function webhookBody(e: NotificationEvent): string {
  return JSON.stringify(e);
}
