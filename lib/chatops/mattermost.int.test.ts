// Mattermost's custom slash command against the route handler and a real PostgreSQL: the
// team owner saves the command's token (kept as a hash), Mattermost's documented request
// (fixtures/mattermost-slash-command.json) is answered, commands act as the linked member, and
// a wrong, missing, replaced or removed token changes nothing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { initialResult } from "@/lib/action-result";
import { hashSecret } from "@/lib/api/tokens";
import { form } from "@/test/actions";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import {
  confirmChatLinkAction,
  saveChatIntegrationAction,
  saveMattermostTokenAction,
} from "./actions";
import { mattermostCommandRoute } from "./route";

const fixture = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "fixtures", "mattermost-slash-command.json"), "utf8"),
) as { headers: Record<string, string>; body: string };

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
let token: string;
const newToken = () =>
  Array.from(
    { length: 26 },
    () => "abcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(Math.random() * 36)],
  ).join("");

type Answer = {
  status: number;
  headers: Headers;
  json: { text?: string; response_type?: string; error?: string; skip_slack_parsing?: boolean };
};

async function post(body: string, headers: Record<string, string>): Promise<Answer> {
  const res = await mattermostCommandRoute(
    new Request("http://hindsight.test/api/v1/mattermost/commands", {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    }),
    { params: Promise.resolve({}) },
  );
  return { status: res.status, headers: res.headers, json: await res.json() };
}

/** A request as Mattermost sends it: the token in the header and in the body. */
function slash(
  text: string,
  user = { id: "aoa1agao6t8fmx3ikt1j9w5ybw", name: "olivia" },
  credential: string | null = token,
) {
  const body = new URLSearchParams({
    channel_id: "jux16pkewjrkfj3ehep1psxyxc",
    channel_name: "incidents",
    command: "/postmortem",
    response_url: "https://chat.example.test/hooks/commands/xbrkb8p393gjpq5cawei7npije",
    team_domain: "ops",
    team_id: "carya1qs77bemjup96ff538snh",
    text,
    ...(credential ? { token: credential } : {}),
    trigger_id: newToken(),
    user_id: user.id,
    user_name: user.name,
  }).toString();
  return post(body, credential ? { authorization: `Token ${credential}` } : {});
}

async function link(chatUser: { id: string; name: string }, userId: string) {
  const reply = await slash("link", chatUser);
  const linkToken = /\/chat\/link\/(\S+)/.exec(reply.json.text!)![1]!;
  signInAs(userId, t.team.id);
  return confirmChatLinkAction(initialResult, form({ token: linkToken }));
}

/** Everything a refused request could have touched, to compare before and after. */
async function footprint() {
  const [incidents, events, links, identities, audits] = await Promise.all([
    testDb.incident.count(),
    testDb.timelineEvent.count(),
    testDb.chatLinkRequest.count(),
    testDb.chatIdentity.count(),
    testDb.auditEvent.count(),
  ]);
  return { incidents, events, links, identities, audits };
}

beforeEach(async () => {
  t = await createTeamWithMembers("Mattermost");
  token = newToken();
  signInAs(t.owner.id, t.team.id);
  expect(
    await saveMattermostTokenAction(initialResult, form({ commandToken: token })),
  ).toMatchObject({ ok: true, message: "Mattermost command token saved." });
});

