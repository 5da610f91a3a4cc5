import { describe, expect, it } from "vitest";
import { parseCsvRows, parseTimelineImport } from "./import";

const utc = { baseDate: "2026-01-10", timeZone: "UTC" };
const parse = (text: string, opts = utc) => parseTimelineImport(text, opts);

describe("chat lines", () => {
  it.each([
    [
      "14:02 alice: restarted the primary",
      "2026-01-10T14:02:00.000Z",
      "alice",
      "restarted the primary",
    ],
    [
      "[14:02] alice: restarted the primary",
      "2026-01-10T14:02:00.000Z",
      "alice",
      "restarted the primary",
    ],
    ["14:02:33 alice: restarted", "2026-01-10T14:02:33.000Z", "alice", "restarted"],
    [
      "[14:02:33] bob smith: it's fine: really",
      "2026-01-10T14:02:33.000Z",
      "bob smith",
      "it's fine: really",
    ],
    [
      "2026-01-12 14:02 alice: later that week",
      "2026-01-12T14:02:00.000Z",
      "alice",
      "later that week",
    ],
    ["[2026-01-12 09:15:00] carol: morning", "2026-01-12T09:15:00.000Z", "carol", "morning"],
    ["9:05 dana: single-digit hour", "2026-01-10T09:05:00.000Z", "dana", "single-digit hour"],
    ["14:02 - alice: with a dash", "2026-01-10T14:02:00.000Z", "alice", "with a dash"],
  ])("%s", (line, iso, author, body) => {
    const r = parse(line);
    expect(r.errors).toEqual([]);
    expect(r.format).toBe("chat");
    // The kind and key flag are guesses from the words (see chat.test.ts).
    expect(r.events.map(({ kind: _kind, isKey: _isKey, ...e }) => e)).toEqual([
      { line: 1, occurredAt: iso, author, body, source: "CHAT" },
    ]);
  });

  it.each([
    ["alice: no time here", /No time at the start/],
    ["just some words", /Not a chat line/],
    ["25:00 alice: bad hour", /not a valid time/],
    ["14:60 alice: bad minute", /not a valid time/],
    ["14:02 alice:   ", /empty/],
    ["2026-02-30 14:02 alice: no such day", /not a real date/],
    [`14:02 alice: ${"x".repeat(2001)}`, /longer than 2000/],
    ["14:02 alice: nul\u0000byte", /control characters/],
  ])("refuses %s", (line, reason) => {
    const r = parse(line);
    expect(r.events).toEqual([]);
    expect(r.errors).toEqual([
      { line: 1, text: line.trim(), reason: expect.stringMatching(reason) },
    ]);
  });

  it("reports bad lines by their line number and keeps the good ones", () => {
    const r = parse("14:02 alice: one\n\nalice: no time\n14:05 bob: two\n");
    expect(r.events.map((e) => [e.line, e.body])).toEqual([
      [1, "one"],
      [4, "two"],
    ]);
    expect(r.errors.map((e) => e.line)).toEqual([3]);
  });

  it("rolls over midnight when the clock goes backwards", () => {
    const r = parse(
      "23:58 alice: late\n23:59 bob: later\n00:03 alice: after midnight\n00:01 carol: slightly out of order\n23:30 dan: the next night\n",
    );
    expect(r.events.map((e) => [e.line, e.occurredAt])).toEqual([
      [1, "2026-01-10T23:58:00.000Z"],
      [2, "2026-01-10T23:59:00.000Z"],
      [4, "2026-01-11T00:01:00.000Z"],
      [3, "2026-01-11T00:03:00.000Z"],
      [5, "2026-01-11T23:30:00.000Z"],
    ]);
  });

  it("a dated line resets the running day for later time-only lines", () => {
    const r = parse("2026-01-15 10:00 a: dated\n10:05 b: same day as above");
    expect(r.events.map((e) => e.occurredAt)).toEqual([
      "2026-01-15T10:00:00.000Z",
      "2026-01-15T10:05:00.000Z",
    ]);
  });

  it("reads times in the viewer's zone", () => {
    const r = parse("14:02 alice: restarted", {
      baseDate: "2026-01-10",
      timeZone: "Europe/Berlin",
    });
    expect(r.events[0].occurredAt).toBe("2026-01-10T13:02:00.000Z");
  });

  it("handles Windows line endings and a byte-order mark", () => {
    const r = parse("\uFEFF14:02 alice: one\r\n14:03 bob: two\r\n");
    expect(r.events).toHaveLength(2);
    expect(r.errors).toEqual([]);
  });
});

