// Chat-log / CSV / JSON import parser. Pure, so the browser preview and the server's re-check
// run the very same code. Times without a date take the incident's start date in the viewer's
// zone and roll over midnight when the clock jumps back by more than 12 hours.
import { MIN_YEAR, YEAR_MESSAGE, zonedLocalToUtc } from "@/lib/incidents/local-time";
import { parseChatLines } from "./chat";
import { guessKind } from "./guess";
import {
  AUTHOR_MAX,
  BODY_MAX,
  IMPORT_MAX_CHARS,
  IMPORT_MAX_EVENTS,
  TIMELINE_KINDS,
  type TimelineKind,
} from "./constants";

export interface ParsedEvent {
  line: number;
  occurredAt: string; // ISO UTC
  kind: TimelineKind;
  body: string;
  author: string | null;
  isKey: boolean;
  source: "CHAT" | "IMPORT";
  /** How an ambiguous line was read (shown in the preview). */
  note?: string;
}

export interface ParseProblem {
  line: number;
  text: string;
  reason: string;
}

export interface ParseResult {
  format: "chat" | "csv" | "json" | "empty";
  events: ParsedEvent[];
  errors: ParseProblem[];
}

export interface ParseOptions {
  /** Calendar date ("YYYY-MM-DD") the incident started on, in the viewer's zone. */
  baseDate: string;
  timeZone: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const ROLLOVER_SECONDS = 12 * 3600;

/** Rolls time-only values forward a day when the clock jumps back by more than 12 hours. */
class Clock {
  private day: string;
  private lastSeconds = -1;
  constructor(
    base: string,
    private zone: string,
  ) {
    this.day = base;
  }
  /** A full date resets the running day, so later time-only lines follow it. */
  atDate(date: string, time: string): Date | null {
    this.day = date;
    this.lastSeconds = seconds(time);
    return zonedLocalToUtc(`${date}T${time}`, this.zone);
  }
  atTime(time: string): Date | null {
    const s = seconds(time);
    // A big step back (23:58 → 00:03) is midnight; a small one (14:02 → 14:01) is just lines out of order.
    if (this.lastSeconds >= 0 && this.lastSeconds - s > ROLLOVER_SECONDS)
      this.day = addDays(this.day, 1);
    this.lastSeconds = s;
    return zonedLocalToUtc(`${this.day}T${time}`, this.zone);
  }
}

function seconds(time: string) {
  const [h, m, s] = time.split(":").map(Number);
  return h * 3600 + m * 60 + (s || 0);
}

const TIME = String.raw`(\d{1,2}:\d{2}(?::\d{2})?)`;
const DATE = String.raw`(\d{4}-\d{2}-\d{2})`;

function normTime(t: string): string | null {
  const [h, m, s] = t.split(":");
  const hh = Number(h);
  const mm = Number(m);
  const ss = s === undefined ? 0 : Number(s);
  if (hh > 23 || mm > 59 || ss > 59) return null;
  return `${String(hh).padStart(2, "0")}:${m}:${String(ss).padStart(2, "0")}`;
}

function checkBody(body: string): string | null {
  if (!body.trim()) return "The message is empty.";
  // PostgreSQL text cannot hold NUL, and other control characters are copy-paste debris.
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(body))
    return "The message contains control characters.";
  if (body.length > BODY_MAX) return `The message is longer than ${BODY_MAX} characters.`;
  return null;
}

function parseChat(lines: string[], opts: ParseOptions): ParseResult {
  const { messages, problems } = parseChatLines(lines, opts);
  const result: ParseResult = { format: "chat", events: [], errors: [...problems] };
  for (const m of messages) {
    const problem =
      checkBody(m.text) ??
      (m.author && m.author.length > AUTHOR_MAX
        ? `The author is longer than ${AUTHOR_MAX} characters.`
        : null);
    if (problem) {
      result.errors.push({ line: m.line, text: lines[m.line - 1].trim(), reason: problem });
      continue;
    }
    const guess = guessKind(m.text);
    result.events.push({
      line: m.line,
      occurredAt: m.at.toISOString(),
      kind: guess.kind,
      body: m.text,
      author: m.author,
      isKey: guess.isKey,
      source: "CHAT",
      ...(m.note ? { note: m.note } : {}),
    });
  }
  result.errors.sort((a, b) => a.line - b.line);
  return result;
}

