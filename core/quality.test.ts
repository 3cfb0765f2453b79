import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { predictQuality, qualityFileSchema, type QualityEvidence, type QualityConfig } from './quality.js';

const ev: QualityEvidence = qualityFileSchema.parse({
  model: 'test',
  reference: { wbits: 16, max_tiles: 12, policy: 'internvl_dynamic', keep_ratio: 1 },
  benchmarks: {
    DocVQA: {
      scale: 100,
      reference: { score: 90, source: 'ref' },
      factors: {
        wbits: { points: [{ value: 16, score: 90, source: 'w16' }, { value: 8, score: 89.8, source: 'w8' }, { value: 4, score: 88, source: 'w4' }] },
        max_tiles: { points: [{ value: 1, score: 70, source: 't1' }, { value: 4, score: 82, source: 't4' }, { value: 12, score: 90, source: 't12' }] },
        keep_ratio: { points: [{ value: 0.5, score: 5, source: 'k.5' }, { value: 1, score: 7, source: 'k1' }], relative: true, from: 'another model' },
        policy: { points: [{ value: 'internvl_dynamic', score: 90, source: 'p-ivl' }, { value: 'llava_next_hf', score: 87, source: 'p-llava' }] },
      },
    },
  },
});
const ref: QualityConfig = { wbits: 16, kv_bits: 16, max_tiles: 12, keep_ratio: 1, policy: 'internvl_dynamic' };
const q = (c: Partial<QualityConfig>) => predictQuality(ev, { ...ref, ...c }).DocVQA;

describe('quality rule', () => {
  it('reproduces every evidence point exactly at its own configuration, as measured', () => {
    for (const p of ev.benchmarks.DocVQA.factors.wbits!.points) expect(q({ wbits: p.value as number })).toMatchObject({ score: p.score, basis: 'measured' });
    for (const p of ev.benchmarks.DocVQA.factors.max_tiles!.points) expect(q({ max_tiles: p.value as number })).toMatchObject({ score: p.score, basis: 'measured' });
    expect(q({ policy: 'llava_next_hf' })).toMatchObject({ score: 87, basis: 'measured' });
    expect(q({})).toMatchObject({ score: 90, basis: 'measured', sources: ['ref'] });
  });
  it('interpolates tiles in log scale and bits linearly', () => {
    // 2 tiles: between 1 (70) and 4 (82) at log 2 / log 4 = half way -> 76
    expect(q({ max_tiles: 2 }).score).toBeCloseTo(76, 10);
    expect(q({ max_tiles: 2 }).basis).toBe('interpolated');
    // 6 bits: between 4 (88) and 8 (89.8) -> 88.9
    expect(q({ wbits: 6 }).score).toBeCloseTo(88.9, 10);
  });
  it('extrapolates pessimistically: fewer bits keep losing, more tiles never gain', () => {
    // 2 bits: the first segment loses 1.8 per 4 bits -> 88 - 0.9 = 87.1
    expect(q({ wbits: 2 })).toMatchObject({ basis: 'extrapolated' });
    expect(q({ wbits: 2 }).score).toBeCloseTo(87.1, 10);
    expect(q({ max_tiles: 24 }).score).toBe(90);
    expect(q({ max_tiles: 24 }).basis).toBe('extrapolated');
  });
  it('adds deltas of several factors and transfers a relative curve as extrapolated', () => {
    expect(q({ wbits: 4, max_tiles: 4 }).score).toBeCloseTo(88 + 82 - 90, 10);
    expect(q({ wbits: 4, max_tiles: 4 }).basis).toBe('interpolated');
    const k = q({ keep_ratio: 0.5 });
    expect(k.score).toBeCloseTo(88, 10);
    expect(k.basis).toBe('extrapolated');
    expect(k.notes.join()).toMatch(/transferred from another model/);
  });
  it('never predicts a higher score for fewer bits or fewer tiles (monotone evidence)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 39 }), (b, b2, t, t2) => {
        const [blo, bhi] = [Math.min(b, b2), Math.max(b, b2)];
        const [tlo, thi] = [Math.min(t, t2), Math.max(t, t2)];
        expect(q({ wbits: blo, max_tiles: t }).score).toBeLessThanOrEqual(q({ wbits: bhi, max_tiles: t }).score + 1e-9);
        expect(q({ wbits: b, max_tiles: tlo }).score).toBeLessThanOrEqual(q({ wbits: b, max_tiles: thi }).score + 1e-9);
      }),
    );
  });
  it("a user's measured score overrides the prediction at its configuration", () => {
    const r = predictQuality(ev, { ...ref, wbits: 4 }, [{ ...ref, wbits: 4, benchmark: 'DocVQA', score: 85.5, source: 'my-evals.csv:2' }]);
    expect(r.DocVQA).toMatchObject({ score: 85.5, basis: 'measured', sources: ['my-evals.csv:2'] });
  });
  it('rejects an absolute curve that disagrees with the reference score', () => {
    const bad = structuredClone(ev) as unknown as { benchmarks: { DocVQA: { factors: { wbits: { points: Array<{ score: number }> } } } } };
    bad.benchmarks.DocVQA.factors.wbits.points[0].score = 91;
    expect(() => qualityFileSchema.parse(bad)).toThrow(/mark the curve relative/);
  });
});
