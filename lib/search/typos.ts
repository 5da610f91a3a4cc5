// Typos and partial words in search (pure, no I/O). Every word a team writes into what search
// reads is kept in its vocabulary ("SearchWord", kept by triggers). A query word the team never
// wrote is replaced by the shortest word of the vocabulary it begins (a partial word: "paym" →
// "payment") or else by the nearest one (pg_trgm similarity ≥ TYPO_THRESHOLD: "timeuts" →
// "timeouts"); the corrected query then runs through the same full-text path as the words,
// ranked below every exact match. Its cost is a probe of the team's vocabulary (a few thousand
// words), not a trigram recheck of every title: lib/search/sql.ts, docs/decisions.md.

/** pg_trgm similarity a word needs to stand in for a misspelt one ("databsae" → "database": 0.42). */
export const TYPO_THRESHOLD = 0.4;

/** How the vocabulary keeps a word: letters only, 3 to 40 of them (hindsight_words in SQL). */
const CORRECTABLE = /^\p{L}{3,40}$/u;
/** A query's words as websearch_to_tsquery reads them: runs of letters and digits. */
const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a query the vocabulary can correct, lower case, each once, in order. */
export function correctableWords(q: string): string[] {
  const words = new Set<string>();
  for (const [w] of q.matchAll(WORD)) {
    const word = w.toLowerCase();
    if (CORRECTABLE.test(word) && word !== "or") words.add(word);
  }
  return [...words];
}

/** What the team's vocabulary says about one query word (lib/search/sql.ts vocabularySql). */
export interface VocabularyMatch {
  word: string;
  /** The team wrote this very word. */
  known: boolean;
  /** The shortest word of the team's that begins with it (alphabetical among equals). */
  prefix: string | null;
  /** The team's word nearest to it, and how similar (0..1). */
  nearest: string | null;
  similarity: number | null;
}

/** The replacement of each query word the team never wrote, when one is close enough. */
export function corrections(matches: readonly VocabularyMatch[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of matches) {
    if (m.known) continue;
    if (m.prefix) out.set(m.word, m.prefix);
    else if (m.nearest && (m.similarity ?? 0) >= TYPO_THRESHOLD) out.set(m.word, m.nearest);
  }
  return out;
}

/**
 * The query with each corrected word replaced where it stands (quotes, -word and `or` keep
 * their meaning), or null when no word changed.
 */
export function correctQuery(q: string, replace: ReadonlyMap<string, string>): string | null {
  if (!replace.size) return null;
  let changed = false;
  const out = q.replace(WORD, (w) => {
    const to = replace.get(w.toLowerCase());
    if (!to) return w;
    changed = true;
    return to;
  });
  return changed ? out : null;
}
