/**
 * BlueLM-V-3B's measured deployment on the vivo X100 (Dimensity 9300), arXiv 2411.10640 Sec. 5.3
 * and Table 5: the embedded default scenario must reproduce it, and the batch-size and chunk-size
 * optima the paper measured (Figs. 7 and 8) must come out of the physics, not a lookup.
 */
import { vitEncoderSchema } from '../core/schema/index.js';
import { describe, expect, it } from 'vitest';
import { run, device, model } from './helpers.js';
import { encodeTime, vitBatches } from '../core/cost/encode.js';
import { prefillTime } from '../core/cost/prefill.js';
import { attainableBandwidth, callBytes, callTime, dequantBytes } from '../core/cost/roofline.js';
import { prepare } from '../cli/scenario-input.js';
import { estimate } from '../core/estimate/index.js';
import { llmLayerOps, vitLayerOps, vitTokens } from '../core/cost/operators.js';
import { precisionOf } from '../core/estimate/index.js';
import { kvBytes } from '../core/quant/bits.js';

const e = run();

describe('BlueLM-V-3B on Dimensity 9300: calibration anchors (Table 5, Sec. 5.3)', () => {
  it('tiles 768x1536 as 2:4 + thumbnail = 9 patches of 196 tokens; 2048 input tokens in all', () => {
    expect(e.tiles.grid).toEqual([2, 4]);
    expect(e.tiles.count).toBe(9);
    expect(e.tokens.image).toBe(1764);
    expect(e.tokens.total).toBe(2048);
    expect(e.tokens.text).toBe(284);
  });
  // Tolerances are the acceptance bands around the paper's single measurements.
  it('decode within 5% of 24.4 tok/s', () => expect(Math.abs(e.decode_tok_s.mean / 24.4 - 1)).toBeLessThan(0.05));
  it('prefill within 10% of 2.7 s', () => expect(Math.abs(e.latency_s.prefill / 2.7 - 1)).toBeLessThan(0.1));
  it('image encoding within 10% of 2.06 s', () => expect(Math.abs(e.latency_s.vision_encode / 2.06 - 1)).toBeLessThan(0.1));
  it('peak memory within 10% of 2.2 GB', () => expect(Math.abs(e.memory_gb.peak / 2.2 - 1)).toBeLessThan(0.1));
  it('says which parameters are calibrated', () => {
    const p = prepare({});
    const calibrated = estimate(p.device.value, p.model.value, p.scenario, { assumptions: p.assumptions }).assumptions.filter((a) => a.startsWith('calibrated:'));
    expect(calibrated.join('\n')).toMatch(/units\.npu\.compute_efficiency/);
    expect(calibrated.join('\n')).toMatch(/units\.npu\.bandwidth_efficiency/);
  });
});

