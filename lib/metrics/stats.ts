// Summary statistics with PostgreSQL's definitions (pure): the dashboard's SQL uses avg() and
// percentile_cont(), and these are the same formulas, unit-tested by hand and checked against
// the database in lib/metrics/metrics.int.test.ts.

/** percentile_cont: linear interpolation between the two nearest ranks of the sorted values. */
export function percentileCont(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export interface Summary {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

/** Missing values (null) are left out, as SQL aggregates leave out NULL. */
export function summarize(values: readonly (number | null | undefined)[]): Summary {
  const xs = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (xs.length === 0) return { count: 0, mean: null, median: null, p90: null };
  return {
    count: xs.length,
    mean: xs.reduce((a, b) => a + b, 0) / xs.length,
    median: percentileCont(xs, 0.5),
    p90: percentileCont(xs, 0.9),
  };
}

/** A share in [0, 1], or null when there is nothing to divide (not 0: "no data" is not "0 %"). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
