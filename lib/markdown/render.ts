// Markdown → safe HTML for narrative fields. Authors write Markdown; readers (team members,
// stakeholders through an emailed link) see HTML, so the output is sanitized with an
// allowlist: anything not listed (script, style, iframes, event handlers, inline styles,
// javascript:/data: URLs) is dropped.
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";
import { markdownProblem } from "./limits";
import { escapeHtml } from "@/lib/html/escape";

const marked = new Marked({ gfm: true, breaks: false, async: false });

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
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
  ],
  allowedAttributes: { a: ["href", "title"], ol: ["start"], th: ["align"], td: ["align"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Headings inside a section must not compete with the report's own h1/h2 structure.
  transformTags: {
    h1: "h3",
    h2: "h4",
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }),
    // Images from elsewhere are never loaded by a reader's browser (a tracking pixel, an
    // internal dashboard that leaks the reader's address, a picture that changes after
    // publishing): each becomes a link to it, labelled with its alt text, so nothing is lost.
    img: (_tag, attribs) => ({
      tagName: "a",
      attribs: {
        ...(attribs.src ? { href: attribs.src } : {}),
        rel: "noopener noreferrer nofollow",
      },
      text: `Image: ${attribs.alt?.trim() || attribs.title?.trim() || attribs.src || "no description"}`,
    }),
  },
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "embed"],
};
// The rel attribute is added by the transform, so it must survive the attribute filter.
(sanitizeOptions.allowedAttributes as Record<string, string[]>).a.push("rel");

/** The text as escaped paragraphs: what a reader sees when Markdown is too costly to format. */
export function plainTextHtml(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, "<br />")}</p>`)
    .join("\n");
}

/** Markdown → unsanitized HTML, or null when the text is beyond the limits or the parser fails. */
function parseBounded(markdown: string): string | null {
  // Text saved before the limits existed (or a parser bug) must still render, never 500.
  if (markdownProblem(markdown)) return null;
  try {
    return marked.parse(markdown) as string;
  } catch {
    return null;
  }
}

/**
 * Renders untrusted Markdown to HTML that is safe to inject with dangerouslySetInnerHTML.
 * Never throws; text beyond the nesting and cost limits (lib/markdown/limits.ts) is shown as
 * escaped plain text.
 */
export function renderMarkdown(markdown: string): string {
  if (!markdown.trim()) return "";
  const html = parseBounded(markdown);
  if (html === null) return plainTextHtml(markdown);
  return sanitizeHtml(html, sanitizeOptions).trim();
}

/** Plain text of a Markdown field, for diffs, search and previews. */
export function markdownToText(markdown: string): string {
  const html = parseBounded(markdown);
  if (html === null) return markdown.trim();
  // An image keeps its alt text and address in plain text too ("Image: p99 latency (url)").
  const withImages = html.replace(/<img\b[^>]*>/gi, (tag) => {
    const attr = (name: string) =>
      new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag)?.[1]?.trim() ?? "";
    const alt = attr("alt") || attr("title");
    const src = attr("src");
    return `Image: ${alt || "no description"}${src ? ` (${src})` : ""}`;
  });
  return sanitizeHtml(withImages, { allowedTags: [], allowedAttributes: {} })
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
