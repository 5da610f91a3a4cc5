// Markdown → safe HTML for narrative fields. Authors write Markdown; readers (team members,
// stakeholders through an emailed link) see HTML, so the output is sanitized with an
// allowlist: anything not listed (script, style, iframes, event handlers, inline styles,
// javascript:/data: URLs) is dropped.
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, breaks: false, async: false });

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
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
  },
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "embed"],
};
// The rel attribute is added by the transform, so it must survive the attribute filter.
(sanitizeOptions.allowedAttributes as Record<string, string[]>).a.push("rel");

/** Renders untrusted Markdown to HTML that is safe to inject with dangerouslySetInnerHTML. */
export function renderMarkdown(markdown: string): string {
  if (!markdown.trim()) return "";
  const html = marked.parse(markdown) as string;
  return sanitizeHtml(html, sanitizeOptions).trim();
}

/** Plain text of a Markdown field, for diffs, search and previews. */
export function markdownToText(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown) as string, { allowedTags: [], allowedAttributes: {} })
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
