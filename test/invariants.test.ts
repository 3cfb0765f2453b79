/**
 * The cost model's invariants, as property tests over random valid
 * scenarios on several devices and models.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { device, model, run } from './helpers.js';
import { prefillTime } from '../core/cost/prefill.js';
import { attainableBandwidth } from '../core/cost/roofline.js';
import { precisionOf } from '../core/estimate/index.js';
import type { ScenarioFile } from '../core/schema/index.js';

const d9300 = device('dimensity-9300');
const sd8g3 = device('snapdragon-8-gen-3');
const bluelm = model('bluelm-v-3b');
const internvl = model('internvl2-2b');
const NO_BUDGET: ScenarioFile = { output_tokens: 32, prompt_tokens: 64 };

const imageArb = fc.record({ width: fc.integer({ min: 64, max: 3000 }), height: fc.integer({ min: 64, max: 3000 }) });
const scenarioArb = fc.record({
  // One image: two large ones can exceed BlueLM's 4096-token context, which is a (tested) input error.
  images: fc.array(imageArb, { minLength: 1, maxLength: 1 }),
  llm: fc.record({ wbits: fc.constantFrom(2, 3, 4, 8, 16) }),
  kv_bits: fc.constantFrom(4, 8, 16),
  chunk: fc.constantFrom(16, 64, 128, 256, 1024),
  vit_batch: fc.integer({ min: 1, max: 8 }),
  output_tokens: fc.integer({ min: 1, max: 200 }),
  prompt_tokens: fc.integer({ min: 0, max: 500 }),
});
const RUNS = { numRuns: 40 };

describe('invariants', () => {
  it('fewer weight bits never increase weight memory', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(2, 3, 4, 8), (s, b) => {
        const lo = run({ ...s, llm: { wbits: b } }, d9300, bluelm, NO_BUDGET);
        const hi = run({ ...s, llm: { wbits: b * 2 } }, d9300, bluelm, NO_BUDGET);
        expect(lo.memory_gb.weights).toBeLessThanOrEqual(hi.memory_gb.weights);
      }),
      RUNS,
    );
  });
  it('a larger KV cache (more bits or more context) never speeds decode', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const k8 = run({ ...s, kv_bits: 8 }, d9300, bluelm, NO_BUDGET);
        const k16 = run({ ...s, kv_bits: 16 }, d9300, bluelm, NO_BUDGET);
        expect(k16.decode_tok_s.mean).toBeLessThanOrEqual(k8.decode_tok_s.mean);
        expect(k8.decode_tok_s.last).toBeLessThanOrEqual(k8.decode_tok_s.first);
      }),
      RUNS,
    );
  });
  it('more allowed tiles never reduce image tokens, and move encode and prefill time with them (InternVL)', () => {
    fc.assert(
      fc.property(imageArb, fc.integer({ min: 1, max: 11 }), (im, n) => {
        const a = run({ images: [im], tiling: { max_tiles: n } }, d9300, internvl, NO_BUDGET);
        const b = run({ images: [im], tiling: { max_tiles: n + 1 } }, d9300, internvl, NO_BUDGET);
        expect(b.tokens.image).toBeGreaterThanOrEqual(a.tokens.image);
        if (b.tokens.image > a.tokens.image) {
          expect(b.latency_s.vision_encode).toBeGreaterThan(a.latency_s.vision_encode);
          expect(b.latency_s.prefill).toBeGreaterThan(a.latency_s.prefill);
        } else {
          expect(b.latency_s.prefill).toBeCloseTo(a.latency_s.prefill, 12);
        }
      }),
      RUNS,
    );
  });
  it('phase times add up to TTFT and end-to-end', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(d9300, sd8g3), (s, dev) => {
        const e = run(s, dev, bluelm, NO_BUDGET);
        const L = e.latency_s;
        expect(L.ttft).toBeCloseTo(L.preprocess + L.vision_encode + L.projector + L.prefill + L.first_token, 9);
        expect(L.e2e).toBeCloseTo(L.request_overhead + L.preprocess + L.vision_encode + L.projector + L.prefill + L.first_token + L.decode_total, 9);
        expect(L.ttft_decoupled).toBeCloseTo(L.projector + L.prefill + L.first_token, 9);
        expect(e.memory_gb.peak).toBeCloseTo(Math.max(e.memory_gb.by_phase.encode, e.memory_gb.by_phase.prefill, e.memory_gb.by_phase.decode), 12);
      }),
      RUNS,
    );
  });
  it('a larger chunk never reads the weights more often', () => {
    const npu = { unit: d9300.units.npu!, bandwidth: attainableBandwidth(d9300, d9300.units.npu!) };
    const p = precisionOf({ wbits: 4, abits: 16, group_size: 128, scale_bytes: 2 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 1024 }), fc.integer({ min: 1, max: 1024 }), (tokens, c1, c2) => {
        const [small, large] = c1 <= c2 ? [c1, c2] : [c2, c1];
        const a = prefillTime(bluelm.llm, tokens, small, npu, p, 1);
        const b = prefillTime(bluelm.llm, tokens, large, npu, p, 1);
        expect(b.weightBytes).toBeLessThanOrEqual(a.weightBytes);
      }),
      { numRuns: 100 },
    );
  });
  it('predictions are finite and positive for every valid input', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(d9300, sd8g3), fc.constantFrom(bluelm, internvl), (s, dev, m) => {
        const e = run(s, dev, m, NO_BUDGET);
        const numbers = [
          ...Object.entries(e.latency_s)
            // request_overhead is 0 unless an engine calibration sets it; decode_total is 0 when the
            // single output token comes from the prompt's LM head.
            .filter(([k]) => k !== 'request_overhead' && !(k === 'decode_total' && s.output_tokens === 1))
            .map(([, v]) => v),
          e.decode_tok_s.mean,
          e.decode_tok_s.first,
          e.decode_tok_s.last,
          e.prefill_tok_s,
          e.memory_gb.weights,
          e.memory_gb.kv_cache,
          e.memory_gb.peak,
        ];
        for (const x of numbers) {
          expect(Number.isFinite(x)).toBe(true);
          expect(x).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });
  it('a multi-image prompt adds up its tiles and tokens', () => {
    const one = run({ images: [{ width: 1920, height: 1080 }] }, d9300, internvl, NO_BUDGET);
    const two = run({ images: [{ width: 1920, height: 1080 }, { width: 1920, height: 1080 }] }, d9300, internvl, NO_BUDGET);
    expect(two.tiles.count).toBe(2 * one.tiles.count);
    expect(two.tokens.image).toBe(2 * one.tokens.image);
    expect(two.latency_s.vision_encode).toBeGreaterThan(one.latency_s.vision_encode);
  });
  it('unloading the ViT lowers or keeps the peak; decoupled encoding lowers TTFT', () => {
    const keep = run({ unload_vit: false });
    const free = run({ unload_vit: true });
    expect(free.memory_gb.peak).toBeLessThanOrEqual(keep.memory_gb.peak);
    expect(free.latency_s.ttft_decoupled).toBeLessThan(free.latency_s.ttft);
  });
  it('token pruning (keep_ratio at layer 2) cuts prefill and KV cache', () => {
    const base = run();
    const pruned = run({ pruning: { method: 'keep_ratio', layer: 2, keep_ratio: 0.5 } });
    expect(pruned.tokens.image_kept).toBe(882);
    expect(pruned.latency_s.prefill).toBeLessThan(base.latency_s.prefill);
    expect(pruned.memory_gb.kv_cache).toBeLessThan(base.memory_gb.kv_cache);
  });
});
