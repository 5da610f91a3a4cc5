import { describe, expect, it } from "vitest";
import { percentileCont, ratio, summarize } from "./stats";

describe("summarize (PostgreSQL avg / percentile_cont)", () => {
  it("computes mean, median and p90 by hand", () => {
    // 10, 20, 30, 40: mean 25; median at rank 1.5 → 25; p90 at rank 2.7 → 30 + 0.7·10 = 37.
    expect(summarize([40, 10, 30, 20])).toEqual({ count: 4, mean: 25, median: 25, p90: 37 });
  });

  it("leaves out missing lifecycle times, as SQL leaves out NULL", () => {
    expect(summarize([null, 5, undefined, 15])).toEqual({
      count: 2,
      mean: 10,
      median: 10,
      p90: 14,
    });
  });

  it("answers no figure for an empty period (not zero)", () => {
    expect(summarize([])).toEqual({ count: 0, mean: null, median: null, p90: null });
    expect(summarize([null, null])).toEqual({ count: 0, mean: null, median: null, p90: null });
  });

  it("p90 of one value is that value", () => {
    expect(percentileCont([7], 0.9)).toBe(7);
    expect(percentileCont([], 0.5)).toBeNull();
  });

  it("ratio is null when there is nothing to divide", () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(0, 0)).toBeNull();
  });
});