describe('ViT batch size: lowest encode time at 4 of {1, 2, 4, 6} (Fig. 7), and why', () => {
  const times = Object.fromEntries([1, 2, 4, 6].map((b) => [b, run({ vit_batch: b }).latency_s.vision_encode]));
  it('is lowest at 4', () => {
    const best = Object.entries(times).reduce((a, b) => (b[1] < a[1] ? b : a));
    expect(best[0]).toBe('4');
  });

  const d = device('dimensity-9300');
  const m = model('bluelm-v-3b');
  const vit = vitEncoderSchema.parse(m.vision);
  const npu = { unit: d.units.npu!, bandwidth: attainableBandwidth(d, d.units.npu!) };
  const cpu = { unit: d.units.cpu!, bandwidth: attainableBandwidth(d, d.units.cpu!) };
  const pVit = precisionOf({ wbits: 8, abits: 16, group_size: 0, scale_bytes: 0 });
  const pPe = precisionOf({ wbits: 16, abits: 16, group_size: 0, scale_bytes: 0 });
  const t = vitTokens(vit, 384, 384);
  const groups = [{ tokens: t, count: 9 }];

  it('small batches pay the per-call weight dequantization (INT8 -> FP16 in DRAM) more often', () => {
    // The APU has no fused W8A16 kernel in this profile: each call expands the ViT weights first.
    const perCall = vitLayerOps(vit, 1, t, pVit).reduce((s, op) => s + dequantBytes(op, npu.unit) * op.calls, 0);
    expect(perCall).toBeGreaterThan(1e9); // ~0.4 G weights x 2 B written + read
    const calls = (b: number) => encodeTime(vit, groups, b, cpu, npu, pPe, pVit, true).calls.length;
    expect([1, 2, 4, 6].map(calls)).toEqual([9, 5, 3, 4]);
  });
  it('batch 6 leaves 3 patches over: the static graph runs them as single-patch calls (padding a 4- or 6-graph costs more)', () => {
    expect(encodeTime(vit, groups, 6, cpu, npu, pPe, pVit, true).calls).toEqual([6, 1, 1, 1]);
    expect(encodeTime(vit, groups, 4, cpu, npu, pPe, pVit, true).calls).toEqual([4, 4, 1]);
    expect(vitBatches(groups, 4).map((b) => b.size)).toEqual([4, 4, 1]);
    const call = (g: number) => callTime(vitLayerOps(vit, g, t, pVit), npu.unit, npu.bandwidth);
    expect(3 * call(1)).toBeLessThan(call(4));
    expect(3 * call(1)).toBeLessThan(call(6));
  });
  it('pipelining hides the CPU patch embedding behind the NPU', () => {
    const piped = encodeTime(vit, groups, 4, cpu, npu, pPe, pVit, true);
    const serial = encodeTime(vit, groups, 4, cpu, npu, pPe, pVit, false);
    expect(piped.total).toBeLessThan(serial.total);
    expect(serial.total).toBeCloseTo(piped.patchEmbed + piped.vit, 9);
  });
});

describe('Prefill chunk size: lowest prefill at 128 of {32, 128, 512, 2048} (Fig. 8), and why', () => {
  const times = Object.fromEntries([32, 128, 512, 2048].map((c) => [c, run({ chunk: c }).latency_s.prefill]));
  it('is lowest at 128', () => {
    const best = Object.entries(times).reduce((a, b) => (b[1] < a[1] ? b : a));
    expect(best[0]).toBe('128');
  });

  const d = device('dimensity-9300');
  const m = model('bluelm-v-3b');
  const npu = { unit: d.units.npu!, bandwidth: attainableBandwidth(d, d.units.npu!) };
  const p = precisionOf({ wbits: 4, abits: 16, group_size: 128, scale_bytes: 2 });
  const pre = (c: number) => prefillTime(m.llm, 2048, c, npu, p, kvBytes(8));

  it('small chunks re-read all weights once per chunk: 32-token chunks read them 4x as often as 128', () => {
    expect(pre(32).chunks).toBe(64);
    expect(pre(128).chunks).toBe(16);
    expect(pre(32).weightBytes).toBeCloseTo(4 * pre(128).weightBytes, 0);
  });
  it('small chunks pay the fixed per-call costs (graph call + one dispatch per operator) once per chunk', () => {
    const fixed = (c: number) => {
      const ops = llmLayerOps(m.llm, c, 0, p, kvBytes(8));
      const perCall = npu.unit.call_overhead + ops.reduce((s, o) => s + o.calls, 0) * npu.unit.dispatch;
      return pre(c).chunks * perCall;
    };
    expect(fixed(32)).toBeCloseTo(4 * fixed(128), 9);
    // The extra fixed cost alone explains most of the gap between 32 and 128.
    expect(fixed(32) - fixed(128)).toBeGreaterThan(0.5 * (pre(32).time - pre(128).time));
  });
  it('large chunks overflow the on-chip buffer: spill traffic grows faster than the chunk', () => {
    expect(pre(512).spillBytes).toBeGreaterThan(2 * pre(128).spillBytes);
    expect(pre(2048).spillBytes).toBeGreaterThan(pre(512).spillBytes);
    const chunk = (c: number) => callBytes(llmLayerOps(m.llm, c, 0, p, kvBytes(8)), npu.unit).spill / c;
    expect(chunk(512)).toBeGreaterThan(chunk(128)); // per token
  });
});
