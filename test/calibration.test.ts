import { describe, expect, it } from 'vitest';
import { fit, leaveOneOut, predictCase, calibrateAll, layersFor, type CalibCase } from '../core/calibration/index.js';
import { resolveScenario } from '../core/scenario.js';
import { loadDevice, loadModel } from '../cli/names.js';
import type { Metric } from '../core/metrics.js';
import type { ScenarioFile } from '../core/schema/index.js';

const dev = loadDevice('snapdragon-8-gen-3').value;
const llama1b = loadModel('llama-3.2-1b').value;
const qwen = loadModel('qwen2.5-1.5b').value;

function mkCase(id: string, metric: Metric, m = llama1b, over: ScenarioFile = {}): CalibCase {
  const file: ScenarioFile = { prompt_tokens: 256, output_tokens: 64, placement: { llm: 'cpu', vit: 'cpu', projector: 'cpu', patch_embed: 'cpu' }, ...over };
  return { id, metric, measured: 1, device: dev, model: m, scenario: resolveScenario(m, dev, file).scenario, unit: 'cpu', engine: 'test-engine', source: 'test', engineTuning: {} };
}

const truth = { compute_efficiency: 0.21, bandwidth_efficiency: 0.47, memory_overhead: 8e8 };
function synthetic(cases: CalibCase[]): CalibCase[] {
  return cases.map((c) => ({ ...c, measured: predictCase(c, [truth]) }));
}

describe('calibration recovers known parameters from measurements made by the model itself', () => {
  const cases = synthetic([
    mkCase('d1', 'decode_tok_s'),
    mkCase('d2', 'decode_tok_s', qwen, { prompt_tokens: 1024 }),
    mkCase('p1', 'prefill_tok_s', llama1b, { prompt_tokens: 1024 }),
    mkCase('t1', 'ttft_s', qwen, { prompt_tokens: 512 }),
    mkCase('m1', 'peak_mem_gb'),
    mkCase('m2', 'peak_mem_gb', qwen),
  ]);
  const r = fit(cases, []);
  it('fits all three parameters to within 1%', () => {
    expect(r.fitted.sort()).toEqual(['bandwidth_efficiency', 'compute_efficiency', 'memory_overhead']);
    expect(r.params.compute_efficiency!.value / truth.compute_efficiency).toBeCloseTo(1, 2);
    expect(r.params.bandwidth_efficiency!.value / truth.bandwidth_efficiency).toBeCloseTo(1, 2);
    expect(r.params.memory_overhead!.value / truth.memory_overhead).toBeCloseTo(1, 2);
  });
  it('leaves residuals ~0 and reports a (near-zero) uncertainty', () => {
    for (const x of r.residuals) expect(Math.abs(x.log_error)).toBeLessThan(1e-3);
    expect(r.params.bandwidth_efficiency!.log_sd).not.toBeNull();
    expect(r.params.bandwidth_efficiency!.log_sd!).toBeLessThan(0.01);
  });
});

describe('identifiability', () => {
  it('decode records alone cannot determine compute efficiency or memory overhead: they are named, not fitted', () => {
    const cases = synthetic([mkCase('d1', 'decode_tok_s'), mkCase('d2', 'decode_tok_s', qwen)]);
    const r = fit(cases, []);
    expect(r.fitted).toEqual(['bandwidth_efficiency']);
    expect(r.unidentifiable.map((u) => u.param).sort()).toEqual(['compute_efficiency', 'encode_efficiency', 'memory_overhead', 'request_overhead']);
    // Within 1%: the unfitted compute efficiency (device default, not the truth) touches decode slightly.
    expect(Math.abs(r.params.bandwidth_efficiency!.value / truth.bandwidth_efficiency - 1)).toBeLessThan(0.01);
  });
  it('never fits more parameters than records: one record, one parameter, fitted exactly', () => {
    const cases = synthetic([mkCase('p1', 'ttft_s', llama1b, { prompt_tokens: 64 })]);
    const r = fit(cases, []);
    expect(r.fitted).toHaveLength(1);
    // The other four are named, each with its reason (one record makes any two columns collinear).
    expect(r.unidentifiable).toHaveLength(4);
    // One parameter for one record reproduces it, with no uncertainty to report.
    expect(Math.abs(r.residuals[0].log_error)).toBeLessThan(1e-4);
    expect(r.params[r.fitted[0]]!.log_sd).toBeNull();
  });
});

describe('robustness', () => {
  it('a wild record is flagged as an outlier and pulls the fit less than a plain least-squares would', () => {
    const good = synthetic([mkCase('d1', 'decode_tok_s'), mkCase('d2', 'decode_tok_s', qwen), mkCase('d3', 'decode_tok_s', llama1b, { prompt_tokens: 2048 }), mkCase('d4', 'decode_tok_s', qwen, { prompt_tokens: 64 })]);
    const bad = { ...good[0], id: 'bad', measured: good[0].measured * 4 };
    const r = fit([...good, bad], [], ['bandwidth_efficiency']);
    expect(r.residuals.find((x) => x.id === 'bad')!.outlier).toBe(true);
    // Least squares on log error would move be by exp(log(4)/5) ~ 1.32x; the robust loss moves it far less.
    expect(r.params.bandwidth_efficiency!.value / truth.bandwidth_efficiency).toBeLessThan(1.15);
  });
});

describe('leave-one-out', () => {
  const cases = synthetic([mkCase('d1', 'decode_tok_s'), mkCase('d2', 'decode_tok_s', qwen), mkCase('d3', 'decode_tok_s', llama1b, { prompt_tokens: 2048 })]);
  it('never sees the held-out record: changing its value does not change its prediction', () => {
    const a = leaveOneOut(cases).find((x) => x.id === 'd1')!;
    const changed = cases.map((c) => (c.id === 'd1' ? { ...c, measured: c.measured * 10 } : c));
    const b = leaveOneOut(changed).find((x) => x.id === 'd1')!;
    expect(b.predicted).toBe(a.predicted);
    expect(b.measured).toBe(a.measured * 10);
  });
  it('predicts held-out synthetic records within 5% (the unfitted compute efficiency is off), far better than the bare roofline', () => {
    const rows = leaveOneOut(cases);
    for (const r of rows) {
      expect(Math.abs(r.error_pct)).toBeLessThan(5);
      expect(Math.abs(r.roofline / r.measured - 1)).toBeGreaterThan(0.3);
    }
  });
  it('a full calibration gives each case its class and group layers', () => {
    const fits = calibrateAll(cases);
    const layers = layersFor(fits, cases[0]);
    // Within 2%: the group fit is pulled toward its class by the prior (shrinkage).
    expect(Math.abs(predictCase(cases[0], layers) / cases[0].measured - 1)).toBeLessThan(0.02);
  });
});