describe("the command token", () => {
  it("is stored only as its hash, and only an owner saves it", async () => {
    const row = await testDb.chatIntegration.findUniqueOrThrow({
      where: { teamId_provider: { teamId: t.team.id, provider: "MATTERMOST" } },
    });
    expect(row.commandTokenHash).toBe(hashSecret(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = await testDb.auditEvent.findFirstOrThrow({
      where: { teamId: t.team.id, action: "chat.configure" },
    });
    expect(JSON.stringify(audit)).not.toContain(token);

    signInAs(t.editor.id, t.team.id);
    expect(
      await saveMattermostTokenAction(initialResult, form({ commandToken: newToken() })),
    ).toMatchObject({ ok: false });
    signInAs(t.owner.id, t.team.id);
    expect(
      await saveMattermostTokenAction(initialResult, form({ commandToken: "not a token" })),
    ).toMatchObject({
      ok: false,
      fieldErrors: { commandToken: [expect.stringContaining("Token")] },
    });
    expect(
      (await testDb.chatIntegration.findFirstOrThrow({ where: { teamId: t.team.id } }))
        .commandTokenHash,
    ).toBe(hashSecret(token));

    // Another team cannot claim the same command (it would receive this team's commands).
    const other = await createTeamWithMembers("Elsewhere");
    signInAs(other.owner.id, other.team.id);
    expect(
      await saveMattermostTokenAction(initialResult, form({ commandToken: token })),
    ).toMatchObject({
      ok: false,
      fieldErrors: { commandToken: [expect.stringContaining("Another team")] },
    });
  });

  it("answers Mattermost's documented request", async () => {
    // The documentation's own token, saved for this team (each test run has a fresh database).
    const documented = /^Token (\w+)$/.exec(fixture.headers.Authorization!)![1]!;
    expect(
      await saveMattermostTokenAction(initialResult, form({ commandToken: documented })),
    ).toMatchObject({ ok: true });
    const answer = await post(fixture.body, fixture.headers);
    expect(answer.status).toBe(200);
    // Its text "asd" is no command: the usage, only for the person who typed it.
    expect(answer.json).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringContaining("Unknown command “asd”."),
      skip_slack_parsing: true,
    });
  });

  it("refuses a wrong, missing, mismatched, replaced or removed token with 401, changing nothing", async () => {
    const olivia = { id: "aoa1agao6t8fmx3ikt1j9w5ybw", name: "olivia" };
    await link(olivia, t.owner.id);
    const before = await footprint();

    expect(await slash("new Refused sev1", olivia, newToken())).toMatchObject({
      status: 401,
      json: { error: "Unknown command token." },
    });
    expect(await slash("new Refused sev1", olivia, null)).toMatchObject({
      status: 401,
      json: { error: expect.stringContaining("Authorization: Token") },
    });
    // Header and body disagree: refused rather than guessing which one Mattermost meant.
    const body = new URLSearchParams({ text: "link", token: newToken(), user_id: olivia.id });
    expect((await post(body.toString(), { authorization: `Token ${token}` })).status).toBe(401);
    // The body alone is enough (older Mattermost versions send no header).
    const bodyOnly = new URLSearchParams({ text: "help", token, user_id: olivia.id });
    expect((await post(bodyOnly.toString(), {})).status).toBe(200);

    // Regenerated in Mattermost and saved again: the old token stops working.
    const replaced = token;
    token = newToken();
    signInAs(t.owner.id, t.team.id);
    await saveMattermostTokenAction(initialResult, form({ commandToken: token }));
    expect((await slash("note INC-1 refused", olivia, replaced)).status).toBe(401);
    expect((await slash("help", olivia)).status).toBe(200);

    // Removed: every command is refused.
    expect(
      await saveMattermostTokenAction(initialResult, form({ commandToken: "" })),
    ).toMatchObject({ ok: true, message: expect.stringContaining("removed") });
    expect((await slash("help", olivia)).status).toBe(401);

    const after = await footprint();
    // The two saves above wrote their own audit rows; nothing else moved.
    expect({ ...after, audits: after.audits - 2 }).toEqual(before);
  });
});

