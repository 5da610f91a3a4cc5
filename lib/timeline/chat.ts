// Reads chat as people paste it (pure): one-line logs ("14:02 alice: …", "[11:27 PM] yp: …",
// "2017-01-31T23:27:00Z yp: …", IRC/Matrix "<nick> …", WhatsApp "1/31/17, 11:27 PM - yp: …")
// and block layouts where a header line names the author and the message follows on its own
// lines (Slack and Mattermost: name line, time line, message lines; Microsoft Teams:
// "[2:27 PM] Alice Smith" then the message). A stamp's own zone or offset wins over the
// viewer's; a line read in one of two possible ways carries a note saying which was chosen.
import { zonedLocalToUtc } from "@/lib/incidents/local-time";
import { AUTHOR_MAX } from "./constants";

export interface ChatMessage {
  line: number;
  at: Date;
  author: string | null;
  text: string;
  /** Set when the line could be read more than one way: the reading chosen, in words. */
  note?: string;
}

export interface ChatProblem {
  line: number;
  text: string;
  reason: string;
}

// Date (ISO, or numeric M/D/Y or D/M/Y), clock (24 h or 12 h, seconds optional), zone.
const STAMP =
  String.raw`(?:(?<iso>\d{4}-\d{2}-\d{2})[T ]|(?<num>\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?),?\s+)?` +
  String.raw`(?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2})(?:[.,]\d+)?)?` +
  String.raw`(?:\s?(?<ampm>[AaPp])\.?[Mm]\.?(?![A-Za-z]))?` +
  String.raw`(?:(?<z>Z(?![A-Za-z]))|\s?(?<utc>UTC|GMT)(?![A-Za-z])|\s?(?<off>[+-]\d{2}:?\d{2})(?![\d:]))?`;
const STAMP_RE = new RegExp(String.raw`^(?<open>\[)?${STAMP}(?<close>\])?`);
const TRAILING_STAMP_RE = new RegExp(
  String.raw`^(?<name>[^\[\]:<>]{1,${AUTHOR_MAX}}?)(?:\s{2,}|\t|\s*(?=\[))\[?${STAMP}\]?$`,
);
const NO_TIME_RE = /^[\w.@-]{1,80}\s*:\s*\S/;

type Groups = Record<string, string | undefined>;

interface Stamp {
  groups: Groups;
  rest: string;
  bracketed: boolean;
}

/** The stamp at the start of a line and what follows it, or null. */
function leadingStamp(t: string): Stamp | null {
  const m = STAMP_RE.exec(t);
  if (!m?.groups) return null;
  const { open, close } = m.groups;
  if (Boolean(open) !== Boolean(close)) return null;
  const rest = t
    .slice(m[0].length)
    .replace(/^\s*(?:[-–—|]\s*)?/, "")
    .trim();
  // "14:02abc" is not a stamp; a stamp is followed by space, a separator or nothing.
  if (t.length > m[0].length && !/^[\s\-–—|,]/.test(t.slice(m[0].length)) && !close) return null;
  return { groups: m.groups, rest, bracketed: Boolean(open) };
}

function looksLikeName(s: string) {
  const t = s.trim();
  return (
    t.length > 0 &&
    t.length <= 60 &&
    t.split(/\s+/).length <= 5 &&
    !/[.!?,;:]$/.test(t) &&
    !t.includes("://") &&
    !/^\d/.test(t)
  );
}

const pad = (n: number) => String(n).padStart(2, "0");

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

type Resolved = { at: Date; note?: string } | { error: string };

/**
 * Turns stamps into instants: time-only stamps take the running day (the incident's start date
 * at first) and roll to the next day when the clock jumps back more than 12 hours.
 */
class ChatClock {
  private day: string;
  private last = -1;
  private lastPm: boolean | null = null;
  constructor(
    base: string,
    private zone: string,
  ) {
    this.day = base;
  }

  usesAmPm() {
    return this.lastPm !== null;
  }

