import "server-only";
import { NextResponse } from "next/server";
import { scopeForVerifiedSource } from "@/lib/api/auth";
import { hashSecret, safeEqual } from "@/lib/api/tokens";
import { env } from "@/lib/env";
import { unseal } from "@/lib/jobs/seal";
import { takeRateLimit } from "@/lib/rate-limit/store";
import { hasNul } from "@/lib/server/input-guard";
import { defineRoute, jsonError } from "@/lib/server/route";
import { parseCommand } from "./commands";
import { findIntegrationByCommandToken, findIntegrationByWorkspace } from "./data";
import {
  ephemeral,
  MATTERMOST_FORMAT,
  runCommand,
  SLACK_FORMAT,
  type ChatFormat,
  type Reply,
} from "./dispatch";
import { claimSignature } from "./mutations";
import { mattermostToken, verifySlack } from "./verify";

/** Commands per chat integration: a burst, then one a second (people type these by hand). */
export const CHAT_RATE = { capacity: 60, refillPerSecond: 1, floor: -60 };

/** What a product's gate proves: the integration whose secret the request carries, or a refusal. */
type Gate = (
  request: Request,
  raw: string,
  form: URLSearchParams,
) => Promise<{ integrationId: string; teamId: string } | { refuse: string }>;

/**
 * One handler for every chat product: the product's gate proves which team's integration sent
 * the request (401 otherwise, before anything is read or written), then the team's command
 * rate, then the same commands (commands.ts, dispatch.ts) as the linked member, with their role.
 */
function chatCommandRoute(gate: Gate, format: ChatFormat, extra: Partial<Record<string, unknown>>) {
  return defineRoute({
    access: "verified",
    handler: async (request) => {
      const raw = await request.text();
      if (raw.length > 20_000) return jsonError(413, "Too large.");
      const form = new URLSearchParams(raw);
      const proof = await gate(request, raw, form);
      if ("refuse" in proof) return jsonError(401, proof.refuse);

      const reply = (r: Reply, init?: ResponseInit) => NextResponse.json({ ...r, ...extra }, init);
      // After the proof, so nobody without the secret can use up a team's commands. Answered
      // 200 with an ephemeral text: Slack and Mattermost show a non-2xx only as "failed".
      const limit = await takeRateLimit(`chat:${proof.integrationId}`, 1, new Date(), CHAT_RATE);
      if (!limit.allowed)
        return reply(
          ephemeral(
            `Too many /postmortem commands from this team: try again in ${limit.retryAfterSeconds} s.`,
          ),
          { headers: { "Retry-After": String(limit.retryAfterSeconds) } },
        );

      const scope = scopeForVerifiedSource({ teamId: proof.teamId, verified: true });
      const chatUser = { id: form.get("user_id") ?? "", name: form.get("user_name") ?? "someone" };
      // PostgreSQL text cannot hold NUL: refused before any write (found by lib/security/fuzz).
      if ([form.get("text"), chatUser.id, chatUser.name].some((v) => v !== null && hasNul(v)))
        return reply(ephemeral("Contains a character that is not allowed (NUL)."));
      if (!chatUser.id) return reply(ephemeral("The request names no chat user (user_id)."));
      return reply(
        await runCommand(parseCommand(form.get("text") ?? ""), {
          scope,
          integrationId: proof.integrationId,
          chatUser,
          format,
        }),
      );
    },
  });
}

/**
 * Slack: the body's team_id (Slack workspace) selects the team's integration; the request must
 * carry a valid X-Slack-Signature made with that integration's signing secret, be at most
 * 5 minutes old, and not have been seen before.
 */
const slackGate: Gate = async (request, raw, form) => {
  const integration = await findIntegrationByWorkspace(form.get("team_id") ?? "");
  if (!integration?.signingSecretSealed) return { refuse: "Unknown workspace." };
  const verdict = verifySlack(
    request.headers,
    raw,
    unseal<string>(integration.signingSecretSealed, env().AUTH_SECRET),
    new Date(),
  );
  if (!verdict.ok) return { refuse: verdict.reason };
  if (!(await claimSignature(request.headers.get("x-slack-signature")!)))
    return { refuse: "Replayed request." };
  return { integrationId: integration.id, teamId: integration.teamId };
};

/**
 * Mattermost: the slash command's token (`Authorization: Token …` and the `token` field) is
 * the proof, and its SHA-256 selects the team. Mattermost signs nothing and sends no
 * timestamp, so a captured request could be replayed: HTTPS between Mattermost and Hindsight
 * is what keeps the token secret (see docs/integrations.md).
 */
const mattermostGate: Gate = async (request, _raw, form) => {
  const token = mattermostToken(request.headers, form);
  if (!token) return { refuse: "Send the slash command's token: Authorization: Token …" };
  const hash = hashSecret(token);
  const integration = await findIntegrationByCommandToken(hash);
  // The lookup is by hash; the comparison is repeated in constant time all the same.
  if (!integration?.commandTokenHash || !safeEqual(hash, integration.commandTokenHash))
    return { refuse: "Unknown command token." };
  return { integrationId: integration.id, teamId: integration.teamId };
};

/** POST /api/v1/slack/commands — Slack's slash-command request (form-encoded). */
export const slackCommandRoute = chatCommandRoute(slackGate, SLACK_FORMAT, {});

/**
 * POST /api/v1/mattermost/commands — Mattermost's custom slash command (form-encoded POST).
 * `skip_slack_parsing`: Mattermost would otherwise turn Slack markup such as `<!channel>` in
 * an incident title into a mention.
 */
export const mattermostCommandRoute = chatCommandRoute(mattermostGate, MATTERMOST_FORMAT, {
  skip_slack_parsing: true,
});
