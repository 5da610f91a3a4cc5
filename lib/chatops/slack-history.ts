// Reads a Slack channel's messages for an incident's time window through the Slack Web API
// (https://api.slack.com/methods/conversations.history, conversations.replies, users.info),
// with a bot token, following `response_metadata.next_cursor` pages and each thread's replies.
// The base URL is SLACK_API_BASE_URL, so tests answer from a stand-in server on loopback.
// Returns messages oldest first; Slack's errors become sentences a team member can act on.
import { RuleError } from "@/lib/errors";
import {
  AUTHOR_MAX,
  BODY_MAX,
  IMPORT_MAX_CHARS,
  IMPORT_MAX_EVENTS,
} from "@/lib/timeline/constants";

export interface SlackMessage {
  /** Slack's message id, seconds since the epoch with microseconds ("1700000000.000100"). */
  ts: string;
  at: Date;
  author: string;
  text: string;
  /** True for a reply inside a thread. */
  reply: boolean;
}

interface RawMessage {
  ts?: string;
  user?: string;
  bot_id?: string;
  username?: string;
  subtype?: string;
  text?: string;
  thread_ts?: string;
  reply_count?: number;
  user_profile?: { display_name?: string; real_name?: string };
  bot_profile?: { name?: string };
}

interface Page {
  ok: boolean;
  error?: string;
  messages?: RawMessage[];
  has_more?: boolean;
  response_metadata?: { next_cursor?: string };
}

export interface HistoryOptions {
  baseUrl: string;
  token: string;
  channel: string;
  oldest: Date;
  latest: Date;
  /** Stop after this many messages (threads included); the caller says when it was reached. */
  limit?: number;
  fetch?: typeof fetch;
}

// Subtypes that are not conversation: joins, topic changes, channel renames and the like.
const SKIP_SUBTYPES = new Set([
  "channel_join",
  "channel_leave",
  "channel_topic",
  "channel_purpose",
  "channel_name",
  "channel_archive",
  "channel_unarchive",
  "group_join",
  "group_leave",
]);

const MESSAGES: Record<string, string> = {
  invalid_auth: "Slack refused the bot token (invalid_auth). Check it in Settings → Chat.",
  not_authed: "Slack refused the bot token (not_authed). Check it in Settings → Chat.",
  account_inactive: "The Slack app of this bot token was removed or deactivated.",
  token_revoked: "The bot token was revoked in Slack. Save a new one in Settings → Chat.",
  missing_scope:
    "The bot token lacks a permission: add channels:history (and groups:history for private channels) and users:read, then reinstall the app.",
  channel_not_found:
    "Slack does not know this channel, or the bot cannot see it. Use the channel ID (C0123ABCD) and invite the bot.",
  not_in_channel:
    "The bot is not in this channel: invite it with /invite @your-bot, then fetch again.",
  ratelimited: "Slack is rate-limiting this workspace. Wait a minute, then fetch again.",
};

export function slackErrorMessage(code: string): string {
  return MESSAGES[code] ?? `Slack answered with an error: ${code}.`;
}

const tsOf = (date: Date) => (date.getTime() / 1000).toFixed(6);

