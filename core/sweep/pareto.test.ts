import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { paretoFront, paretoFrontBruteForce } from './pareto.js';

// Small integer coordinates make ties and duplicates common, the cases that break naive fronts.
const pointsArb = (k: number) => fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: k, maxLength: k }), { minLength: 0, maxLength: 80 });

describe('Pareto front', () => {
  for (const k of [1, 2, 3, 4]) {
    it(`matches the all-pairs front on random data (${k}-D)`, () => {
      fc.assert(
        fc.property(pointsArb(k), (pts) => {
          const v = Float64Array.from(pts.flat());
          expect(paretoFront(v, pts.length, k)).toEqual(paretoFrontBruteForce(v, pts.length, k));
        }),
        { numRuns: 300 },
      );
    });
  }
  it('a hand example in 2-D: keeps duplicates, drops equal-x and equal-y dominated points', () => {
    // (1,5) (2,3) (2,4) (3,3) (4,1) (4,1) (5,0) (6,0)
    const v = Float64Array.from([1, 5, 2, 3, 2, 4, 3, 3, 4, 1, 4, 1, 5, 0, 6, 0]);
    expect(paretoFront(v, 8, 2)).toEqual([0, 1, 4, 5, 6]);
  });
});
