import { beforeEach, describe, expect, it } from "vitest";
import { initialResult } from "@/lib/action-result";
import { form } from "@/test/actions";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import { confirmChatLinkAction, saveChatIntegrationAction } from "./actions";
import { slackCommandRoute } from "./route";
import { slackSignature } from "./verify";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
let workspace: string;

async function slash(
  text: string,
  user = { id: "U0OWNER", name: "olivia" },
  opts: {
    secret?: string;
    ts?: number;
    replay?: { body: string; headers: Record<string, string> };
  } = {},
) {
  const body =
    opts.replay?.body ??
    new URLSearchParams({
      token: "legacy",
      team_id: workspace,
      channel_id: "C1",
      user_id: user.id,
      user_name: user.name,
      command: "/postmortem",
      text,
      response_url: "https://hooks.slack.test/x",
      trigger_id: `${Date.now()}.${Math.random().toString(36).slice(2)}`,
    }).toString();
  const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
  const headers = opts.replay?.headers ?? {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": ts,
    "x-slack-signature": slackSignature(opts.secret ?? SECRET, ts, body),
  };
  const res = await slackCommandRoute(
    new Request("http://hindsight.test/api/v1/slack/commands", { method: "POST", body, headers }),
    { params: Promise.resolve({}) },
  );
  return {
    status: res.status,
    json: (await res.json()) as { text?: string; response_type?: string; error?: string },
    body,
    headers,
  };
}

/** Runs the ephemeral link flow for a chat user as the given Hindsight user. */
async function link(chatUser: { id: string; name: string }, userId: string) {
  const reply = await slash("link", chatUser);
  const token = /\/chat\/link\/(\S+)/.exec(reply.json.text!)![1]!;
  signInAs(userId, t.team.id);
  return confirmChatLinkAction(initialResult, form({ token }));
}

