// pg_trgm similarity between trigram sets (pure), and an index that finds, among the sets added
// so far, the most similar one at or above a threshold without comparing with each.
//
// A trigram is pg_trgm's 3 bytes as one number (0xXXYYZZ): what `show_trgm` shows as 3
// printable characters, or as "0x…" when it hashed a trigram of multibyte characters. Sets are
// the very sets `similarity()` compares: for ASCII text this module derives them itself (words
// are runs of letters and digits, lower-cased, padded with two blanks before and one after:
// what pg_trgm does with every ASCII character in the usual locales, and what the dashboard
// checks against the database once per process, lib/metrics/dashboard-data.ts); text with other
// characters keeps the database's set (its locale decides what a letter is, and it hashes). Only
// set arithmetic happens here: similarity = |A ∩ B| / |A ∪ B|, rounded to float4 as pg_trgm
// does, compared with `>=` as the `%` operator does.
//
// The index uses prefix filtering (the "all-pairs" set-similarity join, Bayardo et al., WWW
// 2007), which is exact: order every set's trigrams from the rarest up. Two sets with similarity
// ≥ t share at least ⌈t·|A|⌉ and ⌈t·|B|⌉ trigrams, so the first |A| − ⌈t·|A|⌉ + 1 trigrams of A
// and the first |B| − ⌈t·|B|⌉ + 1 of B have one in common: only sets met through those are
// compared in full, and rare trigrams make short lists.

/** Letters and digits of ASCII: what pg_trgm keeps of a word. */
const isWordChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const BLANK = 32;
const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

/**
 * pg_trgm's trigrams of an ASCII text as codes: each run of letters and digits, lower-cased and
 * padded "  word ", gives its consecutive trigrams. In the text's order and, where a word repeats,
 * repeated: as a set (what rankTrigrams makes of it) this is what `show_trgm` answers; leaving
 * the duplicates to rankTrigrams saves a set per statement.
 */
export function asciiTrigrams(text: string): number[] {
  const out: number[] = [];
  let a = BLANK;
  let b = BLANK;
  let inWord = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : BLANK;
    if (c > 127) throw new Error("asciiTrigrams: the text is not ASCII");
    if (isWordChar(c)) {
      const l = lower(c);
      out.push((a << 16) | (b << 8) | l);
      a = b;
      b = l;
      inWord = true;
    } else if (inWord) {
      out.push((a << 16) | (b << 8) | BLANK);
      a = b = BLANK;
      inWord = false;
    }
  }
  return out;
}

/**
 * A text in which every ASCII character (but NUL) sits between two letters in a context of its
 * own ("xax", "qAq", "x-x", …): `show_trgm` of it equals asciiTrigrams of it exactly when the
 * database splits words and lower-cases every ASCII character as asciiTrigrams does (a Turkish
 * locale, where "I" lower-cases to "ı", does not).
 */
export const ASCII_PROBE = Array.from({ length: 127 }, (_, k) => {
  const c = String.fromCharCode(k + 1);
  return /[A-Z]/.test(c) ? `q${c}q` : `x${c}x`;
}).join(" ");

/** Whether the database's trigrams of ASCII_PROBE (as `show_trgm` shows them) are asciiTrigrams'. */
export function asciiTrigramsAgree(shown: readonly string[]): boolean {
  const mine = new Set(asciiTrigrams(ASCII_PROBE));
  const theirs = new Set(shown.map(trigramCode));
  return mine.size === theirs.size && [...mine].every((g) => theirs.has(g));
}

/** One trigram as `show_trgm` shows it ("ab ", or "0x1f2e3d" for a hashed one) → its code. */
export function trigramCode(shown: string): number {
  if (shown.length === 3)
    return (shown.charCodeAt(0) << 16) | (shown.charCodeAt(1) << 8) | shown.charCodeAt(2);
  if (/^0x[0-9a-f]{6}$/.test(shown)) return parseInt(shown.slice(2), 16);
  throw new Error(`trigramCode: not a trigram: ${JSON.stringify(shown)}`);
}

/** float4 rounding can lift a ratio just below t up to t: require a hair less overlap. */
const SLACK = 1 - 1e-6;

/**
 * Sets as sorted ranks in one order, rarest trigram of the batch first; a repeated trigram
 * counts once. Typed arrays and no per-set sort: this runs over every root cause of the period.
 */
export function rankTrigrams(sets: readonly (readonly number[])[]): Int32Array[] {
  const ids = new Map<number, number>();
  const freq: number[] = [];
  /** Per trigram id, the last set it was counted in. */
  const lastSet: number[] = [];
  const sizes = new Int32Array(sets.length);
  let total = 0;
  for (const set of sets) total += set.length;
  /** Per element of every set in turn, its trigram id, or -1 for a repeat within its set. */
  const flat = new Int32Array(total);
  let k = 0;
  sets.forEach((set, s) => {
    for (const g of set) {
      let id = ids.get(g);
      if (id === undefined) {
        id = freq.length;
        ids.set(g, id);
        freq.push(0);
        lastSet.push(-1);
      }
      if (lastSet[id] === s) flat[k++] = -1;
      else {
        lastSet[id] = s;
        freq[id]!++;
        sizes[s]!++;
        flat[k++] = id;
      }
    }
  });
  // The sets holding each trigram, trigram after trigram (a counting sort by id).
  const start = new Int32Array(freq.length + 1);
  for (let id = 0; id < freq.length; id++) start[id + 1] = start[id]! + freq[id]!;
  const next = start.slice(0, freq.length);
  const holders = new Int32Array(start[freq.length]!);
  k = 0;
  sets.forEach((set, s) => {
    for (let j = 0; j < set.length; j++, k++) if (flat[k]! >= 0) holders[next[flat[k]!]!++] = s;
  });
  const byRarity = freq.map((_, id) => id).sort((x, y) => freq[x]! - freq[y]! || x - y);
  // Handing out ranks in ascending order fills every set already sorted.
  const out: Int32Array[] = [];
  for (let s = 0; s < sets.length; s++) out.push(new Int32Array(sizes[s]!));
  const filled = new Int32Array(sets.length);
  byRarity.forEach((id, rank) => {
    for (let j = start[id]!; j < start[id + 1]!; j++) {
      const s = holders[j]!;
      out[s]![filled[s]!++] = rank;
    }
  });
  return out;
}

