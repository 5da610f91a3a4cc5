// Pulling a Slack channel into an incident's timeline, against a stand-in Slack Web API on
// loopback that answers with the documented response shapes (fixtures/*.json): it checks the
// bot token, honours oldest/latest, pages two messages at a time with next_cursor, and serves
// thread replies and user names, so the fetch, the import preview and the import run for real.
import { once } from "node:events";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { initialResult } from "@/lib/action-result";
import { importTimelineAction } from "@/lib/timeline/actions";
import { parseTimelineImport } from "@/lib/timeline/import";
import { form } from "@/test/actions";
import { createIncident, createTeamWithMembers, testDb } from "@/test/factory";
import { signInAs } from "@/test/session";
import {
  fetchSlackChannelAction,
  saveChatIntegrationAction,
  saveSlackBotTokenAction,
} from "./actions";

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8")) as Record<
    string,
    unknown
  >;
const history = fixture("slack-conversations-history.json") as { messages: { ts: string }[] };
const replies = fixture("slack-conversations-replies.json");
const users = fixture("slack-users-info.json");
const BOT_TOKEN = "xoxb-1234567890-abcdefghijklmnop";
const calls: string[] = [];

const slack = http.createServer((req, res) => {
  const url = new URL(req.url!, "http://slack.test");
  const method = url.pathname.replace(/^\/api\//, "");
  calls.push(`${method} ${url.searchParams.get("channel") ?? url.searchParams.get("user")}`);
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  if (req.headers.authorization !== `Bearer ${BOT_TOKEN}`)
    return send(200, { ok: false, error: "invalid_auth" });
  const channel = url.searchParams.get("channel");
  if (channel === "CLIMITED00") return send(429, { ok: false, error: "ratelimited" });
  if (channel === "CNOTIN0000") return send(200, { ok: false, error: "not_in_channel" });
  if (method === "users.info")
    return send(
      200,
      users[url.searchParams.get("user")!] ?? { ok: false, error: "user_not_found" },
    );
  if (method === "conversations.replies") return send(200, replies);
  if (method !== "conversations.history") return send(200, { ok: false, error: "unknown_method" });
  const oldest = Number(url.searchParams.get("oldest") ?? 0);
  const latest = Number(url.searchParams.get("latest") ?? Infinity);
  const inWindow = history.messages.filter((m) => Number(m.ts) >= oldest && Number(m.ts) <= latest);
  const start = Number(url.searchParams.get("cursor") || 0);
  const page = inWindow.slice(start, start + 2);
  const more = start + 2 < inWindow.length;
  send(200, {
    ok: true,
    messages: page,
    has_more: more,
    response_metadata: { next_cursor: more ? String(start + 2) : "" },
  });
});

let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
let incidentId: string;

beforeAll(async () => {
  slack.listen(0, "127.0.0.1");
  await once(slack, "listening");
  // Read by env() on its first use in this file's module graph (no earlier call: lazily parsed).
  process.env.SLACK_API_BASE_URL = `http://127.0.0.1:${(slack.address() as AddressInfo).port}/api`;
});
afterAll(() => new Promise<void>((resolve) => slack.close(() => resolve())));

beforeEach(async () => {
  calls.length = 0;
  t = await createTeamWithMembers("Slack import");
  const incident = await createIncident(t.team.id, t.owner.id, {
    startedAt: new Date("2026-01-01T00:00:00Z"),
  });
  await testDb.incident.update({
    where: { id: incident.id },
    data: { status: "RESOLVED", resolvedAt: new Date("2026-01-01T01:00:00Z") },
  });
  incidentId = incident.id;
  signInAs(t.owner.id, t.team.id);
  expect(
    await saveChatIntegrationAction(
      initialResult,
      form({
        workspaceId: `T${Date.now().toString(36).toUpperCase()}`,
        signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
      }),
    ),
  ).toMatchObject({ ok: true });
});

const fetchChannel = (channel: string) =>
  fetchSlackChannelAction(initialResult, form({ incidentId, channel }));

describe("reading a Slack channel into the timeline import", () => {
  it("reads the incident's window, threads included, in order with names, and imports it", async () => {
    expect(
      await saveSlackBotTokenAction(initialResult, form({ botToken: BOT_TOKEN })),
    ).toMatchObject({ ok: true, message: "Bot token saved." });
    const sealed = (
      await testDb.chatIntegration.findUniqueOrThrow({
        where: { teamId_provider: { teamId: t.team.id, provider: "SLACK" } },
      })
    ).botTokenSealed!;
    expect(sealed).not.toContain(BOT_TOKEN);

    signInAs(t.editor.id, t.team.id);
    const fetched = await fetchChannel("C0INCIDENT");
    expect(fetched).toMatchObject({
      ok: true,
      message: "5 messages read from Slack. Check the preview, then import.",
    });
    const text = (fetched as { data: { text: string } }).data.text;
    // Paged (2 per page) through the window only; one thread; each user's name asked once.
    expect(calls.filter((c) => c.startsWith("conversations.history"))).toHaveLength(2);
    expect(calls.filter((c) => c.startsWith("conversations.replies"))).toHaveLength(1);
    expect(calls.filter((c) => c.startsWith("users.info")).sort()).toEqual([
      "users.info U012AB3CDE",
      "users.info U061F7AUR",
    ]);

    const preview = parseTimelineImport(text, { baseDate: "2026-01-01", timeZone: "UTC" });
    expect(preview.errors).toEqual([]);
    expect(
      preview.events.map((e) => [new Date(e.occurredAt).toISOString(), e.author, e.body]),
    ).toEqual([
      [
        "2026-01-01T00:02:00.000Z",
        "priya",
        "@Marco Rossi checkout is returning 502s\nerror rate 38%",
      ],
      [
        "2026-01-01T00:30:00.000Z",
        "Marco Rossi",
        "rolled back deploy 4412, see status page (https://status.example.test/incidents/1)",
      ],
      ["2026-01-01T00:33:00.000Z", "priya", "(in thread) confirmed, errors dropping"],
      [
        "2026-01-01T00:35:00.000Z",
        "Marco Rossi",
        "(in thread) keeping the flag off until the fix ships",
      ],
      [
        "2026-01-01T00:55:00.000Z",
        "Alertmanager",
        "RESOLVED: checkout 5xx rate < 1% & latency normal",
      ],
    ]);
    expect(await testDb.timelineEvent.count({ where: { incidentId } })).toBe(0);

    const imported = await importTimelineAction(
      initialResult,
      form({ incidentId, timeZone: "UTC", text, expectedCount: 5 }),
    );
    expect(imported).toMatchObject({ ok: true });
    const events = await testDb.timelineEvent.findMany({
      where: { incidentId },
      orderBy: { occurredAt: "asc" },
    });
    expect(events.map((e) => e.body)[4]).toBe("RESOLVED: checkout 5xx rate < 1% & latency normal");
    expect(events).toHaveLength(5);
  });

  it("says what to do when there is no token, a bad channel, a bad token, or Slack refuses", async () => {
    expect(await fetchChannel("C0INCIDENT")).toMatchObject({
      ok: false,
      fieldErrors: { channel: ["Add a Slack bot token in Settings → Chat to read channels."] },
    });
    expect(
      await saveSlackBotTokenAction(initialResult, form({ botToken: "not-a-token" })),
    ).toMatchObject({
      ok: false,
      fieldErrors: { botToken: [expect.stringContaining("starts with xoxb-")] },
    });
    expect(
      (
        await testDb.chatIntegration.findUniqueOrThrow({
          where: { teamId_provider: { teamId: t.team.id, provider: "SLACK" } },
        })
      ).botTokenSealed,
    ).toBeNull();

    await saveSlackBotTokenAction(initialResult, form({ botToken: BOT_TOKEN }));
    expect(await fetchChannel("general")).toMatchObject({
      fieldErrors: { channel: [expect.stringContaining("channel ID, like C0123ABCD")] },
    });
    expect(await fetchChannel("CNOTIN0000")).toMatchObject({
      fieldErrors: { channel: [expect.stringContaining("invite it with /invite")] },
    });
    expect(await fetchChannel("CLIMITED00")).toMatchObject({
      fieldErrors: { channel: [expect.stringContaining("rate-limiting")] },
    });

    await saveSlackBotTokenAction(
      initialResult,
      form({ botToken: "xoxb-0000000000-revokedrevoked" }),
    );
    expect(await fetchChannel("C0INCIDENT")).toMatchObject({
      fieldErrors: { channel: [expect.stringContaining("refused the bot token")] },
    });
  });

  it("is for writers of the team that owns the incident only", async () => {
    await saveSlackBotTokenAction(initialResult, form({ botToken: BOT_TOKEN }));
    signInAs(t.viewer.id, t.team.id);
    expect(await fetchChannel("C0INCIDENT")).toMatchObject({ ok: false });
    expect(await saveSlackBotTokenAction(initialResult, form({ botToken: "" }))).toMatchObject({
      ok: false,
    });
    const other = await createTeamWithMembers("Other");
    signInAs(other.owner.id, other.team.id);
    expect(await fetchChannel("C0INCIDENT")).toMatchObject({ ok: false });
    expect(calls.filter((c) => c.startsWith("conversations"))).toEqual([]);
  });
});
