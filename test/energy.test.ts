/**
 * Energy, battery and sustained speed (issue 18): hand calculations of the energy model and the
 * thermal model, and the invariants (energy grows with the answer, more bytes never cost less,
 * sustained never exceeds burst, an NPU throttles less than a GPU on the same phone).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { phaseEnergy, batteryPercent } from '../core/energy/energy.js';
import { thermal, factorAfter } from '../core/energy/thermal.js';
import { POWER_DEFAULTS, powerParams } from '../core/energy/defaults.js';
import { estimate } from '../core/estimate/index.js';
import { resolveScenario } from '../core/scenario.js';
import { loadDevice, loadModel } from '../cli/names.js';
import type { ScenarioFile } from '../core/schema/index.js';

const phone = POWER_DEFAULTS.phone;

describe('the energy model by hand', () => {
  it('a phase: seconds x (base + unit power) + bytes x DRAM energy', () => {
    // 2 s on a phone GPU moving 1 GB: 2 x (1.0 + 6.5) W + 1e9 B x 40 pJ = 15 J + 0.04 J.
    const e = phaseEnergy({ seconds: 2, unit: 'gpu', bytes: 1e9 }, phone);
    expect(e.joules).toBeCloseTo(15.04, 12);
    expect(e.watts).toBeCloseTo(7.52, 12);
  });
  it("a text request on a phone, from the estimate's own times and sizes", () => {
    const device = loadDevice('snapdragon-8-gen-3').value;
    const model = loadModel('llama-3.2-1b').value;
    const s = resolveScenario(model, device, { prompt_tokens: 100, output_tokens: 65, placement: { llm: 'cpu' } } as ScenarioFile).scenario;
    const e = estimate(device, model, s);
    const p = powerParams(device);
    const W = e.memory_gb.weights_by_component;
    // 64 decode steps, each reading the LLM and the head and the KV cache of 100 + 65/2 positions.
    const kvPerPos = (e.memory_gb.kv_cache * 1e9) / (100 + 65);
    const bytes = 64 * ((W.llm + W.embeddings) * 1e9 + kvPerPos * (100 + 65 / 2));
    const decode = e.latency_s.decode_total * (p.base_w + p.unit_w.cpu) + bytes * p.dram_pj_per_byte * 1e-12;
    expect(e.energy_j.by_phase.decode / decode).toBeCloseTo(1, 12);
    expect(e.energy_j.per_output_token / (decode / 64)).toBeCloseTo(1, 12);
    const prefill = (e.latency_s.prefill + e.latency_s.first_token) * (p.base_w + p.unit_w.cpu) + e.prefill_weight_reads * p.dram_pj_per_byte * 1e-12;
    expect(e.energy_j.by_phase.prefill / prefill).toBeCloseTo(1, 12);
    const other = (e.latency_s.request_overhead + e.latency_s.preprocess) * p.base_w;
    expect(e.energy_j.query / (decode + prefill + other)).toBeCloseTo(1, 12);
    // Battery: the chip named, so a typical 19.35 Wh phone battery: 100 requests = 100 x J / (Wh x 3600) x 100%.
    expect(e.battery_pct!.basis).toBe('class typical');
    expect(e.battery_pct!.per_100_queries).toBeCloseTo((100 * 100 * e.energy_j.query) / (19.35 * 3600), 10);
  });
  it('battery percent', () => expect(batteryPercent(72, 20)).toBeCloseTo(0.1, 12));
});

describe('the thermal model by hand', () => {
  it('9 W against 4.5 W sustained and 700 J of headroom: throttles at 155.6 s to (1/2)^(1/3) of burst', () => {
    const t = thermal(9, 4.5, 700);
    expect(t.throttle_at_s).toBeCloseTo(700 / 4.5, 10);
    expect(t.factor).toBeCloseTo(0.5 ** (1 / 3), 12);
    expect(factorAfter(t, 100)).toBe(1);
    expect(factorAfter(t, 600)).toBeCloseTo(0.7937, 4);
  });
  it('a load within what the device holds never throttles', () => expect(thermal(4, 4.5, 700)).toEqual({ throttle_at_s: null, factor: 1 }));
});

describe('invariants', () => {
  const device = loadDevice('snapdragon-8-gen-3').value;
  const model = loadModel('llama-3.2-1b').value;
  const at = (f: ScenarioFile) => estimate(device, model, resolveScenario(model, device, f).scenario);
  it('more bytes or more seconds never cost less energy', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 1e10, noNaN: true }), fc.double({ min: 0, max: 1e9, noNaN: true }), fc.constantFrom('cpu' as const, 'gpu' as const, 'npu' as const), (t, b, db, u) => {
        expect(phaseEnergy({ seconds: t, unit: u, bytes: b + db }, phone).joules).toBeGreaterThanOrEqual(phaseEnergy({ seconds: t, unit: u, bytes: b }, phone).joules);
        expect(phaseEnergy({ seconds: t + db / 1e8, unit: u, bytes: b }, phone).joules).toBeGreaterThanOrEqual(phaseEnergy({ seconds: t, unit: u, bytes: b }, phone).joules);
      }),
    );
  });
  it('energy grows with the length of the answer; sustained never exceeds burst', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 400 }), fc.integer({ min: 1, max: 200 }), fc.constantFrom(2, 4, 8, 16), fc.constantFrom('cpu' as const, 'gpu' as const, 'npu' as const), fc.integer({ min: 1, max: 7200 }), (out, more, wbits, unit, duration) => {
        const f = { prompt_tokens: 64, llm: { wbits }, placement: { llm: unit }, duration_s: duration } as ScenarioFile;
        const a = at({ ...f, output_tokens: out });
        const b = at({ ...f, output_tokens: out + more });
        expect(b.energy_j.query).toBeGreaterThan(a.energy_j.query);
        expect(a.sustained.decode_tok_s).toBeLessThanOrEqual(a.decode_tok_s.mean);
        expect(a.sustained.ttft_s).toBeGreaterThanOrEqual(a.latency_s.ttft);
      }),
      { numRuns: 60 },
    );
  });
  it('after 10 minutes a phone GPU decodes below its burst speed, and the NPU loses less than the GPU', () => {
    const big = loadModel('llama-3.2-3b').value;
    const run = (unit: 'gpu' | 'npu') => estimate(device, big, resolveScenario(big, device, { prompt_tokens: 128, output_tokens: 256, placement: { llm: unit }, duration_s: 600 } as ScenarioFile).scenario);
    const gpu = run('gpu');
    const npu = run('npu');
    const drop = (e: typeof gpu) => 1 - e.sustained.decode_tok_s / e.decode_tok_s.mean;
    expect(gpu.sustained.decode_tok_s).toBeLessThan(gpu.decode_tok_s.mean);
    expect(drop(npu)).toBeLessThan(drop(gpu));
  });
  it('every shipped device gets the energy and sustained fields', async () => {
    const { listIds } = await import('../cli/load.js');
    for (const id of listIds('device')) {
      const d = loadDevice(id).value;
      const m = loadModel('qwen2.5-0.5b').value;
      const e = estimate(d, m, resolveScenario(m, d, { prompt_tokens: 64, output_tokens: 32 } as ScenarioFile).scenario);
      expect(e.energy_j.query, id).toBeGreaterThan(0);
      expect(e.power_w.decode, id).toBeGreaterThan(0);
      expect(e.sustained.decode_tok_s, id).toBeGreaterThan(0);
    }
  });
});
