/**
 * Every shipped VLM's predicted quality moves with the factors a sweep varies, in the direction and
 * by the size its evidence (or the published ablations it borrows, models/quality/priors/) says;
 * a factor with neither is reported as unknown, never as "no effect".
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { loadPriors, loadQuality, QUALITY_DIR } from '../cli/quality-input.js';
import { predictQuality, type QualityConfig, type QualityEvidence } from '../core/quality.js';
import { priorEffect } from '../core/quality-priors.js';

const priors = loadPriors();
const models = readdirSync(QUALITY_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => loadQuality(f.replace(/\.yaml$/, ''))!)
  .filter((ev): ev is QualityEvidence => ev !== undefined);
const refOf = (ev: QualityEvidence): QualityConfig => ({ ...ev.reference });
const at = (ev: QualityEvidence, c: Partial<QualityConfig>) => predictQuality(ev, { ...refOf(ev), ...c }, [], priors);

describe('quality evidence and priors cover what sweeps vary', () => {
  it(`ships evidence for the zoo's VLMs (${models.length} models) and priors for KV bits, weight bits, tiles and pruning`, () => {
    expect(models.length).toBeGreaterThan(20);
    for (const f of ['kv_bits', 'wbits', 'max_tiles', 'keep_ratio']) expect(priors.filter((p) => p.factor === f).length, f).toBeGreaterThan(2);
  });

  it.each(models.map((ev) => [ev.model, ev] as const))('%s: 2-bit KV costs what the KV-cache studies say (never "no effect")', (_id, ev) => {
    const p16 = at(ev, { kv_bits: 16 });
    const p2 = at(ev, { kv_bits: 2 });
    const p4 = at(ev, { kv_bits: 4 });
    for (const [b, bench] of Object.entries(ev.benchmarks)) {
      if (bench.factors.kv_bits) continue;
      const pe = priorEffect(priors, 'kv_bits', ev.reference.kv_bits, 2, ev.model, (v) => v)!;
      expect(pe.rel, b).toBeLessThan(0);
      // reference score x the studies' median relative change (clamped to the benchmark's scale).
      expect(p2[b].score, b).toBeCloseTo(Math.max(0, bench.reference.score * (1 + pe.rel)), 9);
      expect(p2[b].score, b).toBeLessThan(p16[b].score);
      expect(p4[b].score, b).toBeLessThanOrEqual(p16[b].score);
      expect(p2[b].basis, b).toBe('prior');
      expect(p2[b].uncertainty, b).toBeGreaterThan(0);
    }
  });

  // Between 4 and 8 bits a model's own evidence rules, and published int4 checkpoints sometimes
  // score above int8 ones (MiniCPM-V 2.6 on MathVista): below 4 bits, where the ablations speak,
  // fewer bits never score more.
  it.each(models.map((ev) => [ev.model, ev] as const))('%s: below 4 bits fewer weight bits never score more, and 2-bit weights cost more than 4-bit', (_id, ev) => {
    const s = [2, 3, 4].map((w) => at(ev, { wbits: w }));
    for (const b of Object.keys(ev.benchmarks)) {
      for (let i = 0; i + 1 < s.length; i++) expect(s[i][b].score, `${b} w${[2, 3, 4][i]}`).toBeLessThanOrEqual(s[i + 1][b].score + 1e-9);
      expect(s[0][b].score, b).toBeLessThan(s[2][b].score);
      expect(s[0][b].basis, b).not.toBe('unknown');
    }
  });

  it.each(models.filter((ev) => ev.reference.max_tiles !== null && ev.reference.max_tiles > 1).map((ev) => [ev.model, ev] as const))('%s: one tile scores less than the reference tile cap', (_id, ev) => {
    const one = at(ev, { max_tiles: 1 });
    const ref = at(ev, {});
    for (const b of Object.keys(ev.benchmarks)) {
      expect(one[b].score, b).toBeLessThan(ref[b].score);
      expect(one[b].basis, b).not.toBe('unknown');
    }
  });

  it('a factor with neither evidence nor prior is unknown, not neutral: a tiling policy no study compared', () => {
    const ev = models.find((m) => m.model === 'internvl2-2b') ?? models[0];
    const r = at(ev, { policy: 'fastvlm_single' });
    for (const p of Object.values(r)) {
      expect(p.basis).toBe('unknown');
      expect(p.notes.join(' ')).toMatch(/unknown/);
    }
  });
});
