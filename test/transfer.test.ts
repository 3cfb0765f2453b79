/**
 * Predictions that transfer: the calibration hierarchy recovers what generated the data and carries
 * a family's fit to a device it never saw; the printed ± band holds about 68% of the errors on
 * devices left out; and an estimate of a record's own configuration returns the value the
 * calibration fitted for it (estimates and records share the engine's defaults).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calibrateAll, errorBands, layersFor, leaveOneOut, predictCase, uncertaintyFor, calibrationLayers, toCalibration, unitFamily, type CalibCase } from '../core/calibration/index.js';
import { calibrationSchema } from '../core/schema/index.js';
import { METRIC_DEFS, type Metric } from '../core/metrics.js';
import { resolveScenario } from '../core/scenario.js';
import { loadDevice, loadModel } from '../cli/names.js';
import { buildCases } from '../cli/measurement-input.js';
import { SHIPPED } from '../cli/shipped.js';
import { mmplan } from './cli-helpers.js';
import { modelParams } from '../core/params.js';
import { estimate } from '../core/estimate/index.js';
import { tuneDevice } from '../core/calibration/tuning.js';

const llama1b = loadModel('llama-3.2-1b').value;
const qwen = loadModel('qwen2.5-1.5b').value;

function mkCase(id: string, deviceId: string, metric: Metric, m = llama1b, prompt = 256): CalibCase {
  const device = loadDevice(deviceId).value;
  const file = { prompt_tokens: prompt, output_tokens: 64, placement: { llm: 'cpu', vit: 'cpu', projector: 'cpu', patch_embed: 'cpu' } } as const;
  return { id, metric, measured: 1, device, model: m, scenario: resolveScenario(m, device, file).scenario, unit: 'cpu', engine: 'test-engine', source: 'test', engineTuning: {} };
}

describe('the calibration hierarchy on data the model generated itself', () => {
  // Truth: an engine class value, Arm-Cortex and Apple CPU families that reach more of their peaks
  // than the class, and one device (the A18 Pro) whose own bandwidth efficiency differs again.
  const classTruth = { compute_efficiency: 0.2, bandwidth_efficiency: 0.4 };
  const armTruth = { bandwidth_efficiency: 0.52, compute_efficiency: 0.24 };
  const appleTruth = { bandwidth_efficiency: 0.6, compute_efficiency: 0.3 };
  const devTruth: Record<string, object> = { 'apple-a18-pro': { bandwidth_efficiency: 0.72 } };
  const truthFor = (c: CalibCase) => [classTruth, unitFamily(c.device, 'cpu') === 'apple-cpu' ? appleTruth : armTruth, devTruth[c.device.id] ?? {}];
  const gen = (cases: CalibCase[]) => cases.map((c) => ({ ...c, measured: predictCase(c, truthFor(c)) }));
  // Records as a benchmark sweep gives them: decode and prefill at several prompt lengths, TTFT from
  // short to long prompts (what separates a fixed request overhead from compute).
  const perDevice = (d: string) => [
    ...[128, 1024].flatMap((p) => [mkCase(`${d}-d-${p}`, d, 'decode_tok_s', llama1b, p), mkCase(`${d}-dq-${p}`, d, 'decode_tok_s', qwen, p)]),
    ...[256, 1024].flatMap((p) => [mkCase(`${d}-p-${p}`, d, 'prefill_tok_s', llama1b, p), mkCase(`${d}-pq-${p}`, d, 'prefill_tok_s', qwen, p)]),
    ...[16, 64, 512, 2048].map((p) => mkCase(`${d}-t-${p}`, d, 'ttft_s', qwen, p)),
  ];
  const cases = gen(['snapdragon-8-gen-3', 'snapdragon-8-elite', 'dimensity-9300', 'apple-m4', 'apple-a18-pro', 'apple-a17-pro'].flatMap(perDevice));
  const fits = calibrateAll(cases);

  // Tolerances: each level's prior (levels.ts) shrinks a fit toward the level below, so exact data
  // are recovered to a few percent, not exactly.
  it('reproduces every record it was fitted on to within 5%', () => {
    for (const c of cases) expect(Math.abs(predictCase(c, layersFor(fits, c)) / c.measured - 1), c.id).toBeLessThan(0.05);
  });
  it("finds the one device's own bandwidth efficiency at the device level, to within 3%", () => {
    const g = [...fits.groups.entries()].find(([k]) => k.startsWith('apple-a18-pro|'))![1];
    expect(Math.abs(g.params.bandwidth_efficiency!.value / 0.72 - 1)).toBeLessThan(0.03);
  });
  it('gives a device no record measured its family fit: an unseen Arm phone within 5% of the truth', () => {
    const cal = toCalibration([], fits, cases);
    const unseen = gen(perDevice('snapdragon-8-gen-2'));
    for (const c of unseen) {
      const l = calibrationLayers(cal, { device: c.device.id, engine: c.engine, unit: 'cpu', family: unitFamily(c.device, 'cpu') });
      expect(l.level).toBe('family');
      expect(Math.abs(predictCase(c, l.layers) / c.measured - 1), c.id).toBeLessThan(0.05);
    }
  });
});

describe('the ± band an estimate prints holds about 68% of the errors on devices left out', () => {
  // Engines with several devices each; validated device by device, each device's rows judged by
  // bands built only from the other devices' errors (as for a phone nobody measured).
  const ENGINES = ['qnn-genie', 'litert-cpu', 'litert-gpu', 'executorch-xnnpack', 'mnn-cpu'];
  const cases = ENGINES.flatMap((engine) => buildCases(SHIPPED.measurements, { engine }).cases);
  const rows = leaveOneOut(cases, undefined, 'device');
  it(`covers 60-76% of ${rows.length} held-out errors`, () => {
    expect(rows.length).toBeGreaterThan(150);
    let inside = 0;
    let judged = 0;
    for (const device of new Set(rows.map((r) => r.device))) {
      const cal = calibrationSchema.parse({ kind: 'mmplan-calibration', measurements: [], groups: [], classes: [], errors: errorBands(rows.filter((r) => r.device !== device), 'device') });
      for (const r of rows.filter((x) => x.device === device)) {
        const band = uncertaintyFor(cal, device, r.engine)[METRIC_DEFS[r.metric].band!];
        if (!band) continue;
        judged++;
        if (Math.abs(r.error_pct) <= band.band_pct) inside++;
      }
    }
    const coverage = inside / judged;
    expect(judged).toBeGreaterThan(150);
    expect(coverage).toBeGreaterThanOrEqual(0.6);
    expect(coverage).toBeLessThanOrEqual(0.76);
  });
});

describe("an estimate of a record's own configuration returns the value its calibration fitted", () => {
  const tmp = mkdtempSync(join(tmpdir(), 'mmplan-rt-'));
  const rec = (id: string, bits: number, metric: string, value: number, prompt = 128) =>
    `- {id: ${id}, source: test, device_soc: 'Snapdragon 8 Gen 3', engine: 'llama.cpp (CPU)', processor: CPU, model: Qwen2.5-1.5B-Instruct, weight_bits: ${bits}, prompt_tokens: ${prompt}, output_tokens: 128, metric: ${metric}, value: ${value}}\n`;
  writeFileSync(join(tmp, 'm.yaml'), rec('w4', 4, 'decode_tok_s', 24) + rec('w8', 8, 'decode_tok_s', 14) + rec('pp', 4, 'prefill_tok_s', 90, 512));
  it('for W4 and W8 decode on llama.cpp CPU (int8 activations, f16 KV, 32-weight groups in both paths)', async () => {
    const cal = await mmplan(['calibrate', join(tmp, 'm.yaml'), '--out', join(tmp, 'cal.yaml'), '--json']);
    expect(cal.code, cal.stderr).toBe(0);
    const fitted = JSON.parse(cal.stdout).residuals as Array<{ id: string; predicted: number }>;
    for (const [id, bits] of [['w4', 4], ['w8', 8]] as const) {
      const e = await mmplan(['estimate', '--profiles', join(tmp, 'cal.yaml'), '--device', 'Snapdragon 8 Gen 3', '--engine', 'llama.cpp-cpu', '--model', 'Qwen2.5-1.5B-Instruct', '--wbits', String(bits), '--prompt-tokens', '128', '--output-tokens', '128', '--json']);
      expect(e.code, e.stderr).toBe(0);
      const want = fitted.find((r) => r.id === id)!.predicted;
      expect(JSON.parse(e.stdout).decode_tok_s.mean / want).toBeCloseTo(1, 6);
    }
    // The two widths are told apart: W8 reads about twice the bytes per token.
    expect(fitted.find((r) => r.id === 'w4')!.predicted / fitted.find((r) => r.id === 'w8')!.predicted).toBeGreaterThan(1.5);
  });
});

describe('memory as engines report it (issue 15, item 5)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'mmplan-mem-'));
  const rec = (id: string, extra: string) =>
    `- {id: ${id}, source: test, device_soc: 'Snapdragon 8 Gen 3', engine: 'MediaPipe LLM Inference (LiteRT, XNNPACK 4 threads)', processor: CPU, model: Gemma3-1B-IT, weight_bits: 4, metric: peak_mem_gb, value: 1.0${extra}}\n`;
  writeFileSync(join(tmp, 'm.yaml'), rec('file', ', model_file_mb: 529, context_tokens: 4096') + rec('bare', ''));
  const set = buildCases([join(tmp, 'm.yaml')]);
  const byId = (id: string) => set.cases.find((c) => c.id === id)!;
  const gemma = loadModel('gemma-3-1b').value;

  it("a stated file fixes the stored bits per weight: the weights' bytes are the file's", () => {
    const c = byId('file');
    const p = modelParams(gemma).llm;
    // Hand calculation: 529e6 bytes x 8 bits over the language model's parameters (tied embedding once).
    expect(c.scenario.quant.llm.bpw).toBeCloseTo((529e6 * 8) / p.total, 12);
    const e = estimate(tuneDevice(c.device, c.unit, c.engineTuning), c.model, c.scenario);
    expect(e.memory_gb.weights * 1e9).toBeCloseTo(529e6, -3);
    // Without the file the width alone sets them: 4 bits plus per-group scales, about 0.5 GB.
    expect(byId('bare').scenario.quant.llm.bpw).toBeUndefined();
  });

  it('LiteRT on the CPU: a float32 KV cache of the stated context, else of the converter default 1280', () => {
    // Gemma 3 1B: 4 global layers hold every position, 22 sliding-window layers 512; 1 KV head of 256, K and V.
    const kv = (ctx: number) => (4 * ctx + 22 * Math.min(512, ctx)) * 2 * 256 * 4;
    const e = (id: string) => estimate(tuneDevice(byId(id).device, 'cpu', byId(id).engineTuning), gemma, byId(id).scenario);
    expect(byId('file').scenario.kv_context).toBe(4096);
    expect(byId('bare').scenario.kv_context).toBe(1280);
    expect(e('file').memory_gb.kv_cache * 1e9).toBeCloseTo(kv(4096), -1);
    expect(e('bare').memory_gb.kv_cache * 1e9).toBeCloseTo(kv(1280), -1);
  });
});