describe("CSV", () => {
  it("reads a header with quoted fields, commas, quotes and newlines inside quotes", () => {
    const csv =
      'time,kind,text,author,key\n14:02,alert,"Error rate, 5xx > 5%",grafana,yes\n14:05,ACTION,"Said ""restart""\nand did it",alice,\n2026-01-10T15:00:00Z,decision,Resolved,alice,true\n';
    const r = parse(csv);
    expect(r.format).toBe("csv");
    expect(r.errors).toEqual([]);
    expect(r.events).toEqual([
      {
        line: 2,
        occurredAt: "2026-01-10T14:02:00.000Z",
        kind: "ALERT",
        body: "Error rate, 5xx > 5%",
        author: "grafana",
        isKey: true,
        source: "IMPORT",
      },
      {
        line: 3,
        occurredAt: "2026-01-10T14:05:00.000Z",
        kind: "ACTION",
        body: 'Said "restart"\nand did it',
        author: "alice",
        isKey: false,
        source: "IMPORT",
      },
      {
        line: 5,
        occurredAt: "2026-01-10T15:00:00.000Z",
        kind: "DECISION",
        body: "Resolved",
        author: "alice",
        isKey: true,
        source: "IMPORT",
      },
    ]);
  });

  it("accepts columns in any order and optional ones missing", () => {
    const r = parse("text,time\nhello,14:02");
    expect(r.events).toMatchObject([{ body: "hello", kind: "NOTE", author: null, isKey: false }]);
  });

  it.each([
    ["time,kind,text\n14:02,explosion,boom", /Unknown kind/],
    ["time,text\nsoon,boom", /is not a time/],
    ["time,text\n14:02,", /empty/],
    ["time,text,key\n14:02,boom,maybe", /not yes or no/],
  ])("refuses a bad row: %s", (csv, reason) => {
    const r = parse(csv);
    expect(r.events).toEqual([]);
    expect(r.errors).toEqual([
      { line: 2, text: expect.any(String), reason: expect.stringMatching(reason) },
    ]);
  });

  it("needs time and text columns", () => {
    expect(parse("time,kind\n14:02,note").errors[0].reason).toMatch(/no “text” column/);
  });

  it("splits rows the RFC way", () => {
    expect(parseCsvRows('a,"b,c"\n\n"d""e",f')).toEqual([
      { cells: ["a", "b,c"], line: 1 },
      { cells: ['d"e', "f"], line: 3 },
    ]);
  });
});

describe("JSON", () => {
  it("reads an array of events", () => {
    const r = parse(
      JSON.stringify([
        { time: "14:02", kind: "alert", text: "Page fired", author: "pagerduty", key: true },
        { time: "2026-01-10T14:10:00+01:00", text: "Offset honoured" },
      ]),
    );
    expect(r.format).toBe("json");
    expect(r.errors).toEqual([]);
    expect(r.events).toEqual([
      {
        line: 2,
        occurredAt: "2026-01-10T13:10:00.000Z",
        kind: "NOTE",
        body: "Offset honoured",
        author: null,
        isKey: false,
        source: "IMPORT",
      },
      {
        line: 1,
        occurredAt: "2026-01-10T14:02:00.000Z",
        kind: "ALERT",
        body: "Page fired",
        author: "pagerduty",
        isKey: true,
        source: "IMPORT",
      },
    ]);
  });

  it.each([
    ["[1, 2", /Not valid JSON/],
    ['{"time":"14:02"}', /Not a chat line/], // an object is not an array: treated as text
    ['[{"text":"no time"}]', /Missing time/],
    ['[{"time":"14:02"}]', /Missing text/],
    ['["string"]', /Not an object/],
    ['[{"time":"14:02","text":"x","kind":{"toString":0}}]', /kind must be text/],
    ['[{"time":"14:02","text":"x","author":["a"]}]', /author must be text/],
    ['[{"time":"14:02","text":"x","key":{"valueOf":1}}]', /key must be text/],
    ['[{"time":"14:02","text":"x","author":"' + "a".repeat(81) + '"}]', /author is longer/],
  ])("refuses %s", (json, reason) => {
    const r = parse(json);
    expect(r.events).toEqual([]);
    expect(r.errors[0].reason).toMatch(reason);
  });
});

describe("limits", () => {
  it("empty text is nothing to import", () => {
    expect(parse("  \n ")).toEqual({ format: "empty", events: [], errors: [] });
  });

  it("flags more than 500 events", () => {
    const text = Array.from(
      { length: 501 },
      (_, i) =>
        `${String(Math.floor(i / 60) % 24).padStart(2, "0")}:${String(i % 60).padStart(2, "0")} a: e${i}`,
    ).join("\n");
    const r = parse(text);
    expect(r.events).toHaveLength(501);
    expect(r.errors).toEqual([
      { line: 501, text: "", reason: "At most 500 events per import; this has 501." },
    ]);
  });

  it("refuses very long text outright", () => {
    expect(parse("x".repeat(200_001)).errors[0].reason).toMatch(/longer than/);
  });

  it("refuses years before 1970 in every format, as the timeline form does (found by lib/security/fuzz)", () => {
    const reason = "Enter a year from 1970 on.";
    expect(parse("1969-12-31T23:59:59Z alice: typo year").errors).toEqual([
      { line: 1, text: "typo year", reason },
    ]);
    expect(parse("time,text\n0026-01-10 14:01,a").errors).toEqual([{ line: 2, text: "a", reason }]);
    expect(parse('[{"time":"0026-01-10T14:01:00Z","text":"a"}]').errors).toEqual([
      { line: 1, text: "a", reason },
    ]);
    expect(parse('[{"time":"0026-01-10T14:01:00Z","text":"a"}]').events).toEqual([]);
  });

  it("sorts events by time, keeping line order for ties", () => {
    const r = parse("time,text\n14:05,b\n14:05,c\n2026-01-10 14:01,a");
    expect(r.events.map((e) => e.body)).toEqual(["a", "b", "c"]);
  });
});
