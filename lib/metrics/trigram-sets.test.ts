import { describe, expect, it } from "vitest";
import { rankTrigrams, TrigramIndex, trigramSimilarity } from "./trigram-sets";

// What pg_trgm's show_trgm answers for lower-case ASCII words ("  w", " wo", …, "rd ").
const trigrams = (text: string) => [
  ...new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
      .flatMap((w) => {
        const padded = `  ${w} `;
        return Array.from({ length: padded.length - 2 }, (_, i) => padded.slice(i, i + 3));
      }),
  ),
];

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

describe("TrigramIndex.best", () => {
  // A seeded generator, so a failure can be replayed.
  let state = 42;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

  it("finds exactly what comparing with every added set finds (prefix filtering misses nothing)", () => {
    for (let round = 0; round < 40; round++) {
      const threshold = [0.2, 0.35, 0.5, 0.7, 0.9][round % 5]!;
      const raw = Array.from({ length: 60 }, () =>
        Array.from({ length: 3 + Math.floor(random() * 25) }, () =>
          String(Math.floor(random() * random() * 40)),
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
