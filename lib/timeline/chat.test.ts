import { describe, expect, it } from "vitest";
import { guessKind } from "./guess";
import { parseTimelineImport } from "./import";

const nyc = { baseDate: "2017-01-31", timeZone: "America/New_York" };
const utc = { baseDate: "2017-01-31", timeZone: "UTC" };

/** [at, author, body] of each event, in time order. */
function read(text: string, opts = utc) {
  const r = parseTimelineImport(text, opts);
  return {
    events: r.events.map((e) => [e.occurredAt, e.author, e.body]),
    errors: r.errors,
    notes: r.events.map((e) => e.note ?? null),
    parsed: r,
  };
}

describe("regressions from issue 12", () => {
  it("[11:27 PM] yp: is 23:27 by yp", () => {
    const r = read("[11:27 PM] yp: the database is at 100% CPU");
    expect(r.errors).toEqual([]);
    expect(r.events).toEqual([["2017-01-31T23:27:00.000Z", "yp", "the database is at 100% CPU"]]);
  });

  it("an ISO stamp with Z keeps its zone in a New York browser and yp stays the author", () => {
    const r = read("2017-01-31T23:27:00Z yp: running rm -rf on db1", nyc);
    expect(r.errors).toEqual([]);
    expect(r.events).toEqual([["2017-01-31T23:27:00.000Z", "yp", "running rm -rf on db1"]]);
  });
});

// Each sample as the tool copies it; every one must give the same three messages.
const THREE = [
  ["2017-01-31T23:27:00.000Z", "yp", "db1 replication lag alert fired"],
  ["2017-01-31T23:29:00.000Z", "Jane Doe", "rolled back the deploy"],
  ["2017-01-31T23:31:00.000Z", "yp", "lag is back to normal"],
];

describe.each([
  [
    "24-hour with seconds",
    "23:27:00 yp: db1 replication lag alert fired\n23:29:00 Jane Doe: rolled back the deploy\n23:31:00 yp: lag is back to normal",
  ],
  [
    "24-hour, bracketed, no seconds",
    "[23:27] yp: db1 replication lag alert fired\n[23:29] Jane Doe: rolled back the deploy\n[23:31] yp: lag is back to normal",
  ],
  [
    "12-hour with AM/PM",
    "11:27 PM yp: db1 replication lag alert fired\n11:29 pm Jane Doe: rolled back the deploy\n11:31 p.m. yp: lag is back to normal",
  ],
  [
    "ISO 8601 with offsets (the zone wins)",
    "2017-02-01T00:27:00+01:00 yp: db1 replication lag alert fired\n2017-01-31T18:29:00-05:00 Jane Doe: rolled back the deploy\n2017-01-31 23:31:00 UTC yp: lag is back to normal",
  ],
  [
    "IRC",
    "[23:27] <yp> db1 replication lag alert fired\n[23:29] <Jane Doe> rolled back the deploy\n[23:31] <yp> lag is back to normal",
  ],
  [
    "Matrix (plain-text export)",
    "2017-01-31 23:27:00 <yp> db1 replication lag alert fired\n2017-01-31 23:29:00 <Jane Doe> rolled back the deploy\n2017-01-31 23:31:00 <yp> lag is back to normal",
  ],
  [
    "Slack copy and paste",
    "yp\n11:27 PM\ndb1 replication lag alert fired\nJane Doe\n11:29 PM\nrolled back the deploy\nyp\n11:31 PM\nlag is back to normal\n",
  ],
  [
    "Slack with name and time on one line",
    "yp  11:27 PM\ndb1 replication lag alert fired\nJane Doe  11:29 PM\nrolled back the deploy\nyp  11:31 PM\nlag is back to normal",
  ],
  [
    "Mattermost",
    "yp\n23:27\ndb1 replication lag alert fired\n\nJane Doe\n23:29\nrolled back the deploy\n\nyp\n23:31\nlag is back to normal",
  ],
  [
    "Microsoft Teams",
    "[11:27 PM] yp\ndb1 replication lag alert fired\n[11:29 PM] Jane Doe\nrolled back the deploy\n[11:31 PM] yp\nlag is back to normal",
  ],
  [
    "Microsoft Teams with dates",
    "[1/31/2017 11:27 PM] yp\ndb1 replication lag alert fired\n[1/31/2017 11:29 PM] Jane Doe\nrolled back the deploy\n[1/31/2017 11:31 PM] yp\nlag is back to normal",
  ],
  [
    "WhatsApp",
    "1/31/17, 11:27 PM - yp: db1 replication lag alert fired\n1/31/17, 11:29 PM - Jane Doe: rolled back the deploy\n1/31/17, 11:31 PM - yp: lag is back to normal",
  ],
])("%s", (_name, text) => {
  it("reads three messages with their authors and times", () => {
    const r = read(text);
    expect(r.errors).toEqual([]);
    expect(r.events).toEqual(THREE);
    expect(r.parsed.format).toBe("chat");
  });
});

