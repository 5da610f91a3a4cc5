import { describe, expect, it } from "vitest";
import {
  ASCII_PROBE,
  asciiTrigrams,
  asciiTrigramsAgree,
  rankTrigrams,
  TrigramIndex,
  trigramCode,
  trigramSimilarity,
} from "./trigram-sets";

const trigrams = asciiTrigrams;
const shown = (codes: number[]) =>
  [...new Set(codes)].map((c) => String.fromCharCode(c >> 16, (c >> 8) & 0xff, c & 0xff)).sort();

describe("asciiTrigrams", () => {
  it("answers what show_trgm answers for ASCII text", () => {
    // SELECT show_trgm('O''Brien DNS-resolver v2.1'), PostgreSQL 18 (C.UTF-8), verbatim.
    expect(shown(asciiTrigrams("O'Brien DNS-resolver v2.1"))).toEqual(
      [
        ...["  1", "  b", "  d", "  o", "  r", "  v", " 1 ", " br", " dn", " o ", " re", " v2"],
        ...["bri", "dns", "en ", "er ", "eso", "ien", "lve", "ns ", "olv", "res", "rie", "sol"],
        ...["v2 ", "ver"],
      ].sort(),
    );
    // A repeated word repeats its trigrams (rankTrigrams counts them once); underscores and tabs
    // split words; nothing but separators has none.
    expect(asciiTrigrams("ab AB")).toHaveLength(6);
    expect(rankTrigrams([asciiTrigrams("ab AB")])[0]).toHaveLength(3);
    expect(shown(asciiTrigrams("ab AB\tx_x"))).toEqual(["  a", " ab", "ab ", "  x", " x "].sort());
    expect(asciiTrigrams(" -- ")).toEqual([]);
    expect(() => asciiTrigrams("café")).toThrow(/not ASCII/);
  });

  it("reads show_trgm's spelling of a trigram, printable or hashed, as the same code", () => {
    expect(trigramCode("ab ")).toBe(asciiTrigrams("ab")[2]);
    expect(trigramCode("0xc96a06")).toBe(0xc96a06);
    expect(() => trigramCode("0xzz")).toThrow(/not a trigram/);
  });

  it("checks a database's trigrams of the probe: every ASCII character in a context of its own", () => {
    const mine = shown(asciiTrigrams(ASCII_PROBE));
    expect(asciiTrigramsAgree(mine)).toBe(true);
    // "qAq" and "xax" each give their own trigram: a database that did not lower-case "A", or
    // took "_" for a letter (trigram "x_x"), or lost one, disagrees.
    expect(mine).toEqual(expect.arrayContaining(["qaq", "xax", "x1x"]));
    expect(asciiTrigramsAgree(mine.map((g) => (g === "qaq" ? "qAq" : g)))).toBe(false);
    expect(asciiTrigramsAgree([...mine, "x_x"])).toBe(false);
    expect(asciiTrigramsAgree(mine.filter((g) => g !== "x1x"))).toBe(false);
  });
});

describe("trigramSimilarity", () => {
  it("is pg_trgm's similarity, float4 like the database answers", () => {
    // SELECT similarity('word', 'words') → 0.5714286 (4 shared of 7 trigrams).
    const [word, words, other] = rankTrigrams([
      trigrams("word"),
      trigrams("words"),
      trigrams("zzz"),
    ]);
    expect(trigramSimilarity(word!, words!)).toBe(Math.fround(4 / 7));
    expect(trigramSimilarity(word!, other!)).toBe(0);
    expect(trigramSimilarity(word!, new Int32Array())).toBe(0);
  });
});

describe("rankTrigrams", () => {
  it("ranks every trigram of the batch once, rarest first, ties in order of first sight", () => {
    // 3,000 distinct 24-bit codes, many alike in their low or high bits, in 400 sets with
    // repeats within a set.
    const codes = Array.from({ length: 3000 }, (_, k) =>
      k % 3 === 0 ? k << 12 : k % 3 === 1 ? k : 0xffffff - k * 4096,
    );
    let state = 7;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const raw = Array.from({ length: 400 }, () =>
      Array.from({ length: 1 + Math.floor(random() * 40) }, () => {
        const i = Math.floor(random() * random() * codes.length);
        return codes[i]!;
      }),
    );
    const sets = rankTrigrams(raw);
    // The reference: distinct codes per set, counted over the batch, ordered by count then by
    // first sight; each set is its codes' ranks, ascending.
    const firstSeen = new Map<number, number>();
    const freq = new Map<number, number>();
    for (const set of raw)
      for (const c of new Set(set)) {
        if (!firstSeen.has(c)) firstSeen.set(c, firstSeen.size);
        freq.set(c, (freq.get(c) ?? 0) + 1);
      }
    const order = [...firstSeen.keys()].sort(
      (x, y) => freq.get(x)! - freq.get(y)! || firstSeen.get(x)! - firstSeen.get(y)!,
    );
    const rank = new Map(order.map((c, r) => [c, r]));
    raw.forEach((set, s) =>
      expect([...sets[s]!]).toEqual(
        [...new Set(set)].map((c) => rank.get(c)!).sort((a, b) => a - b),
      ),
    );
  });
});

describe("TrigramIndex.best", () => {
  // A seeded generator, so a failure can be replayed.
  let state = 42;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

  it("finds exactly what comparing with every added set finds (prefix filtering misses nothing)", () => {
    for (let round = 0; round < 40; round++) {
      const threshold = [0.2, 0.35, 0.5, 0.7, 0.9][round % 5]!;
      const raw = Array.from({ length: 60 }, () =>
        Array.from({ length: 3 + Math.floor(random() * 25) }, () =>
          Math.floor(random() * random() * 40),
        ),
      );
      const sets = rankTrigrams(raw);
      const index = new TrigramIndex(threshold);
      const added: Int32Array[] = [];
      for (const set of sets) {
        let expected: { n: number; similarity: number } | null = null;
        added.forEach((other, n) => {
          const similarity = trigramSimilarity(set, other);
          if (similarity >= threshold && (!expected || similarity > expected.similarity))
            expected = { n, similarity };
        });
        expect(index.best(set)).toEqual(expected);
        // Half the sets are added, so later ones meet both matches and misses.
        if (random() < 0.5) added[index.add(set)] = set;
      }
    }
  });

  it("leaves out what skip refuses, and an empty set matches nothing", () => {
    const [a, b, c] = rankTrigrams([
      trigrams("the pool"),
      trigrams("the pool"),
      trigrams("the pools"),
    ]);
    const index = new TrigramIndex(0.5);
    index.add(a!);
    index.add(c!);
    expect(index.best(b!)).toEqual({ n: 0, similarity: 1 });
    expect(index.best(b!, (n) => n === 0)).toMatchObject({ n: 1 });
    expect(index.best(new Int32Array())).toBeNull();
  });
});