beforeEach(async () => {
  t = await createTeamWithMembers("Chat");
  workspace = `T${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
  signInAs(t.owner.id, t.team.id);
  expect(
    await saveChatIntegrationAction(
      initialResult,
      form({ workspaceId: workspace, signingSecret: SECRET }),
    ),
  ).toMatchObject({ ok: true });
});

describe("signature", () => {
  it("refuses a bad, stale or replayed request and an unknown workspace", async () => {
    expect((await slash("help", undefined, { secret: "wrong-secret-wrong-secret" })).status).toBe(
      401,
    );
    expect(
      (await slash("help", undefined, { ts: Math.floor(Date.now() / 1000) - 301 })).json.error,
    ).toBe("Stale request (timestamp outside 5 minutes).");
    const ok = await slash("help");
    expect(ok.status).toBe(200);
    expect(ok.json.text).toContain("/postmortem new <title> [sev1-4]");
    expect(
      (await slash("help", undefined, { replay: { body: ok.body, headers: ok.headers } })).json,
    ).toEqual({ error: "Replayed request." });
    workspace = "TNOTOURS";
    expect((await slash("help")).status).toBe(401);
  });
});

describe("commands", () => {
  it("refuses writes until linked, with the link; after linking, new/note/status act as the member", async () => {
    const olivia = { id: "U0OWNER", name: "olivia" };
    const before = await slash("new Checkout down sev1", olivia);
    expect(before.json.text).toMatch(
      /Connect your chat account to Hindsight first \(once\): http.*\/chat\/link\/hcl_/,
    );
    expect(await testDb.incident.count({ where: { teamId: t.team.id } })).toBe(0);

    expect(await link(olivia, t.owner.id)).toMatchObject({
      ok: true,
      message: "Connected: olivia now acts as you in Chat.",
    });
    const opened = await slash("new Checkout down sev1", olivia);
    expect(opened.json).toMatchObject({
      response_type: "in_channel",
      text: expect.stringMatching(
        /^olivia opened INC-1 Checkout down \(SEV1\): http.*\/incidents\//,
      ),
    });
    const inc = await testDb.incident.findFirstOrThrow({ where: { teamId: t.team.id } });
    expect(inc).toMatchObject({
      title: "Checkout down",
      severity: "SEV1",
      createdById: t.owner.id,
      status: "INVESTIGATING",
    });

    expect((await slash("note INC-1 Rolled back to v2.3", olivia)).json.text).toBe(
      "Added to the timeline of INC-1.",
    );
    expect(
      await testDb.timelineEvent.findFirstOrThrow({ where: { incidentId: inc.id } }),
    ).toMatchObject({
      body: "Rolled back to v2.3",
      author: "olivia",
      source: "CHAT",
      kind: "NOTE",
    });

    expect((await slash("status INC-1 resolved", olivia)).json.text).toBe(
      "olivia set INC-1 to Resolved.",
    );
    expect((await slash("status INC-1", olivia)).json.text).toBe(
      "INC-1 Checkout down: Resolved (SEV1)",
    );
    // The app's transition rules: Resolved reopens to Investigating only.
    expect((await slash("status INC-1 monitoring", olivia)).json.text).toMatch(/^Not changed: /);
    expect((await slash("status INC-1 closed", olivia)).json.text).toBe(
      "olivia set INC-1 to Closed.",
    );
    expect((await slash("status INC-1 investigating", olivia)).json.text).toMatch(/^Not changed: /);
    expect((await testDb.incident.findUniqueOrThrow({ where: { id: inc.id } })).status).toBe(
      "CLOSED",
    );
  });

  it("uses the linked member's role: a viewer reads but cannot write", async () => {
    const vic = { id: "U0VIEW", name: "vic" };
    await link(vic, t.viewer.id);
    const inc = await createIncident(t.team.id, t.owner.id, { title: "Queue backlog" });
    expect((await slash(`note INC-${inc.number} hello`, vic)).json.text).toBe(
      "Your Hindsight role (viewer) cannot change incidents.",
    );
    expect((await slash(`status INC-${inc.number}`, vic)).json.text).toBe(
      `INC-${inc.number} Queue backlog: Investigating (SEV2)`,
    );
    expect(await testDb.timelineEvent.count({ where: { incidentId: inc.id } })).toBe(0);
  });

  it("whys lists the problem statement and open branches; other teams' numbers are not found", async () => {
    const inc = await createIncident(t.team.id, t.owner.id, { title: "Payments 502" });
    await testDb.incident.update({
      where: { id: inc.id },
      data: { problemStatement: "Payments API returned 502 for 20 minutes" },
    });
    const a = await testDb.whyNode.create({
      data: { incidentId: inc.id, statement: "Pool exhausted" },
    });
    await testDb.whyNode.create({
      data: { incidentId: inc.id, parentId: a.id, statement: "Retry storm held connections" },
    });
    await testDb.whyNode.create({
      data: {
        incidentId: inc.id,
        parentId: a.id,
        statement: "Pool size never tuned",
        isRootCause: true,
      },
    });
    const reply = await slash(`whys INC-${inc.number}`);
    expect(reply.json.text).toBe(
      `*INC-${inc.number} Payments 502*\nProblem: Payments API returned 502 for 20 minutes\nOpen branches (1):\n• Retry storm held connections\nRoot causes found: 1`,
    );
    const other = await createTeamWithMembers("Elsewhere");
    const theirs = await createIncident(other.team.id, other.owner.id);
    await testDb.incident.deleteMany({ where: { teamId: t.team.id } });
    expect((await slash(`whys ${theirs.number}`)).json.text).toBe(
      `No INC-${theirs.number} in this team.`,
    );
  });

  it("a link works once, only for a member of the team, and expires", async () => {
    const reply = await slash("link", { id: "U0X", name: "xavier" });
    const token = /\/chat\/link\/(\S+)/.exec(reply.json.text!)![1]!;
    const outsider = await createTeamWithMembers("Outside");
    signInAs(outsider.owner.id, outsider.team.id);
    expect((await confirmChatLinkAction(initialResult, form({ token }))).ok).toBe(false);
    signInAs(t.editor.id, t.team.id);
    expect((await confirmChatLinkAction(initialResult, form({ token }))).ok).toBe(true);
    expect((await confirmChatLinkAction(initialResult, form({ token }))).ok).toBe(false);
    await testDb.chatLinkRequest.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const again = /\/chat\/link\/(\S+)/.exec(
      (await slash("link", { id: "U0Y", name: "yann" })).json.text!,
    )![1]!;
    await testDb.chatLinkRequest.updateMany({
      where: { chatUserId: "U0Y" },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await confirmChatLinkAction(initialResult, form({ token: again }))).ok).toBe(false);
    expect(await testDb.chatIdentity.count()).toBeGreaterThanOrEqual(1);
  });
});
