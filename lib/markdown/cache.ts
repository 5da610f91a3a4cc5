// Markdown is rendered once per saved text: the same narrative is shown on every draft view
// and in every preview, and parsing plus sanitizing is the costly part. Published reports do
// not need this (their HTML is stored at publish); drafts and comments do.
import { renderMarkdown } from "./render";

const MAX_ENTRIES = 500;
const MAX_SOURCE = 64 * 1024;
const rendered = new Map<string, string>();

/** renderMarkdown, remembered for the last 500 texts (least recently used goes first). */
export function renderMarkdownCached(markdown: string): string {
  if (markdown.length > MAX_SOURCE) return renderMarkdown(markdown);
  const hit = rendered.get(markdown);
  if (hit !== undefined) {
    rendered.delete(markdown);
    rendered.set(markdown, hit);
    return hit;
  }
  const html = renderMarkdown(markdown);
  rendered.set(markdown, html);
  if (rendered.size > MAX_ENTRIES) rendered.delete(rendered.keys().next().value!);
  return html;
}
