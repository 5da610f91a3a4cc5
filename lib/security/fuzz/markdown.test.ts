// Property-based tests for the Markdown renderer (issue 14; issue 8 item 8): any text, including
// every payload of the XSS corpus woven into Markdown, renders without throwing, to HTML made
// only of the allowlisted tags and attributes with http(s)/mailto links; and text the form
// accepts (refineMarkdown) renders as Markdown quickly.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { markdownToText, renderMarkdown } from "@/lib/markdown/render";
import { hostileString, PROPERTY_TIMEOUT, RUNS, xssPayloads } from "./hostile";

const TAGS = new Set([
  "p",
  "br",
  "hr",
  "h3",
  "h4",
  "h5",
  "h6",
  "strong",
  "em",
  "del",
  "code",
  "pre",
  "blockquote",
  "ul",
  "ol",
  "li",
  "a",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
]);
const ATTRS = new Set(["href", "title", "rel", "start", "align"]);

/** What is wrong with rendered HTML: tags, attributes or link schemes outside the allowlist. */
function unsafeHtml(html: string): string[] {
  const problems: string[] = [];
  for (const m of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const [, tag, attrs] = m;
    if (!TAGS.has(tag.toLowerCase())) problems.push(`tag <${tag}>`);
    for (const a of attrs.matchAll(/([^\s=/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      const name = a[1].toLowerCase();
      if (!ATTRS.has(name)) problems.push(`attribute ${name} on <${tag}>`);
      if (name === "href") {
        const value = (a[2] ?? "")
          .replace(/^["']|["']$/g, "")
          .replace(/&#x?[0-9a-f]+;?|&colon;|&tab;|&newline;/gi, "")
          .replace(/[\s\u0000-\u001f]/g, "");
        // A scheme must be http(s) or mailto; a relative link (no scheme) is inert.
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1].toLowerCase();
        if ((scheme && !["http", "https", "mailto"].includes(scheme)) || value.startsWith("//"))
          problems.push(`href ${a[2]}`);
      }
    }
  }
  return problems;
}

const MARKDOWN_PIECES = [
  "# ",
  "## ",
  "> ",
  "- ",
  "1. ",
  "* ",
  "**",
  "_",
  "~~",
  "`",
  "```\n",
  "\n",
  "\n\n",
  "| a | b |\n|---|---|\n",
  "[x](",
  ")",
  "![i](",
  "<",
  ">",
  "&",
  "&#106;",
  "javascript:",
  "http://ok.example/",
  '<a href="',
  '">',
  "</a>",
];
const markdownish = fc
  .array(
    fc.oneof(
      fc.constantFrom(...MARKDOWN_PIECES),
      hostileString(),
      fc.constantFrom(...xssPayloads()),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(""));

describe("renderMarkdown on hostile text", () => {
  it("the checker itself catches what the renderer must never emit", () => {
    expect(
      unsafeHtml(
        `<a href="java&#x09;script:alert(1)">x</a><img src=x onerror=y><p onclick='z'>t</p><a href="//evil.example">e</a>`,
      ),
    ).toEqual([
      'href "java&#x09;script:alert(1)"',
      "tag <img>",
      "attribute src on <img>",
      "attribute onerror on <img>",
      "attribute onclick on <p>",
      'href "//evil.example"',
    ]);
  });

  it("every payload of the XSS corpus, alone and inside Markdown constructs, renders inert", () => {
    for (const p of xssPayloads()) {
      for (const text of [
        p,
        `> ${p}`,
        `- ${p}`,
        `**${p}**`,
        `[link](${p})`,
        `| ${p} | x |\n|---|---|\n| y | z |`,
      ]) {
        expect({ text, problems: unsafeHtml(renderMarkdown(text)) }).toEqual({
          text,
          problems: [],
        });
      }
    }
  });

  it(
    "never throws and only ever emits allowlisted HTML",
    () => {
      fc.assert(
        fc.property(fc.oneof(markdownish, hostileString()), (text) => {
          const html = renderMarkdown(text);
          expect(unsafeHtml(html)).toEqual([]);
          expect(typeof markdownToText(text)).toBe("string");
        }),
        { numRuns: 2 * RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "text beyond the nesting and cost limits is shown as escaped paragraphs",
    () => {
      fc.assert(
        fc.property(
          fc.tuple(
            fc.constantFrom(">".repeat(30), "- ".repeat(30), "*_".repeat(1100)),
            markdownish,
          ),
          ([deep, text]) => {
            const html = renderMarkdown(`${deep} ${text}`);
            expect(
              [...html.matchAll(/<\/?([a-z0-9]+)/g)].every((m) => m[1] === "p" || m[1] === "br"),
            ).toBe(true);
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
