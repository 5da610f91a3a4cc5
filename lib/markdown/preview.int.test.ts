// The live preview's server action (issue 12, "Writing comfort"): the report's own sanitizing
// renderer, for the team's writers only.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTeamWithMembers } from "@/test/factory";
import { signInAs } from "@/test/session";
import { previewMarkdownAction } from "./actions";
import { renderMarkdown } from "./render";

const payloads = readFileSync(
  path.join(process.cwd(), "lib/security/fixtures/xss-payloads.txt"),
  "utf8",
)
  .split("\n")
  .filter((l) => l.trim() && !l.startsWith("#"));

describe("previewMarkdownAction", () => {
  let t: Awaited<ReturnType<typeof createTeamWithMembers>>;
  beforeAll(async () => {
    t = await createTeamWithMembers("Preview");
  });

  it("renders Markdown exactly as the report does", async () => {
    signInAs(t.editor.id, t.team.id);
    const markdown = "# Recovery\n\n- rolled **back**\n- [runbook](https://runbooks.example/db)";
    const result = await previewMarkdownAction({ markdown });
    expect(result).toMatchObject({ ok: true, data: { problem: null } });
    const html = (result as { data: { html: string } }).data.html;
    expect(html).toBe(renderMarkdown(markdown));
    expect(html).toContain("<h3>Recovery</h3>");
    expect(html).toContain("<strong>back</strong>");
    expect(html).toContain(
      '<a href="https://runbooks.example/db" rel="noopener noreferrer nofollow">',
    );
  });

  it("leaves no script, handler or script URL from the XSS corpus", async () => {
    signInAs(t.owner.id, t.team.id);
    const result = await previewMarkdownAction({ markdown: payloads.join("\n\n") });
    const html = (result as { data: { html: string } }).data.html;
    expect(payloads.length).toBeGreaterThanOrEqual(25);
    // Text is escaped (a literal "<" is &lt;), so every "<" left starts a real tag.
    const tags = html.match(/<[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(20);
    const names = new Set(tags.map((t) => /^<\/?([a-z0-9]+)/i.exec(t)?.[1]?.toLowerCase()));
    for (const bad of ["script", "iframe", "svg", "img", "math", "object", "embed", "input"])
      expect(names.has(bad), bad).toBe(false);
    expect(tags.filter((t) => /\son\w+\s*=/i.test(t))).toEqual([]);
    expect(tags.filter((t) => /(href|src)\s*=\s*"\s*(javascript|data|vbscript):/i.test(t))).toEqual(
      [],
    );
  });

  it("says when the text is beyond the renderer's limits (shown as plain text)", async () => {
    signInAs(t.editor.id, t.team.id);
    const result = await previewMarkdownAction({ markdown: ">".repeat(30) + " deep" });
    expect(result).toMatchObject({
      ok: true,
      data: { problem: "Quotes and lists can nest at most 20 levels." },
    });
  });

  it("refuses viewers, people outside the team and text beyond the longest field", async () => {
    signInAs(t.viewer.id, t.team.id);
    expect(await previewMarkdownAction({ markdown: "hi" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("permission"),
    });
    signInAs(null);
    expect(await previewMarkdownAction({ markdown: "hi" })).toMatchObject({ ok: false });
    signInAs(t.editor.id, t.team.id);
    expect(await previewMarkdownAction({ markdown: "x".repeat(20_001) })).toMatchObject({
      ok: false,
      fieldErrors: { markdown: ["The preview shows at most 20,000 characters."] },
    });
  });
});
