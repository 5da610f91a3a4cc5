// pg_trgm similarity between trigram sets (pure), and an index that finds, among the sets added
// so far, the most similar one at or above a threshold without comparing with each.
//
// The sets come from PostgreSQL (`show_trgm`, the very sets `similarity()` compares, with its
// locale's word rules and the hashed trigrams of non-ASCII text), so only set arithmetic
// happens here: similarity = |A ∩ B| / |A ∪ B|, rounded to float4 as pg_trgm does, compared
// with `>=` as the `%` operator does.
//
// The index uses prefix filtering (the "all-pairs" set-similarity join, Bayardo et al., WWW
// 2007), which is exact: order every set's trigrams from the rarest up. Two sets with similarity
// ≥ t share at least ⌈t·|A|⌉ and ⌈t·|B|⌉ trigrams, so the first |A| − ⌈t·|A|⌉ + 1 trigrams of A
// and the first |B| − ⌈t·|B|⌉ + 1 of B have one in common: only sets met through those are
// compared in full, and rare trigrams make short lists.

/** float4 rounding can lift a ratio just below t up to t: require a hair less overlap. */
const SLACK = 1 - 1e-6;

/** Sets as sorted ranks in one order, rarest trigram of the batch first. */
export function rankTrigrams(sets: readonly (readonly string[])[]): Int32Array[] {
  const ids = new Map<string, number>();
  const freq: number[] = [];
  const tokens = sets.map((set) => {
    const out = new Set<number>();
    for (const g of set) {
      let id = ids.get(g);
      if (id === undefined) {
        id = freq.length;
        ids.set(g, id);
        freq.push(0);
      }
      if (!out.has(id)) {
        out.add(id);
        freq[id]!++;
      }
    }
    return out;
  });
  const byRarity = freq.map((_, i) => i).sort((x, y) => freq[x]! - freq[y]! || x - y);
  const rank = new Int32Array(freq.length);
  byRarity.forEach((id, r) => (rank[id] = r));
  return tokens.map((t) => Int32Array.from(t, (id) => rank[id]!).sort());
}

/** pg_trgm's similarity of two ranked sets (0 when either is empty, as pg_trgm answers). */
export function trigramSimilarity(xs: Int32Array, ys: Int32Array): number {
  return similarityAtLeast(xs, ys, 0);
}

/**
 * The similarity when it can reach `t`, else 0: the merge stops as soon as the trigrams left
 * cannot bring the overlap to t·(|A| + |B|) / (1 + t), the least a similarity of t needs.
 */
function similarityAtLeast(xs: Int32Array, ys: Int32Array, t: number): number {
  if (xs.length === 0 || ys.length === 0) return 0;
  const need = ((t * SLACK) / (1 + t)) * (xs.length + ys.length);
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < xs.length && j < ys.length) {
    if (shared + Math.min(xs.length - i, ys.length - j) < need) return 0;
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

/** Sets added one by one; `best` answers the most similar added set at or above the threshold. */
export class TrigramIndex {
  /** Per trigram rank, the added sets whose prefix holds it. */
  private readonly postings: number[][] = [];
  private readonly sets: Int32Array[] = [];
  private readonly seen: number[] = [];
  private probes = 0;

  constructor(private readonly threshold: number) {}

  /** Adds a set; answers its number (0, 1, …). An empty set is kept but never matches. */
  add(set: Int32Array): number {
    const n = this.sets.length;
    this.sets.push(set);
    this.seen.push(-1);
    if (set.length === 0) return n;
    for (let k = 0; k < prefixLength(set.length, this.threshold); k++) {
      (this.postings[set[k]!] ??= []).push(n);
    }
    return n;
  }

  /** The added set most similar to `set` (ties: the one added first), unless `skip` refuses it. */
  best(set: Int32Array, skip: (n: number) => boolean = () => false) {
    if (set.length === 0) return null;
    const probe = this.probes++;
    const t = this.threshold;
    let found: { n: number; similarity: number } | null = null;
    for (let k = 0; k < prefixLength(set.length, t); k++) {
      const list = this.postings[set[k]!];
      if (!list) continue;
      for (const n of list) {
        if (this.seen[n] === probe) continue;
        this.seen[n] = probe;
        const other = this.sets[n]!;
        // Length filter: a set shorter than t·|set| (or longer than |set|/t) cannot reach t.
        if (other.length < t * SLACK * set.length || set.length < t * SLACK * other.length)
          continue;
        if (skip(n)) continue;
        const similarity = similarityAtLeast(set, other, found ? found.similarity : t);
        if (
          similarity >= t &&
          (!found ||
            similarity > found.similarity ||
            (similarity === found.similarity && n < found.n))
        )
          found = { n, similarity };
      }
    }
    return found;
  }
}
