import { describe, expect, it } from "vitest";
import {
  correctableWords,
  correctQuery,
  corrections,
  TYPO_THRESHOLD,
  type VocabularyMatch,
} from "./typos";

const match = (over: Partial<VocabularyMatch> & { word: string }): VocabularyMatch => ({
  known: false,
  prefix: null,
  nearest: null,
  similarity: null,
  ...over,
});

describe("correctableWords", () => {
  it("takes the query's words of 3 to 40 letters, lower case, once each, never `or`", () => {
    expect(correctableWords('"Paymnt timeuts" -staging OR db or p99 paymnt x7 ab')).toEqual([
      "paymnt",
      "timeuts",
      "staging",
    ]);
    expect(correctableWords("Überlast naïve")).toEqual(["überlast", "naïve"]);
    expect(correctableWords(`${"a".repeat(41)} ok`)).toEqual([]);
    expect(correctableWords("")).toEqual([]);
  });
});

describe("corrections", () => {
  it("leaves the team's own words, prefers the shortest word a partial one begins, else the nearest close enough", () => {
    const out = corrections([
      match({
        word: "checkout",
        known: true,
        prefix: "checkout",
        nearest: "checkout",
        similarity: 1,
      }),
      match({ word: "paym", prefix: "payment", nearest: "pay", similarity: 0.5 }),
      match({ word: "timeuts", nearest: "timeouts", similarity: 0.545 }),
      match({ word: "databsae", nearest: "database", similarity: TYPO_THRESHOLD }),
      match({ word: "tst", nearest: "test", similarity: 0.29 }),
      match({ word: "zxqv" }),
    ]);
    expect([...out]).toEqual([
      ["paym", "payment"],
      ["timeuts", "timeouts"],
      ["databsae", "database"],
    ]);
  });
});

describe("correctQuery", () => {
  it("replaces each corrected word where it stands, whatever its case, keeping quotes, -word and or", () => {
    const replace = new Map([
      ["paymnt", "payment"],
      ["timeuts", "timeouts"],
    ]);
    expect(correctQuery('"Paymnt timeuts" or -paymnt x-timeuts', replace)).toBe(
      '"payment timeouts" or -payment x-timeouts',
    );
    // A word inside a run of letters and digits is not that word.
    expect(correctQuery("paymnt2 timeuts9", replace)).toBeNull();
    expect(correctQuery("checkout", replace)).toBeNull();
    expect(correctQuery("paymnt", new Map())).toBeNull();
  });
});