describe("block layouts", () => {
  it("keeps a multi-line Slack message together and continues the same author on a bare time", () => {
    const r = read(
      "yp\n11:27 PM\nfirst line\nsecond line\n11:28\nstill me\nJane Doe\n11:30 PM\nhello",
    );
    expect(r.errors).toEqual([]);
    expect(r.events).toEqual([
      ["2017-01-31T23:27:00.000Z", "yp", "first line\nsecond line"],
      ["2017-01-31T23:28:00.000Z", "yp", "still me"],
      ["2017-01-31T23:30:00.000Z", "Jane Doe", "hello"],
    ]);
    // A bare "11:28" has no AM/PM, and "Jane Doe" was a new name: both readings are flagged.
    expect(r.notes[1]).toMatch(/read as 11:28 PM/);
    expect(r.notes[2]).toMatch(/Read “Jane Doe” as the author's name/);
  });

  it("a known author's name line is not flagged", () => {
    const r = read("yp\n11:27 PM\nstarting\nJane Doe\n11:28 PM\nok\nthen\nyp\n11:29 PM\nmore");
    expect(r.events.map((e) => e[1])).toEqual(["yp", "Jane Doe", "yp"]);
    expect(r.notes[2]).toBeNull();
  });
});

describe("ambiguous lines are flagged with the reading chosen", () => {
  it.each([
    [
      "[2/3/2017 10:00] yp: which month?",
      "2017-02-03T10:00:00.000Z",
      /could be day\/month or month\/day: read as 2017-02-03/,
    ],
    ["[2.3.2017 10:00] yp: European dots", "2017-03-02T10:00:00.000Z", /read as 2017-03-02/],
    ["14:02 restarted the primary", "2017-01-31T14:02:00.000Z", /No author name/],
  ])("%s", (line, iso, note) => {
    const r = parseTimelineImport(line, utc);
    expect(r.errors).toEqual([]);
    expect(r.events[0].occurredAt).toBe(iso);
    expect(r.events[0].note).toMatch(note);
  });

  it("an unambiguous date is not flagged", () => {
    const [event] = parseTimelineImport("[31/1/2017 10:00] yp: day first", utc).events;
    expect(event.occurredAt).toBe("2017-01-31T10:00:00.000Z");
    expect(event.note).toBeUndefined();
  });

  it("midnight rollover is flagged", () => {
    const r = parseTimelineImport("11:58 PM yp: late\n12:03 AM yp: after midnight", utc);
    expect(r.events.map((e) => e.occurredAt)).toEqual([
      "2017-01-31T23:58:00.000Z",
      "2017-02-01T00:03:00.000Z",
    ]);
    expect(r.events[1].note).toMatch(/next day, 2017-02-01/);
  });
});

describe("refusals", () => {
  it.each([
    ["13:05 PM yp: no such time", /not a valid time/],
    ["14:02 yp: hi\nyp\n11:27 PM\n", /No message follows/],
    ["11:27 PM", /A time with no author/],
  ])("%s", (text, reason) => {
    const r = parseTimelineImport(text, utc);
    expect(r.events.map((e) => e.line)).not.toContain(r.errors[0].line);
    expect(r.errors[0].reason).toMatch(reason);
  });
});

describe("kind and key-event guesses", () => {
  it.each([
    ["PagerDuty paged the on-call", "ALERT", true],
    ["alert fired for 5xx", "ALERT", true],
    ["rolled back to v41", "ACTION", true],
    ["deployed the fix", "ACTION", true],
    ["we decided to fail over to the replica", "DECISION", true],
    ["posted an update on the status page", "COMMUNICATION", false],
    ["looking at the dashboards", "NOTE", false],
  ])("%s → %s", (text, kind, isKey) => {
    expect(guessKind(text)).toEqual({ kind, isKey });
  });
});