/** RFC 4180-ish: quoted fields, doubled quotes, commas and newlines inside quotes. */
export function parseCsvRows(text: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      if (cells.some((x) => x.trim() !== "")) rows.push({ cells, line: rowLine });
      cells = [];
      cell = "";
      line++;
      rowLine = line;
    } else cell += c;
  }
  cells.push(cell);
  if (cells.some((x) => x.trim() !== "")) rows.push({ cells, line: rowLine });
  return rows;
}

const TRUE = new Set(["true", "yes", "y", "1", "key", "x"]);
const FALSE = new Set(["", "false", "no", "n", "0"]);

interface Fields {
  time: unknown;
  kind?: unknown;
  text?: unknown;
  author?: unknown;
  key?: unknown;
}

/** One record from CSV or JSON: validated, time resolved. */
function toEvent(f: Fields, line: number, clock: Clock): ParsedEvent | string {
  if (typeof f.time !== "string" || !f.time.trim()) return "Missing time.";
  const time = f.time.trim();
  let at: Date | null = null;
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/i.test(time)) {
    at = Number.isNaN(Date.parse(time)) ? null : new Date(time);
  } else {
    const m = new RegExp(`^(?:${DATE}[ T])?${TIME}$`).exec(time);
    const t = m ? normTime(m[2]) : null;
    if (m && t) at = m[1] ? clock.atDate(m[1], t) : clock.atTime(t);
  }
  if (!at)
    return `“${time.slice(0, 40)}” is not a time (use 14:02, 2026-01-10 14:02 or an ISO time).`;

  // A JSON object or array is not text: String() of {"toString": 0} even throws (found by
  // lib/security/fuzz), so such values are refused before any conversion.
  for (const field of ["kind", "author", "key"] as const) {
    if (typeof f[field] === "object" && f[field] !== null)
      return `The ${field} must be text, not a list or an object.`;
  }
  let kind: TimelineKind = "NOTE";
  if (f.kind !== undefined && f.kind !== null && String(f.kind).trim() !== "") {
    const k = String(f.kind).trim().toUpperCase();
    if (!(TIMELINE_KINDS as readonly string[]).includes(k))
      return `Unknown kind “${String(f.kind).slice(0, 30)}” (use ${TIMELINE_KINDS.join(", ").toLowerCase()}).`;
    kind = k as TimelineKind;
  }
  if (typeof f.text !== "string") return "Missing text.";
  const bodyProblem = checkBody(f.text);
  if (bodyProblem) return bodyProblem;
  let author: string | null = null;
  if (f.author !== undefined && f.author !== null && String(f.author).trim()) {
    author = String(f.author).trim();
    if (author.length > AUTHOR_MAX) return `The author is longer than ${AUTHOR_MAX} characters.`;
  }
  let isKey = false;
  if (typeof f.key === "boolean") isKey = f.key;
  else if (f.key !== undefined && f.key !== null) {
    const k = String(f.key).trim().toLowerCase();
    if (TRUE.has(k)) isKey = true;
    else if (!FALSE.has(k)) return `“${String(f.key).slice(0, 20)}” is not yes or no for key.`;
  }
  return {
    line,
    occurredAt: at.toISOString(),
    kind,
    body: f.text.trim(),
    author,
    isKey,
    source: "IMPORT",
  };
}

function parseCsv(text: string, opts: ParseOptions): ParseResult {
  const rows = parseCsvRows(text);
  const result: ParseResult = { format: "csv", events: [], errors: [] };
  const header = rows.shift()!;
  const cols = header.cells.map((c) => c.trim().toLowerCase());
  const idx = (name: string) => cols.indexOf(name);
  for (const required of ["time", "text"]) {
    if (idx(required) < 0) {
      result.errors.push({
        line: header.line,
        text: header.cells.join(","),
        reason: `The header has no “${required}” column (expected time,kind,text,author,key).`,
      });
      return result;
    }
  }
  const clock = new Clock(opts.baseDate, opts.timeZone);
  for (const row of rows) {
    const get = (name: string) => (idx(name) >= 0 ? (row.cells[idx(name)] ?? "") : undefined);
    const ev = toEvent(
      {
        time: get("time"),
        kind: get("kind"),
        text: get("text"),
        author: get("author"),
        key: get("key"),
      },
      row.line,
      clock,
    );
    if (typeof ev === "string")
      result.errors.push({ line: row.line, text: row.cells.join(",").slice(0, 200), reason: ev });
    else result.events.push(ev);
  }
  return result;
}

