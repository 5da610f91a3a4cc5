// Bounds on what Markdown may cost to render (pure, linear scans; no parsing).
//
// The Markdown parser recurses once per nested container (quote, list), so a few thousand
// `>` overflow the stack; and its emphasis matching is quadratic in the number of `*`, `_`,
// `~` delimiters within one paragraph (6,600 of them in one paragraph cost ~7 s of CPU).
// Forms refuse text beyond these limits with a field message (markdownSchema); the
// renderer checks the same limits and shows such text as plain text, so anything stored
// before the limits existed still renders, quickly.

/** Deepest nesting of quotes and lists we accept; real reports use 3 or 4. */
export const MAX_MARKDOWN_DEPTH = 20;
/**
 * Emphasis work budget: the sum over paragraphs of (delimiters in the paragraph)², e.g. one
 * paragraph with 223 delimiters (about 110 bold phrases) or 20 paragraphs with 50 each. With the
 * total below, the costliest text within both limits rendered in under 60 ms here.
 */
export const MAX_EMPHASIS_WORK = 50_000;
/** Delimiters in the whole field (outside fenced code): bounds the linear part of the cost. */
export const MAX_EMPHASIS_DELIMITERS = 2_000;

export const MARKDOWN_DEPTH_MESSAGE = `Quotes and lists can nest at most ${MAX_MARKDOWN_DEPTH} levels.`;
export const MARKDOWN_EMPHASIS_MESSAGE = `This text has too many *, _ or ~ characters to format (at most ${MAX_EMPHASIS_DELIMITERS.toLocaleString("en")}, fewer in one paragraph). Split long paragraphs, and put code and logs in \`\`\` fences.`;

// A backtick fence's info string cannot contain a backtick (else the line is ordinary text).
const FENCE = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/;
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;
// Lines that always start a new inline run: a bullet item with content, or an ordered item
// numbered 1 (other numbers may continue a paragraph). Table rows are not split: counting a
// whole table as one run over-counts, which is the safe direction.
const ITEM_START = /^ {0,3}(?:[-*+]|1[.)])[ \t]+\S/;

/**
 * Container depth of one line: every `>` and list marker in its prefix, plus the whitespace
 * before its markers in steps of two (nested lists are made by indenting). An upper bound of
 * what the parser builds, so refusing above the limit never lets a deeper document through.
 */
export function lineDepth(line: string): number {
  let i = 0;
  let markers = 0;
  let space = 0;
  let pending = 0;
  for (;;) {
    while (i < line.length && (line[i] === " " || line[i] === "\t")) {
      pending += line[i] === "\t" ? 4 : 1;
      i++;
    }
    let len = 0;
    if (line[i] === ">") len = 1;
    else len = LIST_MARKER.exec(line.slice(i, i + 12))?.[0].length ?? 0;
    if (!len) break;
    markers++;
    space += pending;
    pending = 0;
    i += len;
  }
  return markers === 0 ? 0 : markers + Math.floor(space / 2);
}

export interface MarkdownCost {
  depth: number;
  emphasisWork: number;
  delimiters: number;
}

/** Linear in the text's length. Fenced code is not counted: it is not parsed for emphasis. */
export function markdownCost(text: string): MarkdownCost {
  let depth = 0;
  let work = 0;
  let delimiters = 0;
  let total = 0;
  let fence: string | null = null;
  const flush = () => {
    work += delimiters * delimiters;
    total += delimiters;
    delimiters = 0;
  };
  for (const line of text.split("\n")) {
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = null;
      continue;
    }
    if (f) {
      flush();
      fence = f[1];
      continue;
    }
    depth = Math.max(depth, lineDepth(line));
    // A blank line ends a paragraph; a list item starts its own inline run.
    if (!line.trim() || ITEM_START.test(line)) flush();
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 42 /* * */ || c === 95 /* _ */ || c === 126 /* ~ */) delimiters++;
    }
  }
  flush();
  return { depth, emphasisWork: work, delimiters: total };
}

/** The field message for Markdown we will not render as Markdown, or null when it is fine. */
export function markdownProblem(text: string): string | null {
  const cost = markdownCost(text);
  if (cost.depth > MAX_MARKDOWN_DEPTH) return MARKDOWN_DEPTH_MESSAGE;
  if (cost.emphasisWork > MAX_EMPHASIS_WORK || cost.delimiters > MAX_EMPHASIS_DELIMITERS)
    return MARKDOWN_EMPHASIS_MESSAGE;
  return null;
}
