import "server-only";
import { NextResponse } from "next/server";
import { scopeForVerifiedSource } from "@/lib/api/auth";
import { incidentUrl } from "@/lib/api/serialize";
import type { TeamScope } from "@/lib/auth/scope";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { RuleError } from "@/lib/errors";
import { incidentKey, STATUS_LABELS } from "@/lib/incidents/constants";
import { getIncident } from "@/lib/incidents/data";
import { createIncident, updateIncident } from "@/lib/incidents/mutations";
import { unseal } from "@/lib/jobs/seal";
import { hasNul } from "@/lib/server/input-guard";
import { defineRoute, jsonError } from "@/lib/server/route";
import { createTimelineEvent } from "@/lib/timeline/mutations";
import { parseCommand, USAGE, type ChatCommand } from "./commands";
import {
  findIncidentByNumber,
  findIntegrationByWorkspace,
  findLinkedMember,
  listWhyNodes,
} from "./data";
import { claimSignature, createLinkRequest } from "./mutations";
import { verifySlack } from "./verify";

type Reply = { response_type: "ephemeral" | "in_channel"; text: string };
const ephemeral = (text: string): Reply => ({ response_type: "ephemeral", text });

/**
 * POST /api/v1/slack/commands — Slack's slash-command request (form-encoded). The body's
 * team_id (Slack workspace) selects the team's integration; the request must carry a valid
 * X-Slack-Signature made with that integration's signing secret, be at most 5 minutes old,
 * and not have been seen before. Commands act as the linked Hindsight member, with their role.
 */
export const slackCommandRoute = defineRoute({
  access: "verified",
  handler: async (request) => {
    const raw = await request.text();
    if (raw.length > 20_000) return jsonError(413, "Too large.");
    const form = new URLSearchParams(raw);
    const integration = await findIntegrationByWorkspace(form.get("team_id") ?? "");
    if (!integration) return jsonError(401, "Unknown workspace.");
    const verdict = verifySlack(
      request.headers,
      raw,
      unseal<string>(integration.signingSecretSealed, env().AUTH_SECRET),
      new Date(),
    );
    if (!verdict.ok) return jsonError(401, verdict.reason);
    if (!(await claimSignature(request.headers.get("x-slack-signature")!)))
      return jsonError(401, "Replayed request.");

    const scope = scopeForVerifiedSource({ teamId: integration.teamId, verified: true });
    const chatUser = { id: form.get("user_id") ?? "", name: form.get("user_name") ?? "someone" };
    // PostgreSQL text cannot hold NUL: refused before any write (found by lib/security/fuzz).
    if ([form.get("text"), chatUser.id, chatUser.name].some((v) => v !== null && hasNul(v)))
      return NextResponse.json(ephemeral("Contains a character that is not allowed (NUL)."));
    const reply = await run(parseCommand(form.get("text") ?? ""), {
      scope,
      integrationId: integration.id,
      chatUser,
    });
    return NextResponse.json(reply);
  },
});

interface Ctx {
  scope: TeamScope;
  integrationId: string;
  chatUser: { id: string; name: string };
}

async function run(cmd: ChatCommand, ctx: Ctx): Promise<Reply> {
  if (cmd.name === "help") return ephemeral(USAGE);
  if (cmd.name === "invalid") return ephemeral(cmd.message);
  if (cmd.name === "link") {
    const url = await createLinkRequest(ctx.integrationId, ctx.chatUser.id, ctx.chatUser.name);
    return ephemeral(
      `Connect your chat account to Hindsight (link valid for 15 minutes, only for you): ${url}`,
    );
  }

  const member = await findLinkedMember(ctx.scope, ctx.integrationId, ctx.chatUser.id);
  if (cmd.name === "whys") return whys(ctx, cmd.number);
  if (cmd.name === "status" && cmd.status === null) {
    const inc = await findIncidentByNumber(ctx.scope, cmd.number);
    return ephemeral(
      inc
        ? `${incidentKey(inc.number)} ${inc.title}: ${STATUS_LABELS[inc.status]} (${inc.severity})`
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
        text: `${ctx.chatUser.name} opened ${incidentKey(inc.number)} ${cmd.title} (${cmd.severity}): ${incidentUrl(inc.id)}`,
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
      text: `${ctx.chatUser.name} set ${incidentKey(inc.number)} to ${STATUS_LABELS[cmd.status!]}.`,
    };
  } catch (error) {
    if (error instanceof RuleError) return ephemeral(`Not changed: ${error.message}`);
    throw error;
  }
}

/** The problem statement and the open branches: leaves of the tree not yet marked root cause. */
async function whys(ctx: Ctx, number: number): Promise<Reply> {
  const inc = await findIncidentByNumber(ctx.scope, number);
  if (!inc) return ephemeral(`No ${incidentKey(number)} in this team.`);
  const nodes = await listWhyNodes(ctx.scope, inc.id);
  const parents = new Set(nodes.map((n) => n.parentId).filter(Boolean));
  const open = nodes.filter((n) => !parents.has(n.id) && !n.isRootCause);
  const roots = nodes.filter((n) => n.isRootCause);
  const lines = [
    `*${incidentKey(inc.number)} ${inc.title}*`,
    `Problem: ${inc.problemStatement?.trim() || "(no problem statement yet)"}`,
    open.length
      ? `Open branches (${open.length}):\n${open.map((n) => `• ${n.statement}`).join("\n")}`
      : "No open branches.",
    roots.length ? `Root causes found: ${roots.length}` : "",
  ];
  return ephemeral(lines.filter(Boolean).join("\n"));
}