  resolve(g: Groups): Resolved {
    const notes: string[] = [];
    let h = Number(g.h);
    const mi = Number(g.m);
    const s = g.s === undefined ? 0 : Number(g.s);
    const raw = `${g.h}:${g.m}${g.s ? `:${g.s}` : ""}${g.ampm ? ` ${g.ampm.toUpperCase()}M` : ""}`;
    if (g.ampm) {
      if (h < 1 || h > 12) return { error: `“${raw}” is not a valid time.` };
      const pm = g.ampm.toLowerCase() === "p";
      h = (h % 12) + (pm ? 12 : 0);
      this.lastPm = pm;
    } else if (this.lastPm !== null && h >= 1 && h <= 12) {
      // Slack shows later messages of one author with "2:28" only: keep the half of the day.
      const pm = this.lastPm;
      h = (h % 12) + (pm ? 12 : 0);
      notes.push(`No AM/PM: read as ${g.h}:${g.m} ${pm ? "PM" : "AM"}, like the line before.`);
    }
    if (h > 23 || mi > 59 || s > 59) return { error: `“${raw}” is not a valid time.` };
    const time = `${pad(h)}:${pad(mi)}:${pad(s)}`;

    let date: string | null = null;
    if (g.iso) date = g.iso;
    else if (g.num) {
      const parsed = this.numericDate(g.num);
      if ("error" in parsed) return parsed;
      date = parsed.date;
      if (parsed.note) notes.push(parsed.note);
    }
    const seconds = h * 3600 + mi * 60 + s;
    if (date) this.day = date;
    else if (this.last >= 0 && this.last - seconds > 12 * 3600) {
      this.day = addDays(this.day, 1);
      notes.push(`Read as the next day, ${this.day} (the clock went back past midnight).`);
    }
    this.last = seconds;

    const offset = g.z || g.utc ? 0 : g.off ? offsetMinutes(g.off) : null;
    let at: Date | null;
    if (offset === null) at = zonedLocalToUtc(`${this.day}T${time}`, this.zone);
    else {
      const local = zonedLocalToUtc(`${this.day}T${time}`, "UTC");
      at = local && new Date(local.getTime() - offset * 60_000);
    }
    if (!at) return { error: `“${date ?? this.day} ${raw}” is not a real date.` };
    return { at, note: notes.join(" ") || undefined };
  }

  /** 1/31/2017 (US) or 31.01.2017: a day above 12 decides; otherwise "/" reads month first. */
  private numericDate(text: string): { date: string; note?: string } | { error: string } {
    const [a, b, y] = text.split(/[/.]/).map(Number);
    const sep = text.includes(".") ? "." : "/";
    const year =
      y === undefined || Number.isNaN(y) ? Number(this.day.slice(0, 4)) : y < 100 ? 2000 + y : y;
    let month = a;
    let day = b;
    let note: string | undefined;
    if (a > 12 && b <= 12) [day, month] = [a, b];
    else if (a <= 12 && b <= 12 && a !== b) {
      if (sep === ".") [day, month] = [a, b];
      note = `“${text}” could be day/month or month/day: read as ${year}-${pad(month)}-${pad(day)}.`;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31)
      return { error: `“${text}” is not a real date.` };
    return { date: `${year}-${pad(month)}-${pad(day)}`, note };
  }
}

