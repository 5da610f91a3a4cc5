import { describe, expect, it } from "vitest";
import { parseTimelineImport } from "@/lib/timeline/import";
import { BODY_MAX, IMPORT_MAX_EVENTS } from "@/lib/timeline/constants";
import { plainText, slackErrorMessage, toImportJson, type SlackMessage } from "./slack-history";

describe("Slack markup as plain text", () => {
  it.each([
    ["<@U123> look", "@Ann look"],
    ["<@U999|bob> look", "@bob look"],
    ["<@U404> unknown", "@U404 unknown"],
    ["see <#C123|ops-war-room>", "see #ops-war-room"],
    ["<!here> and <!channel>", "@here and @channel"],
    ["<https://x.test/a|the graph>", "the graph (https://x.test/a)"],
    ["<https://x.test/a>", "https://x.test/a"],
    ["<mailto:a@b.test|a@b.test>", "a@b.test (mailto:a@b.test)"],
    ["a &lt;b&gt; &amp;lt;", "a <b> &lt;"],
    ["<!subteam^S1|@sre> paged", "@sre paged"],
  ])("%s", (input, expected) => {
    expect(plainText(input, new Map([["U123", "Ann"]]))).toBe(expected);
  });

  it("names Slack's error codes in words and keeps unknown ones", () => {
    expect(slackErrorMessage("not_in_channel")).toMatch(/invite it/);
    expect(slackErrorMessage("weird_thing")).toBe("Slack answered with an error: weird_thing.");
  });
});

describe("toImportJson", () => {
  const message = (i: number, text = `message ${i}`): SlackMessage => ({
    ts: `${1767225600 + i}.000000`,
    at: new Date((1767225600 + i) * 1000),
    author: "ann",
    text,
    reply: false,
  });

  it("holds the import's limits: at most 500 events, long messages cut, and it re-parses cleanly", () => {
    const many = Array.from({ length: 620 }, (_, i) =>
      message(i, i === 3 ? "x".repeat(BODY_MAX + 50) : `message ${i}`),
    );
    const { json, kept } = toImportJson(many);
    expect(kept).toBe(IMPORT_MAX_EVENTS);
    const parsed = parseTimelineImport(json, { baseDate: "2026-01-01", timeZone: "UTC" });
    expect(parsed.errors).toEqual([]);
    expect(parsed.events).toHaveLength(IMPORT_MAX_EVENTS);
    expect(parsed.events[3]!.body).toHaveLength(BODY_MAX);
    expect(parsed.events[3]!.body.endsWith("…")).toBe(true);
    expect(parsed.events[0]!.kind).toBe("COMMUNICATION");
  });
});
