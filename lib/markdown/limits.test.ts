import { describe, expect, it } from "vitest";
import { saveNarrativeSchema } from "@/lib/reports/schema";
import { actionItemFields } from "@/lib/action-items/schema";
import {
  lineDepth,
  markdownCost,
  markdownProblem,
  MARKDOWN_DEPTH_MESSAGE,
  MARKDOWN_EMPHASIS_MESSAGE,
} from "./limits";
import { markdownToText, renderMarkdown } from "./render";

const nestedQuotes = ">".repeat(6000) + " deep";
const indentedLists = (levels: number) =>
  Array.from({ length: levels }, (_, i) => "  ".repeat(i) + "- level " + i).join("\n");
// 6,666 emphasis delimiters in one paragraph: ~7 s of CPU per render before the limits.
const quadraticEmphasis = "a._".repeat(6666);

describe("markdown nesting and cost limits", () => {
  it.each([
    ["plain text", "just words", 0],
    ["a quote", "> quoted", 1],
    ["quotes in a row", ">>> x", 3],
    ["spaced quotes", "> > x", 2],
    ["a list item", "- item", 1],
    ["an indented list item", "    - item", 3],
    ["a quote inside a list", "- > x", 2],
    ["an ordered item", "1. step", 1],
    ["indented code", "        code", 0],
    ["a number that is not a list", "2024 was fine", 0],
  ])("counts the depth of %s", (_name, line, depth) => {
    expect(lineDepth(line)).toBe(depth);
  });

  it("accepts ordinary reports", () => {
    const ordinary =
      "## Impact\n\n**Checkout** failed for _most_ users.\n\n> Quote\n> > nested reply\n\n- one\n  - two\n    - three\n\n```sql\nselect a_b_c_d_e from t_x_y;\n```";
    expect(markdownProblem(ordinary)).toBeNull();
    expect(markdownProblem(indentedLists(20))).toBeNull();
  });

  it("refuses deep nesting and costly emphasis with a message for the field", () => {
    expect(markdownProblem(nestedQuotes)).toBe(MARKDOWN_DEPTH_MESSAGE);
    expect(markdownProblem("- > ".repeat(3000) + "x")).toBe(MARKDOWN_DEPTH_MESSAGE);
    expect(markdownProblem(indentedLists(25))).toBe(MARKDOWN_DEPTH_MESSAGE);
    expect(markdownProblem(quadraticEmphasis)).toBe(MARKDOWN_EMPHASIS_MESSAGE);
    // Many short paragraphs: each cheap, the whole still bounded.
    expect(markdownProblem(Array.from({ length: 1100 }, () => "a_b_c").join("\n\n"))).toBe(
      MARKDOWN_EMPHASIS_MESSAGE,
    );
    // An unclosed-looking fence whose info string has a backtick is text, and is counted.
    expect(markdownCost("``` a`b\n" + "a_".repeat(300)).emphasisWork).toBeGreaterThan(50_000);
  });

  it("does not count fenced code, which is never parsed for emphasis", () => {
    expect(markdownProblem("```\n" + "a_b ".repeat(4000) + "\n```")).toBeNull();
  });

  it("refuses them in report narrative and action item descriptions, saving nothing", () => {
    const narrative = saveNarrativeSchema.safeParse({
      baseVersion: 1,
      changes: { summary: nestedQuotes },
      baseline: {},
    });
    expect(narrative.success).toBe(false);
    expect(narrative.error?.issues).toEqual([
      expect.objectContaining({
        path: ["changes", "summary"],
        message: "Quotes and lists can nest at most 20 levels.",
      }),
    ]);
    const item = actionItemFields.shape.description.safeParse(quadraticEmphasis.slice(0, 4999));
    expect(item.success).toBe(false);
    expect(item.error?.issues[0].message).toBe(MARKDOWN_EMPHASIS_MESSAGE);
  });
});

describe("rendering hostile text already stored", () => {
  // Generous bounds: the point is "not seconds and not a crash"; speed figures live in benches.
  it("renders 6,000 nested quotes as plain text, quickly, without throwing", () => {
    const start = performance.now();
    const html = renderMarkdown(nestedQuotes);
    expect(performance.now() - start).toBeLessThan(500);
    expect(html).toBe(`<p>${"&gt;".repeat(6000)} deep</p>`);
    expect(markdownToText(nestedQuotes)).toBe(nestedQuotes);
  });

  it("renders deeply nested lists and mixed containers without throwing", () => {
    expect(() => renderMarkdown("> - ".repeat(5000) + "x")).not.toThrow();
    expect(renderMarkdown(indentedLists(130))).toContain("level 129");
  });

  it("keeps crafted emphasis bounded", () => {
    const start = performance.now();
    const html = renderMarkdown(quadraticEmphasis);
    expect(performance.now() - start).toBeLessThan(500);
    expect(html).toBe(`<p>${quadraticEmphasis}</p>`);
  });

  it("escapes markup in the plain-text fallback", () => {
    const html = renderMarkdown(">".repeat(100) + ' <script>alert(1)</script> & "x"\n\nnext');
    expect(html).not.toContain("<script");
    expect(html).toContain(
      "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</p>\n<p>next</p>",
    );
  });
});