function offsetMinutes(off: string) {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(off)!;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** "alice: text", "<alice> text", "* alice waves" after a stamp. */
function splitAuthor(rest: string): { author: string | null; text: string } | null {
  const irc = /^<([^>\s][^>]{0,79})>\s*(.*)$/.exec(rest);
  if (irc) return { author: irc[1].trim(), text: irc[2] };
  const me = /^\*\s+(\S{1,80})\s+(.+)$/.exec(rest);
  if (me) return { author: me[1], text: `${me[1]} ${me[2]}` };
  const colon = new RegExp(
    String.raw`^([^:\s<\[][^:]{0,${AUTHOR_MAX - 1}}?)\s*:(?!//)\s*(.*)$`,
  ).exec(rest);
  if (colon) return { author: colon[1].trim(), text: colon[2] };
  return null;
}

interface Block {
  line: number;
  at: Date;
  author: string | null;
  lines: string[];
  note?: string;
}

/** Reads chat text line by line; `lines[i]` is text line i + 1. */
export function parseChatLines(
  lines: string[],
  opts: { baseDate: string; timeZone: string },
): { messages: ChatMessage[]; problems: ChatProblem[] } {
  const clock = new ChatClock(opts.baseDate, opts.timeZone);
  const messages: ChatMessage[] = [];
  const problems: ChatProblem[] = [];
  const known = new Set<string>();
  let block: Block | null = null;
  let pending: { line: number; text: string } | null = null;

  const refuse = (line: number, text: string, reason: string) =>
    problems.push({ line, text, reason });
  const refusePending = () => {
    if (!pending) return;
    const reason = NO_TIME_RE.test(pending.text)
      ? "No time at the start of the line (expected e.g. 14:02 alice: text)."
      : "Not a chat line: expected “14:02 name: message”.";
    refuse(pending.line, pending.text, reason);
    pending = null;
  };
  const flush = () => {
    if (!block) return;
    const text = block.lines.join("\n").trim();
    if (text)
      messages.push({
        line: block.line,
        at: block.at,
        author: block.author,
        text,
        note: block.note,
      });
    else refuse(block.line, lines[block.line - 1].trim(), "No message follows this line.");
    block = null;
  };
  const open = (line: number, author: string | null, stamp: Groups, extraNote?: string) => {
    const r = clock.resolve(stamp);
    if ("error" in r) return void refuse(line, lines[line - 1].trim(), r.error);
    if (author) known.add(author);
    block = {
      line,
      at: r.at,
      author,
      lines: [],
      note: [extraNote, r.note].filter(Boolean).join(" ") || undefined,
    };
  };
  // Whether line i (0-based) starts a new message, so "[2:27 PM] Alice" knows a message follows.
  const isPlainText = (i: number) => {
    while (i < lines.length && !lines[i].trim()) i++;
    const t = lines[i]?.trim();
    return !!t && !leadingStamp(t) && !TRAILING_STAMP_RE.test(t);
  };

  lines.forEach((raw, i) => {
    const line = i + 1;
    const t = raw.trim();
    if (!t) {
      if (block && block.lines.length) block.lines.push("");
      return;
    }
    const stamp = leadingStamp(t);
    if (stamp && stamp.rest) {
      const said = splitAuthor(stamp.rest);
      // "[2:27 PM] Alice Smith" with the message on the next lines (Microsoft Teams).
      if (!said && looksLikeName(stamp.rest) && isPlainText(i + 1)) {
        refusePending();
        flush();
        return open(line, stamp.rest, stamp.groups);
      }
      refusePending();
      flush();
      const r = clock.resolve(stamp.groups);
      if ("error" in r) return void refuse(line, t, r.error);
      const author = said?.author ?? null;
      const text = (said?.text ?? stamp.rest).trim();
      if (!text) return void refuse(line, t, "The message is empty.");
      const note =
        [said ? undefined : "No author name: the whole line is the message.", r.note]
          .filter(Boolean)
          .join(" ") || undefined;
      if (author) known.add(author);
      messages.push({ line, at: r.at, author, text, note });
      return;
    }
    const trailing = TRAILING_STAMP_RE.exec(t);
    if (trailing?.groups) {
      // "Alice Smith  2:27 PM" (Slack and Mattermost with name and time on one line).
      refusePending();
      flush();
      return open(line, trailing.groups.name.trim(), trailing.groups);
    }
    if (stamp) {
      // A time on its own line: the line above names the author (Slack, Mattermost), or the
      // same author goes on.
      if (pending) {
        const name = pending.text;
        pending = null;
        return open(line, name, stamp.groups);
      }
      if (!block) return void refuse(line, t, "A time with no author or message.");
      const current: Block = block;
      const body = current.lines.filter((l) => l !== "");
      const last = body[body.length - 1];
      // Slack writes a later message of the same author with a short time ("11:28" after
      // "11:27 PM"); a full time follows a new author's name line.
      const continuation = !stamp.groups.ampm && clock.usesAmPm();
      if (!continuation && body.length >= 2 && looksLikeName(last)) {
        current.lines.splice(current.lines.lastIndexOf(last));
        const note = known.has(last)
          ? undefined
          : `Read “${last}” as the author's name, not part of the message above.`;
        flush();
        return open(line, last, stamp.groups, note);
      }
      const author = current.author;
      flush();
      return open(line, author, stamp.groups);
    }
    if (block) block.lines.push(t);
    else {
      refusePending();
      pending = { line, text: t };
    }
  });
  flush();
  refusePending();
  problems.sort((a, b) => a.line - b.line);
  return { messages, problems };
}