export async function fetchChannelHistory(
  options: HistoryOptions,
): Promise<{ messages: SlackMessage[]; truncated: boolean }> {
  const limit = options.limit ?? IMPORT_MAX_EVENTS;
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/$/, "");

  async function call(
    method: string,
    params: Record<string, string>,
  ): Promise<Page & Record<string, unknown>> {
    let response: Response;
    try {
      response = await doFetch(`${base}/${method}?${new URLSearchParams(params)}`, {
        headers: { authorization: `Bearer ${options.token}` },
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new RuleError("Slack did not answer. Try again in a moment.", "channel");
    }
    if (response.status === 429) throw new RuleError(slackErrorMessage("ratelimited"), "channel");
    if (!response.ok)
      throw new RuleError(`Slack answered HTTP ${response.status}. Try again later.`, "channel");
    const body = (await response.json().catch(() => null)) as
      (Page & Record<string, unknown>) | null;
    if (!body) throw new RuleError("Slack's answer could not be read.", "channel");
    if (!body.ok) throw new RuleError(slackErrorMessage(body.error ?? "unknown_error"), "channel");
    return body;
  }

  async function pages(method: string, params: Record<string, string>, into: RawMessage[]) {
    let cursor = "";
    do {
      const page = await call(method, { ...params, limit: "200", ...(cursor ? { cursor } : {}) });
      into.push(...(page.messages ?? []));
      cursor = page.has_more ? (page.response_metadata?.next_cursor ?? "") : "";
    } while (cursor && into.length < limit);
  }

  const window = {
    channel: options.channel,
    oldest: tsOf(options.oldest),
    latest: tsOf(options.latest),
    inclusive: "true",
  };
  const top: RawMessage[] = [];
  await pages("conversations.history", window, top);

  const all: { raw: RawMessage; reply: boolean }[] = [];
  for (const message of top) {
    all.push({ raw: message, reply: false });
    if (message.reply_count && message.thread_ts && all.length < limit) {
      const replies: RawMessage[] = [];
      await pages("conversations.replies", { ...window, ts: message.thread_ts }, replies);
      // conversations.replies lists the parent first; it is already in `top`.
      for (const r of replies) if (r.ts !== message.thread_ts) all.push({ raw: r, reply: true });
    }
  }

  const names = new Map<string, string>();
  async function nameOf(m: RawMessage): Promise<string> {
    const profile = m.user_profile?.display_name || m.user_profile?.real_name;
    if (profile) return profile;
    if (m.bot_profile?.name || m.username) return (m.bot_profile?.name || m.username)!;
    if (!m.user) return "unknown";
    if (!names.has(m.user)) {
      const info = await call("users.info", { user: m.user }).catch(() => null);
      const user = info?.user as
        { name?: string; profile?: { display_name?: string; real_name?: string } } | undefined;
      names.set(
        m.user,
        user?.profile?.display_name || user?.profile?.real_name || user?.name || m.user,
      );
    }
    return names.get(m.user)!;
  }

  const messages: SlackMessage[] = [];
  for (const { raw, reply } of all) {
    if (!raw.ts || (raw.subtype && SKIP_SUBTYPES.has(raw.subtype))) continue;
    const text = plainText(raw.text ?? "", names);
    if (!text) continue;
    messages.push({
      ts: raw.ts,
      at: new Date(Math.round(Number(raw.ts) * 1000)),
      author: await nameOf(raw),
      text,
      reply,
    });
  }
  messages.sort((a, b) => Number(a.ts) - Number(b.ts));
  return { messages: messages.slice(0, limit), truncated: all.length >= limit };
}

/**
 * Slack's message markup as plain text (https://api.slack.com/reference/surfaces/formatting):
 * `<@U123>` → `@name` (when known), `<#C123|general>` → `#general`, `<https://x|label>` →
 * `label (https://x)`, `<!here>` → `@here`, and the three escaped entities back.
 */
export function plainText(text: string, names: Map<string, string> = new Map()): string {
  return text
    .replace(
      /<@([UW][A-Z0-9]+)(?:\|([^>]+))?>/g,
      (_m, id: string, label?: string) => `@${label ?? names.get(id) ?? id}`,
    )
    .replace(/<#C[A-Z0-9]+\|([^>]+)>/g, (_m, name: string) => `#${name}`)
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, (_m, what: string) => `@${what}`)
    .replace(/<!subteam\^[A-Z0-9]+\|([^>]+)>/g, (_m, name: string) => name)
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, (_m, url: string, label: string) =>
      label === url ? url : `${label} (${url})`,
    )
    .replace(/<((?:https?|mailto):[^>]+)>/g, (_m, url: string) => url)
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
}

/**
 * The messages as the timeline import's JSON (an array of {time, kind, text, author}), which the
 * import panel previews and the import action re-parses: every message keeps its exact time
 * (UTC) and its line breaks; thread replies say so. Held to the import's limits (events, text
 * and author length, total size): a longer message is cut with "…", and messages beyond the
 * limits are left out (`kept` says how many went in).
 */
export function toImportJson(messages: SlackMessage[]): { json: string; kept: number } {
  const cut = (text: string, max: number) =>
    text.length > max ? `${text.slice(0, max - 1)}…` : text;
  const events = messages.slice(0, IMPORT_MAX_EVENTS).map((m) => ({
    time: m.at.toISOString(),
    kind: "COMMUNICATION",
    author: cut(m.author, AUTHOR_MAX),
    text: cut(m.reply ? `(in thread) ${m.text}` : m.text, BODY_MAX),
  }));
  let json = JSON.stringify(events, null, 2);
  while (json.length > IMPORT_MAX_CHARS && events.length > 0) {
    events.splice(Math.floor(events.length * 0.9));
    json = JSON.stringify(events, null, 2);
  }
  return { json, kept: events.length };
}