describe("commands", () => {
  it("act as the linked member: link, new, note, status; Markdown is Mattermost's", async () => {
    const olivia = { id: "aoa1agao6t8fmx3ikt1j9w5ybw", name: "olivia" };
    const refused = await slash("new Checkout down sev1", olivia);
    expect(refused.json.text).toMatch(
      /Connect your chat account to Hindsight first \(once\): http.*\/chat\/link\/hcl_/,
    );
    expect(await testDb.incident.count({ where: { teamId: t.team.id } })).toBe(0);

    expect(await link(olivia, t.editor.id)).toMatchObject({
      ok: true,
      message: "Connected: olivia now acts as you in Mattermost.",
    });
    expect(
      await testDb.chatIdentity.findFirstOrThrow({
        where: { chatUserId: olivia.id, integration: { teamId: t.team.id } },
      }),
    ).toMatchObject({ userId: t.editor.id, chatUserName: "olivia" });

    const opened = await slash("new Checkout down for @channel (EU) sev1", olivia);
    expect(opened.json).toMatchObject({
      response_type: "in_channel",
      skip_slack_parsing: true,
      // @channel would ping everyone; parentheses are escaped Markdown.
      text: expect.stringMatching(
        /^olivia opened INC-1 Checkout down for @\u200bchannel \\\(EU\\\) \(SEV1\): http.*\/incidents\//,
      ),
    });
    const inc = await testDb.incident.findFirstOrThrow({ where: { teamId: t.team.id } });
    expect(inc).toMatchObject({
      title: "Checkout down for @channel (EU)",
      severity: "SEV1",
      createdById: t.editor.id,
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
    expect((await slash("status INC-1 monitoring", olivia)).json.text).toMatch(/^Not changed: /);
    expect((await testDb.incident.findUniqueOrThrow({ where: { id: inc.id } })).status).toBe(
      "RESOLVED",
    );

    await testDb.incident.update({
      where: { id: inc.id },
      data: { problemStatement: "Checkout returned 502" },
    });
    await testDb.whyNode.create({ data: { incidentId: inc.id, statement: "Pool_size too small" } });
    expect((await slash("whys INC-1", olivia)).json.text).toBe(
      "**INC-1 Checkout down for @\u200bchannel \\(EU\\)**\nProblem: Checkout returned 502\nOpen branches (1):\n• Pool\\_size too small",
    );
  });

  it("a Slack link does not carry over: each product's accounts are linked separately", async () => {
    await saveChatIntegrationAction(
      initialResult,
      form({ workspaceId: "TSLACK0001", signingSecret: "8f742231b10e8888abcd99yyyzzz85a5" }),
    );
    const slack = await testDb.chatIntegration.findUniqueOrThrow({
      where: { teamId_provider: { teamId: t.team.id, provider: "SLACK" } },
    });
    // The same user id linked on the Slack side (ids of the two products never meet anyway).
    await testDb.chatIdentity.create({
      data: {
        integrationId: slack.id,
        chatUserId: "u0same",
        chatUserName: "same",
        userId: t.owner.id,
      },
    });
    expect((await slash("new Not yet linked", { id: "u0same", name: "same" })).json.text).toMatch(
      /Connect your chat account/,
    );
    expect(await testDb.incident.count({ where: { teamId: t.team.id } })).toBe(0);
  });

  it("uses the member's role and the team's own incidents", async () => {
    const vic = { id: "viewer0000000000000000000v", name: "vic" };
    await link(vic, t.viewer.id);
    const inc = await createIncident(t.team.id, t.owner.id, { title: "Queue backlog" });
    expect((await slash(`note INC-${inc.number} hello`, vic)).json.text).toBe(
      "Your Hindsight role (viewer) cannot change incidents.",
    );
    expect((await slash(`status INC-${inc.number}`, vic)).json.text).toBe(
      `INC-${inc.number} Queue backlog: Investigating (SEV2)`,
    );
    const other = await createTeamWithMembers("Other");
    const theirs = await createIncident(other.team.id, other.owner.id, { title: "Secret" });
    await testDb.incident.delete({ where: { id: inc.id } });
    const reply = await slash(`whys INC-${theirs.number}`, vic);
    expect(reply.json.text).toBe(`No INC-${theirs.number} in this team.`);
    expect(await testDb.timelineEvent.count({ where: { incidentId: theirs.id } })).toBe(0);
  });

  it("is rate-limited per team: over the limit, the command is not run", async () => {
    const olivia = { id: "aoa1agao6t8fmx3ikt1j9w5ybw", name: "olivia" };
    await link(olivia, t.owner.id);
    const integration = await testDb.chatIntegration.findFirstOrThrow({
      where: { teamId: t.team.id, provider: "MATTERMOST" },
    });
    // The bucket as a burst of commands leaves it: empty, with a debt of 5 s.
    const bucket = { key: `chat:${integration.id}`, tokens: -5, updatedAt: new Date() };
    await testDb.rateLimitBucket.upsert({
      where: { key: bucket.key },
      create: bucket,
      update: bucket,
    });
    const limited = await slash("new Too fast sev2", olivia);
    expect(limited.status).toBe(200);
    expect(limited.json).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringMatching(
        /^Too many \/postmortem commands from this team: try again in \d+ s\.$/,
      ),
    });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(5);
    expect(await testDb.incident.count({ where: { teamId: t.team.id } })).toBe(0);
    // A wrong token does not use up the team's commands either (refused before the bucket).
    await testDb.rateLimitBucket.update({
      where: { key: `chat:${integration.id}` },
      data: { tokens: 60 },
    });
    for (let i = 0; i < 3; i++) await slash("help", olivia, newToken());
    expect(
      (await testDb.rateLimitBucket.findUniqueOrThrow({ where: { key: `chat:${integration.id}` } }))
        .tokens,
    ).toBe(60);
  });
});
