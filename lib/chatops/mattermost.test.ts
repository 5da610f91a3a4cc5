// Mattermost's slash-command request as documented (fixtures/mattermost-slash-command.json):
// where its token comes from, and that the body carries what the commands need.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MATTERMOST_FORMAT, SLACK_FORMAT } from "./dispatch";
import { parseCommand } from "./commands";
import { mattermostTokenSchema } from "./schema";
import { mattermostToken } from "./verify";

const fixture = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "fixtures", "mattermost-slash-command.json"), "utf8"),
) as { headers: Record<string, string>; body: string };
const TOKEN = "okwexkjpe7ygb8eq1ww58t483w";

describe("the documented Mattermost request", () => {
  it("carries the token in the header and the body, and the fields the commands use", () => {
    const form = new URLSearchParams(fixture.body);
    expect(mattermostToken(new Headers(fixture.headers), form)).toBe(TOKEN);
    expect(Object.fromEntries([...form].filter(([k]) => !k.includes("mentions")))).toEqual({
      channel_id: "jux16pkewjrkfj3ehep1psxyxc",
      channel_name: "town-square",
      command: "/test",
      response_url: "http://localhost:8065/hooks/commands/xbrkb8p393gjpq5cawei7npije",
      team_domain: "test",
      team_id: "carya1qs77bemjup96ff538snh",
      text: "asd",
      token: TOKEN,
      user_id: "aoa1agao6t8fmx3ikt1j9w5ybw",
      user_name: "somename",
    });
    expect(parseCommand(form.get("text")!)).toMatchObject({ name: "invalid" });
    expect(mattermostTokenSchema.safeParse({ commandToken: ` ${TOKEN} ` })).toMatchObject({
      success: true,
      data: { commandToken: TOKEN },
    });
  });
});

describe("mattermostToken", () => {
  const form = (token?: string) => new URLSearchParams(token === undefined ? {} : { token });
  const auth = (value: string) => new Headers({ authorization: value });
  it.each([
    ["header only", auth(`Token ${TOKEN}`), form(), TOKEN],
    ["header, any case", auth(`token   ${TOKEN}`), form(), TOKEN],
    ["body only", new Headers(), form(TOKEN), TOKEN],
    ["both, the same", auth(`Token ${TOKEN}`), form(TOKEN), TOKEN],
    ["both, different", auth(`Token ${TOKEN}`), form("someoneelsestoken000000000"), null],
    ["neither", new Headers(), form(), null],
    ["empty body token", new Headers(), form(""), null],
    ["another scheme", auth(`Bearer ${TOKEN}`), form(TOKEN), null],
    ["Token without a value", auth("Token"), form(TOKEN), null],
  ])("%s", (_name, headers, body, expected) => {
    expect(mattermostToken(headers, body)).toBe(expected);
  });
});

describe("the settings field", () => {
  it.each([
    ["", true],
    ["short", false],
    ["has spaces in it 0123456789", false],
    ["x".repeat(65), false],
    ["<script>alert(1)</script>abcdefghijk", false],
  ])("%j → %s", (commandToken, ok) => {
    expect(mattermostTokenSchema.safeParse({ commandToken }).success).toBe(ok);
  });
});

describe("reply formats", () => {
  it("make typed text inert in each product's Markdown", () => {
    expect(SLACK_FORMAT.escape("<!channel> a & b")).toBe("&lt;!channel&gt; a &amp; b");
    expect(SLACK_FORMAT.bold("INC-1")).toBe("*INC-1*");
    expect(MATTERMOST_FORMAT.escape("@channel look *here*")).toBe("@\u200bchannel look \\*here\\*");
    expect(MATTERMOST_FORMAT.bold("INC-1")).toBe("**INC-1**");
  });
});
