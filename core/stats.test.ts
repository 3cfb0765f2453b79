import { describe, expect, it } from 'vitest';
import { quantileSorted, summarize } from './stats.js';

describe('summary statistics', () => {
  it('interpolates quantiles linearly (numpy type 7)', () => {
    // numpy.quantile([1, 2, 3, 4], 0.9) = 3.7
    expect(quantileSorted([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([7], 0.9)).toBe(7);
  });
  it('summarizes an unsorted sample', () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ n: 4, min: 1, median: 2.5, p90: 3.7000000000000002, max: 4, mean: 2.5 });
  });
  it('refuses an empty sample', () => expect(() => quantileSorted([], 0.5)).toThrow(/empty/));
});