/** pg_trgm's similarity of two ranked sets (0 when either is empty, as pg_trgm answers). */
export function trigramSimilarity(xs: Int32Array, ys: Int32Array): number {
  if (xs.length === 0 || ys.length === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < xs.length && j < ys.length) {
    if (xs[i] === ys[j]) {
      shared++;
      i++;
      j++;
    } else if (xs[i]! < ys[j]!) i++;
    else j++;
  }
  return Math.fround(shared / (xs.length + ys.length - shared));
}

const prefixLength = (size: number, t: number) => size - Math.ceil(t * SLACK * size) + 1;

/** The least overlap two sets of these sizes share at similarity `t` (float4 slack included). */
const minOverlap = (x: number, y: number, t: number) => ((t * SLACK) / (1 + t)) * (x + y);

/** Sets added one by one; `best` answers the most similar added set at or above the threshold. */
export class TrigramIndex {
  /**
   * Per trigram rank, the added sets whose prefix holds it, two numbers each: the set and the
   * trigram's position in it.
   */
  private readonly postings: number[][] = [];
  private readonly sets: Int32Array[] = [];
  private readonly seen: number[] = [];
  private probes = 0;
  /** Per trigram rank, 1 while it belongs to the set being probed (counts overlaps without a merge). */
  private mask = new Uint8Array(1024);

  constructor(private readonly threshold: number) {}

  /** Adds a set; answers its number (0, 1, …). An empty set is kept but never matches. */
  add(set: Int32Array): number {
    const n = this.sets.length;
    this.sets.push(set);
    this.seen.push(-1);
    if (set.length === 0) return n;
    this.fit(set);
    for (let k = 0; k < prefixLength(set.length, this.threshold); k++) {
      (this.postings[set[k]!] ??= []).push(n, k);
    }
    return n;
  }

  /**
   * The added set most similar to `set` (ties: the one added first), unless `skip` refuses it.
   * Exact, with the filters of PPJoin (Xiao et al., WWW 2008): once a match is found the bar
   * rises to its similarity (a shorter prefix of `set` suffices, more sets fail the length
   * filter), and a set met first at position i of `set` and j of its own shares at most
   * 1 + min(|set| − i − 1, |other| − j − 1) trigrams (none before: the orders are the same).
   */
  best(set: Int32Array, skip: (n: number) => boolean = () => false) {
    if (set.length === 0) return null;
    const probe = this.probes++;
    const size = set.length;
    const mask = this.markSet(set, 1);
    let bar = this.threshold;
    let found: { n: number; similarity: number } | null = null;
    for (let i = 0; i < prefixLength(size, bar); i++) {
      const list = this.postings[set[i]!];
      if (!list) continue;
      for (let p = 0; p < list.length; p += 2) {
        const n = list[p]!;
        if (this.seen[n] === probe) continue;
        this.seen[n] = probe;
        const other = this.sets[n]!;
        // Length filter: a set shorter than bar·|set| (or longer than |set|/bar) cannot reach it.
        if (other.length < bar * SLACK * size || size < bar * SLACK * other.length) continue;
        const need = minOverlap(size, other.length, bar);
        const from = list[p + 1]!;
        if (1 + Math.min(size - i - 1, other.length - from - 1) < need) continue;
        if (skip(n)) continue;
        // Counting starts at the shared trigram met: nothing before it is shared (see above).
        let shared = 0;
        let j = from;
        for (; j < other.length && shared + other.length - j >= need; j++)
          shared += mask[other[j]!]!;
        if (j < other.length || shared < need) continue;
        const similarity = Math.fround(shared / (size + other.length - shared));
        if (
          similarity >= bar &&
          (!found ||
            similarity > found.similarity ||
            (similarity === found.similarity && n < found.n))
        ) {
          found = { n, similarity };
          bar = similarity;
        }
      }
    }
    this.markSet(set, 0);
    return found;
  }

  /** Room in the mask for every rank of a (sorted) set. */
  private fit(set: Int32Array) {
    const top = set[set.length - 1]!;
    if (top < this.mask.length) return;
    const grown = new Uint8Array(Math.max(top + 1, this.mask.length * 2));
    grown.set(this.mask);
    this.mask = grown;
  }

  private markSet(set: Int32Array, value: 0 | 1): Uint8Array {
    this.fit(set);
    for (let k = 0; k < set.length; k++) this.mask[set[k]!] = value;
    return this.mask;
  }
}
