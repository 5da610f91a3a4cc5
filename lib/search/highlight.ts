// Highlighted snippets without HTML: ts_headline marks matched words with two private-use
// characters (never HTML tags), and the page splits on them and renders <mark> elements
// itself, so text from incidents is always rendered as text.
export const HIGHLIGHT_START = "\uE000";
export const HIGHLIGHT_STOP = "\uE001";

/** ts_headline options: the markers, and up to two fragments of the matched text. */
export const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** Splits a marked snippet into plain and highlighted parts; stray markers are dropped. */
export function splitHighlights(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let hit = false;
  let text = "";
  const flush = () => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.hit === hit) last.text += text;
    else parts.push({ text, hit });
    text = "";
  };
  for (const ch of snippet) {
    if (ch === HIGHLIGHT_START || ch === HIGHLIGHT_STOP) {
      flush();
      hit = ch === HIGHLIGHT_START;
    } else text += ch;
  }
  flush();
  return parts;
}