function parseJson(text: string, opts: ParseOptions): ParseResult {
  const result: ParseResult = { format: "json", events: [], errors: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    result.errors.push({
      line: 1,
      text: text.slice(0, 80),
      reason: `Not valid JSON: ${(e as Error).message}`,
    });
    return result;
  }
  if (!Array.isArray(data)) {
    result.errors.push({
      line: 1,
      text: text.slice(0, 80),
      reason: "Expected a JSON array of {time, kind, text, author, key} objects.",
    });
    return result;
  }
  const clock = new Clock(opts.baseDate, opts.timeZone);
  data.forEach((item, i) => {
    const line = i + 1;
    const preview = JSON.stringify(item)?.slice(0, 200) ?? String(item);
    if (!item || typeof item !== "object" || Array.isArray(item))
      return void result.errors.push({ line, text: preview, reason: "Not an object." });
    const ev = toEvent(item as Fields, line, clock);
    if (typeof ev === "string") result.errors.push({ line, text: preview, reason: ev });
    else result.events.push(ev);
  });
  return result;
}

const CSV_COLUMNS = new Set(["time", "kind", "text", "author", "key"]);

/** A first line made only of known column names, "time" among them. */
function looksLikeCsvHeader(line: string): boolean {
  const cells = line.split(",").map((c) => c.trim().replace(/^"|"$/g, "").toLowerCase());
  return cells.length > 1 && cells.includes("time") && cells.every((c) => CSV_COLUMNS.has(c));
}

/** Detects the format and parses. `line` is the text line (chat, CSV) or array position (JSON). */
export function parseTimelineImport(text: string, opts: ParseOptions): ParseResult {
  const body = text.replace(/^\uFEFF/, "");
  if (!body.trim()) return { format: "empty", events: [], errors: [] };
  if (!DATE_RE.test(opts.baseDate)) throw new Error("baseDate must be YYYY-MM-DD");
  if (body.length > IMPORT_MAX_CHARS) {
    return {
      format: "empty",
      events: [],
      errors: [
        {
          line: 1,
          text: "",
          reason: `The text is longer than ${IMPORT_MAX_CHARS.toLocaleString("en")} characters: import it in parts.`,
        },
      ],
    };
  }
  const trimmed = body.trimStart();
  let result: ParseResult;
  if (trimmed.startsWith("[") && !/^\[\d{1,4}[:/.-]/.test(trimmed)) result = parseJson(body, opts);
  else if (looksLikeCsvHeader(body.split(/\r?\n/).find((l) => l.trim()) ?? ""))
    result = parseCsv(body, opts);
  else result = parseChat(body.split(/\r?\n/), opts);
  // The timeline form refuses years before MIN_YEAR (typos such as 0026); an import is held to
  // the same rule, whatever format the time came in (found by lib/security/fuzz).
  result.events = result.events.filter((e) => {
    if (new Date(e.occurredAt).getUTCFullYear() >= MIN_YEAR) return true;
    result.errors.push({ line: e.line, text: e.body.slice(0, 80), reason: YEAR_MESSAGE });
    return false;
  });
  result.errors.sort((a, b) => a.line - b.line);
  if (result.events.length > IMPORT_MAX_EVENTS) {
    result.errors.push({
      line: result.events[IMPORT_MAX_EVENTS].line,
      text: "",
      reason: `At most ${IMPORT_MAX_EVENTS} events per import; this has ${result.events.length}.`,
    });
  }
  result.events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.line - b.line);
  return result;
}

/**
 * The kind and key-event choices the preview form submitted for one event (`kind.<id>`,
 * `key.<id>`; see components/timeline/import-preview.tsx), over the parser's guess.
 */
export function previewChoice(
  fields: Record<string, unknown>,
  id: string,
  fallback: { kind: TimelineKind; isKey: boolean },
) {
  const kind = String(fields[`kind.${id}`] ?? "");
  const raw = fields[`key.${id}`];
  const keys = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
  return {
    kind: (TIMELINE_KINDS as readonly string[]).includes(kind)
      ? (kind as TimelineKind)
      : fallback.kind,
    isKey: keys.length ? keys.includes("on") : fallback.isKey,
  };
}
