/**
 * The one HTML escaper, for text and attribute values alike: emails, the published report's
 * static markup, the dev mailbox and Markdown's plain fallback. Its output matches React's
 * (`'` as `&#x27;`), so markup written by hand and markup rendered by React compare equal.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
};
