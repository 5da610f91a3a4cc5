// Text width estimates for the cause diagram. The published report is rendered on the server,
// where no browser can measure text, so boxes are sized from Arial's advance widths (the
// diagram's first font; Liberation Sans and Helvetica share its metrics). Unknown letters count
// as wide, so an estimate errs towards a line too short rather than text spilling out of a box.

// Advance widths of ASCII 32..126 in thousandths of an em (Arial regular).
const ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
  556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
  611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
  667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
  222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/** Bold Arial is about 7% wider than regular for running text. */
const BOLD = 1.07;

function charEm(code: number): number {
  if (code >= 32 && code <= 126) return ASCII[code - 32] / 1000;
  // Hangul, CJK, full-width forms and emoji take a full em (or more); other scripts are
  // estimated at a wide Latin letter.
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    code >= 0x1f000
  )
    return 1.05;
  return 0.72;
}

/** Estimated width in px of `text` at `fontSize` px. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charEm(ch.codePointAt(0)!);
  return em * fontSize * (bold ? BOLD : 1);
}

/**
 * Greedy word wrap to lines no wider than `maxWidth` px (estimated); a word wider than a line
 * is cut between characters. Runs of white space (newlines included) read as one space. The
 * lines concatenated give the input back (with its white space collapsed): nothing is shortened.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const width = (s: string) => textWidth(s, fontSize, bold);
  const lines: string[] = [];
  let current = "";
  for (const word of text.replace(/\s+/g, " ").trim().split(" ")) {
    if (!word) continue;
    const joined = current ? `${current} ${word}` : word;
    if (width(joined) <= maxWidth) {
      current = joined;
      continue;
    }
    // A line that ends at a space keeps it, so the lines joined read as the original text
    // (text search, copy and paste, assistive technology reading the SVG's text).
    if (current) lines.push(`${current} `);
    current = "";
    // Too long for a line of its own (a URL, a stack frame): cut it into line-sized pieces.
    let piece = "";
    for (const ch of word) {
      if (piece && width(piece + ch) > maxWidth) {
        lines.push(piece);
        piece = "";
      }
      piece += ch;
    }
    current = piece;
  }
  if (current) lines.push(current);
  return lines;
}
