/**
 * Pruning inside the LLM: Mini-Monkey's Scale Compression Mechanism and generic keep_ratio
 * (FastV-style) pruning, each with its own cost.
 */
import { describe, expect, it } from 'vitest';
import { run, device, model } from './helpers.js';
import { prefillTime } from '../core/cost/prefill.js';
import { attainableBandwidth } from '../core/cost/roofline.js';
import { precisionOf } from '../core/estimate/index.js';
import { tile } from '../core/tiling/index.js';

const d = device('dimensity-9300');
const mm = model('mini-monkey');
const base = { images: [{ width: 1920, height: 1080 }], prompt_tokens: 64, output_tokens: 32 };

describe("Mini-Monkey's SCM", () => {
  const t = tile('mini_monkey_demo', mm.tiling!.params, 1920, 1080);
  const plain = run(base, d, mm, {});
  const scm = run({ ...base, pruning: { method: 'scm' } }, d, mm, {});
  it('keeps half of the detailed layer tokens (minus one, as the reference code does)', () => {
    expect(plain.tokens.image).toBe(t.tokens);
    expect(scm.tokens.image_kept).toBe(t.tokens - 128 * t.cols * t.rows - 1);
  });
  it('costs the first 2 layers over all tokens, then a restart of every layer over the kept ones', () => {
    const npu = { unit: d.units.npu!, bandwidth: attainableBandwidth(d, d.units.npu!) };
    const p = precisionOf({ wbits: 4, abits: 16, group_size: 128, scale_bytes: 2 });
    const total = plain.tokens.total;
    const kept = total - plain.tokens.image + scm.tokens.image_kept;
    const expected = prefillTime({ ...mm.llm, layers: 2 }, total, 128, npu, p, 1).time + prefillTime(mm.llm, kept, 128, npu, p, 1).time;
    expect(plain.latency_s.prefill).toBeCloseTo(prefillTime(mm.llm, total, 128, npu, p, 1).time, 12);
    expect(scm.latency_s.prefill).toBeCloseTo(expected, 12);
  });
  it('shrinks the KV cache and speeds decode', () => {
    expect(scm.memory_gb.kv_cache).toBeLessThan(plain.memory_gb.kv_cache);
    expect(scm.decode_tok_s.mean).toBeGreaterThan(plain.decode_tok_s.mean);
  });
});

describe('keep_ratio pruning at layer k', () => {
  it('layers before k keep every token in the KV cache, later layers only the kept ones', () => {
    const plain = run(base, d, mm, {});
    const pruned = run({ ...base, pruning: { method: 'keep_ratio', layer: 4, keep_ratio: 0.25 } }, d, mm, {});
    const L = mm.llm.layers;
    const cap = plain.tokens.total + 32;
    const keptCap = cap - plain.tokens.image + Math.round(plain.tokens.image * 0.25);
    expect(pruned.memory_gb.kv_cache / plain.memory_gb.kv_cache).toBeCloseTo((4 * cap + (L - 4) * keptCap) / (L * cap), 12);
  });
  it('pruning later (larger k) costs more prefill than pruning early', () => {
    const early = run({ ...base, pruning: { method: 'keep_ratio', layer: 2, keep_ratio: 0.5 } }, d, mm, {});
    const late = run({ ...base, pruning: { method: 'keep_ratio', layer: 12, keep_ratio: 0.5 } }, d, mm, {});
    expect(late.latency_s.prefill).toBeGreaterThan(early.latency_s.prefill);
  });
});

describe('edge cases the review found', () => {
  it('keep_ratio 1 at layer 0 or at the last layer equals no pruning (no phantom layer)', () => {
    const plain = run(base, d, mm, {});
    for (const layer of [0, mm.llm.layers]) {
      const p = run({ ...base, pruning: { method: 'keep_ratio', layer, keep_ratio: 1 } }, d, mm, {});
      expect(p.latency_s.prefill).toBeCloseTo(plain.latency_s.prefill, 9);
      expect(p.decode_tok_s.mean).toBeCloseTo(plain.decode_tok_s.mean, 9);
      expect(p.memory_gb.kv_cache).toBeCloseTo(plain.memory_gb.kv_cache, 12);
    }
  });
  it('a KV cache too small for the request is an error, not a negative size', () => {
    expect(() => run({ ...base, kv_capacity: 10 }, d, mm, {})).toThrow(/kv_capacity|KV cache of 10 tokens/);
  });
  it('several sampled answers keep their own output tokens in the cache', () => {
    const one = run({ ...base, samples: 1 }, d, mm, {});
    const three = run({ ...base, samples: 3 }, d, mm, {});
    expect(three.memory_gb.kv_cache).toBeGreaterThan(one.memory_gb.kv_cache);
  });
  it('decoupled encoding takes the image encode off the TTFT', () => {
    const a = run({ ...base, decoupled_encode: false }, d, mm, {});
    const b = run({ ...base, decoupled_encode: true }, d, mm, {});
    expect(b.latency_s.ttft).toBeCloseTo(a.latency_s.ttft_decoupled, 12);
    expect(b.latency_s.ttft).toBeLessThan(a.latency_s.ttft);
  });
  it('reports the operations of one decode step', () => {
    const e = run(base, d, mm, {});
    // ~2 ops per LLM weight per token, plus attention over the prompt.
    expect(e.flops.decode_per_token).toBeGreaterThan(2 * 1.8e9);
    expect(e.flops.decode_per_token).toBeLessThan(2 * 2.5e9);
  });
});
