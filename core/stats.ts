/**
 * Summary statistics of a sample: quantiles by linear interpolation between order statistics
 * (numpy's default, "type 7"), and the min / median / p90 / max summary the CLI prints.
 */

/** The q-quantile (0 <= q <= 1) of an ascending-sorted, non-empty array. */
export function quantileSorted(sorted: number[], q: number): number {
  if (sorted.length === 0) throw new Error('quantile of an empty sample');
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export type Summary = { n: number; min: number; median: number; p90: number; max: number; mean: number };

export function summarize(values: number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  return {
    n: s.length,
    min: s[0],
    median: quantileSorted(s, 0.5),
    p90: quantileSorted(s, 0.9),
    max: s[s.length - 1],
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}
