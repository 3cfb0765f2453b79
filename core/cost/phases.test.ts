import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sumDecodeSteps } from './decode.js';
import { vitBatches } from './encode.js';

describe('sumDecodeSteps', () => {
  const exact = (f: (k: number) => number, k0: number, n: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += f(k0 + i);
    return s;
  };
  it('is exact for step times linear in the context', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 4000 }), fc.double({ min: 0, max: 1e-3, noNaN: true }), fc.double({ min: 0, max: 1e-7, noNaN: true }), (n, k0, a, b) => {
        const f = (k: number) => a + b * k;
        expect(sumDecodeSteps(f, k0, n).total).toBeCloseTo(exact(f, k0, n), 9);
      }),
    );
  });
  it('is within 0.1% for a roofline kink (max of two linear costs)', () => {
    const f = (k: number) => Math.max(0.02 + 1e-6 * k, 0.01 + 1e-5 * k);
    expect(Math.abs(sumDecodeSteps(f, 100, 3000).total / exact(f, 100, 3000) - 1)).toBeLessThan(1e-3);
  });
  it('reports the first and last step', () => {
    const r = sumDecodeSteps((k) => k, 10, 100);
    expect([r.first, r.last]).toEqual([10, 109]);
  });
});

describe('vitBatches', () => {
  it('splits each size group into full batches and a remainder', () => {
    expect(vitBatches([{ tokens: 729, count: 9 }], 4)).toEqual([
      { size: 4, tokens: 729 },
      { size: 4, tokens: 729 },
      { size: 1, tokens: 729 },
    ]);
  });
});
