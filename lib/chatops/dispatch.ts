import "server-only";
// What a `/postmortem` command does, for every chat product: parsed by commands.ts, run here
// as the linked member with their role, answered in the product's own Markdown (ChatFormat).
import { incidentUrl } from "@/lib/api/serialize";
import type { TeamScope } from "@/lib/auth/scope";
import { can } from "@/lib/auth/permissions";
import { RuleError } from "@/lib/errors";
import { incidentKey, STATUS_LABELS } from "@/lib/incidents/constants";
import { getIncident } from "@/lib/incidents/data";
import { createIncident, updateIncident } from "@/lib/incidents/mutations";
import { mattermostEscape, slackEscape } from "@/lib/notifications/format";
import { createTimelineEvent } from "@/lib/timeline/mutations";
import { USAGE, type ChatCommand } from "./commands";
import { findIncidentByNumber, findLinkedMember, listWhyNodes } from "./data";
import { createLinkRequest } from "./mutations";

export type Reply = { response_type: "ephemeral" | "in_channel"; text: string };
export const ephemeral = (text: string): Reply => ({ response_type: "ephemeral", text });

/**
 * How a product's Markdown says bold, and how text people typed (titles, names, statements) is
 * made inert: in Slack `<!channel>` in a title would ping the channel; in Mattermost `@channel`.
 */
export interface ChatFormat {
  bold: (s: string) => string;
  escape: (s: string) => string;
}
export const SLACK_FORMAT: ChatFormat = { bold: (s) => `*${s}*`, escape: slackEscape };
export const MATTERMOST_FORMAT: ChatFormat = { bold: (s) => `**${s}**`, escape: mattermostEscape };

export interface CommandContext {
  scope: TeamScope;
  integrationId: string;
  chatUser: { id: string; name: string };
  format: ChatFormat;
}

export async function runCommand(cmd: ChatCommand, ctx: CommandContext): Promise<Reply> {
  if (cmd.name === "help") return ephemeral(USAGE);
  if (cmd.name === "invalid") return ephemeral(cmd.message);
  if (cmd.name === "link") {
    const url = await createLinkRequest(ctx.integrationId, ctx.chatUser.id, ctx.chatUser.name);
    return ephemeral(
      `Connect your chat account to Hindsight (link valid for 15 minutes, only for you): ${url}`,
    );
  }

  const { escape: e } = ctx.format;
  const member = await findLinkedMember(ctx.scope, ctx.integrationId, ctx.chatUser.id);
  if (cmd.name === "whys") return whys(ctx, cmd.number);
  if (cmd.name === "status" && cmd.status === null) {
    const inc = await findIncidentByNumber(ctx.scope, cmd.number);
    return ephemeral(
      inc
        ? `${incidentKey(inc.number)} ${e(inc.title)}: ${STATUS_LABELS[inc.status]} (${inc.severity})`
        : `No ${incidentKey(cmd.number)} in this team.`,
    );
  }

  // Everything below writes: only a linked member whose role may write.
  if (!member) {
    const url = await createLinkRequest(ctx.integrationId, ctx.chatUser.id, ctx.chatUser.name);
    return ephemeral(`Connect your chat account to Hindsight first (once): ${url}`);
  }
  if (!can(member.role, "incident:write"))
    return ephemeral("Your Hindsight role (viewer) cannot change incidents.");
  const actor = { user: member.user, scope: ctx.scope };
  try {
    if (cmd.name === "new") {
      const inc = await createIncident(actor, {
        title: cmd.title,
        severity: cmd.severity,
        status: "INVESTIGATING",
        startedAt: new Date(),
        detectedAt: null,
        acknowledgedAt: null,
        mitigatedAt: null,
        resolvedAt: null,
        impactStartedAt: null,
        impactEndedAt: null,
        summary: "",
        customerImpact: "",
        services: [],
        tags: ["chat"],
        commanderId: null,
      });
      return {
        response_type: "in_channel",
        text: `${e(ctx.chatUser.name)} opened ${incidentKey(inc.number)} ${e(cmd.title)} (${cmd.severity}): ${incidentUrl(inc.id)}`,
      };
    }
    const inc = await findIncidentByNumber(ctx.scope, cmd.number);
    if (!inc) return ephemeral(`No ${incidentKey(cmd.number)} in this team.`);
    if (cmd.name === "note") {
      await createTimelineEvent(
        actor,
        {
          incidentId: inc.id,
          occurredAt: new Date(),
          kind: "NOTE",
          body: cmd.text,
          author: ctx.chatUser.name.slice(0, 80),
          isKey: false,
        },
        "CHAT",
      );
      return ephemeral(`Added to the timeline of ${incidentKey(inc.number)}.`);
    }
    // status change: the app's own update, so the transition rules are the same.
    const current = (await getIncident(ctx.scope, inc.id))!;
    const closing = cmd.status === "RESOLVED" || cmd.status === "CLOSED";
    await updateIncident(actor, inc.id, current.version, {
      title: current.title,
      severity: current.severity,
      status: cmd.status!,
      startedAt: current.startedAt,
      detectedAt: current.detectedAt,
      acknowledgedAt: current.acknowledgedAt,
      mitigatedAt: current.mitigatedAt,
      resolvedAt: closing ? (current.resolvedAt ?? new Date()) : null,
      impactStartedAt: current.impactStartedAt,
      impactEndedAt: current.impactEndedAt,
      summary: current.summary,
      customerImpact: current.customerImpact,
      services: current.services,
      tags: current.tags,
      commanderId: current.commanderId,
    });
    return {
      response_type: "in_channel",
      text: `${e(ctx.chatUser.name)} set ${incidentKey(inc.number)} to ${STATUS_LABELS[cmd.status!]}.`,
    };
  } catch (error) {
    if (error instanceof RuleError) return ephemeral(`Not changed: ${error.message}`);
    throw error;
  }
}

/** The problem statement and the open branches: leaves of the tree not yet marked root cause. */
async function whys(ctx: CommandContext, number: number): Promise<Reply> {
  const inc = await findIncidentByNumber(ctx.scope, number);
  if (!inc) return ephemeral(`No ${incidentKey(number)} in this team.`);
  const nodes = await listWhyNodes(ctx.scope, inc.id);
  const parents = new Set(nodes.map((n) => n.parentId).filter(Boolean));
  const open = nodes.filter((n) => !parents.has(n.id) && !n.isRootCause);
  const roots = nodes.filter((n) => n.isRootCause);
  const { bold, escape: e } = ctx.format;
  const problem = inc.problemStatement?.trim();
  const lines = [
    bold(`${incidentKey(inc.number)} ${e(inc.title)}`),
    `Problem: ${problem ? e(problem) : "(no problem statement yet)"}`,
    open.length
      ? `Open branches (${open.length}):\n${open.map((n) => `• ${e(n.statement)}`).join("\n")}`
      : "No open branches.",
    roots.length ? `Root causes found: ${roots.length}` : "",
  ];
  return ephemeral(lines.filter(Boolean).join("\n"));
}
