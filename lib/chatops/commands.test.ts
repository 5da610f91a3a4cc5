import { describe, expect, it } from "vitest";
import { parseCommand } from "./commands";
import { slackSignature, verifySlack } from "./verify";

describe("slash command text", () => {
  it.each([
    ["", { name: "help" }],
    ["help", { name: "help" }],
    ["link", { name: "link" }],
    ["new Checkout is down sev1", { name: "new", title: "Checkout is down", severity: "SEV1" }],
    ["new Checkout is down", { name: "new", title: "Checkout is down", severity: "SEV3" }],
    ["note INC-12 rolled back  v2.3", { name: "note", number: 12, text: "rolled back  v2.3" }],
    ["note 12 ok", { name: "note", number: 12, text: "ok" }],
    ["status inc-4", { name: "status", number: 4, status: null }],
    ["status INC-4 monitoring", { name: "status", number: 4, status: "MONITORING" }],
    ["whys INC-9", { name: "whys", number: 9 }],
  ])("%j", (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
  it.each([
    ["new"],
    ["new sev2"],
    ["note INC-1"],
    ["note"],
    ["status INC-1 done"],
    ["whys abc"],
    ["deploy prod"],
  ])("refuses %j with a hint", (text) => {
    expect(parseCommand(text).name).toBe("invalid");
  });
});

describe("Slack signature", () => {
  const secret = "8f742231b10e8888abcd99yyyzzz85a5";
  const now = new Date("2026-12-01T12:00:00Z");
  const ts = String(now.getTime() / 1000);
  const body = "token=x&team_id=T1&text=help";
  const h = (o: Record<string, string>) => new Headers(o);
  it.each([
    [
      "valid",
      { "x-slack-request-timestamp": ts, "x-slack-signature": slackSignature(secret, ts, body) },
      null,
    ],
    [
      "other secret",
      { "x-slack-request-timestamp": ts, "x-slack-signature": slackSignature("other", ts, body) },
      "Bad signature.",
    ],
    [
      "timestamp changed after signing",
      {
        "x-slack-request-timestamp": String(Number(ts) - 1),
        "x-slack-signature": slackSignature(secret, ts, body),
      },
      "Bad signature.",
    ],
    [
      "stale (6 min)",
      {
        "x-slack-request-timestamp": String(Number(ts) - 360),
        "x-slack-signature": slackSignature(secret, String(Number(ts) - 360), body),
      },
      "Stale request (timestamp outside 5 minutes).",
    ],
    ["missing headers", {}, "Missing Slack signature headers."],
  ])("%s", (_n, headers, reason) => {
    const v = verifySlack(h(headers), body, secret, now);
    expect(v.ok ? null : v.reason).toBe(reason);
  });
});
