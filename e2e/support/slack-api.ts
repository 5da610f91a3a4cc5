// A stand-in for the Slack Web API on loopback (port 0), answering conversations.history,
// conversations.replies and users.info with the documented responses committed in
// lib/chatops/fixtures. Like Slack it checks the bot token (invalid_auth otherwise), honours
// the oldest/latest window, pages with response_metadata.next_cursor (two messages a page, so
// paging is exercised) and answers not_in_channel for a channel the bot is not in.
import { once } from "node:events";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const fixtures = path.resolve(import.meta.dirname, "../../lib/chatops/fixtures");
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(fixtures, name), "utf8")) as Record<string, unknown>;

export interface SlackStandIn {
  /** The base URL for SLACK_API_BASE_URL (…/api). */
  url: string;
  /** Every call, as "method channel-or-user" with the Authorization header it carried. */
  calls: { method: string; subject: string | null; authorization: string | undefined }[];
  close(): Promise<void>;
}

export async function startSlackStandIn(options: {
  botToken: string;
  /** The channel the fixtures are the history of. */
  channel: string;
}): Promise<SlackStandIn> {
  const history = fixture("slack-conversations-history.json") as { messages: { ts: string }[] };
  const replies = fixture("slack-conversations-replies.json");
  const users = fixture("slack-users-info.json");
  const calls: SlackStandIn["calls"] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, "http://slack.test");
    const method = url.pathname.replace(/^\/api\//, "");
    const channel = url.searchParams.get("channel");
    calls.push({
      method,
      subject: channel ?? url.searchParams.get("user"),
      authorization: req.headers.authorization,
    });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
    };
    // Slack answers HTTP 200 with ok:false for API errors.
    if (req.headers.authorization !== `Bearer ${options.botToken}`)
      return send(200, { ok: false, error: "invalid_auth" });
    if (method === "users.info")
      return send(
        200,
        users[url.searchParams.get("user") ?? ""] ?? { ok: false, error: "user_not_found" },
      );
    if (channel !== options.channel) return send(200, { ok: false, error: "not_in_channel" });
    if (method === "conversations.replies") return send(200, replies);
    if (method !== "conversations.history")
      return send(200, { ok: false, error: "unknown_method" });
    const oldest = Number(url.searchParams.get("oldest") ?? 0);
    const latest = Number(url.searchParams.get("latest") ?? Infinity);
    const inWindow = history.messages.filter(
      (m) => Number(m.ts) >= oldest && Number(m.ts) <= latest,
    );
    const start = Number(url.searchParams.get("cursor") || 0);
    const more = start + 2 < inWindow.length;
    send(200, {
      ok: true,
      messages: inWindow.slice(start, start + 2),
      has_more: more,
      response_metadata: { next_cursor: more ? String(start + 2) : "" },
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
