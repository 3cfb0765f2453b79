import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { mmplan } from './cli-helpers.js';
import { SHIPPED } from '../cli/shipped.js';

const tmp = mkdtempSync(join(tmpdir(), 'mmplan-cal-'));

// Every shipped record, predicted with the shipped calibration as it is (no refit: seconds, not
// minutes); the refitting leave-outs run on one small engine below and in transfer.test.ts.
const r = await mmplan(['validate', '--no-fit', '--profiles', 'data/calibrated.yaml', '--json']);
const out = JSON.parse(r.stdout);
const shipped = SHIPPED.measurements.reduce((n, f) => n + (parse(readFileSync(f, 'utf8')) as unknown[]).length, 0);

describe('mmplan validate on the shipped measurements', () => {
  it('runs over every record: each is predicted or listed as not mapped, with a reason', async () => {
    expect(r.code, r.stderr).toBe(0);
    expect(out.mode).toBe('no-fit');
    expect(shipped).toBeGreaterThan(600);
    expect(out.records.length + out.unmapped.length).toBe(shipped);
    for (const u of out.unmapped) expect(u.reason.length).toBeGreaterThan(5);
    // "few of them": under a fifth, each for a stated reason (unnamed devices, non-transformer models, ...).
    expect(out.unmapped.length).toBeLessThan(shipped / 5);
  });
  it('leaves out whole devices by default and reports leave-one-record-out, the defaults and the roofline beside it', async () => {
    const v = await mmplan(['validate', '--engine', 'mnn-cpu', '--json']);
    expect(v.code, v.stderr).toBe(0);
    const o = JSON.parse(v.stdout);
    expect(o.mode).toBe('leave-out-device');
    expect(o.records.length).toBeGreaterThan(10);
    for (const row of o.compare) for (const k of ['chosen', 'record', 'defaults', 'roofline']) expect(row[k]).toBeGreaterThan(0);
    for (const rec of o.records) expect(['device', 'family', 'engine class', 'engine defaults']).toContain(rec.level);
    // No record of a left-out device is predicted from its own device's fit.
    expect(o.records.some((x: { level: string }) => x.level === 'device')).toBe(false);
  });
  it('gives predicted vs measured and the error per record, with the roofline and the defaults beside', async () => {
    const rec = out.records[0];
    for (const k of ['id', 'metric', 'measured', 'predicted', 'error_pct', 'roofline', 'defaults']) expect(rec).toHaveProperty(k);
    expect(rec.error_pct).toBeCloseTo((rec.predicted / rec.measured - 1) * 100, 6);
  });
  it('summarizes by metric, device and engine, and calibration beats the bare roofline on every timing metric', async () => {
    const med = (xs: Array<{ key: string; median_ape: number }>, k: string) => xs.find((x) => x.key === k)!.median_ape;
    for (const m of ['decode_tok_s', 'prefill_tok_s', 'ttft_s', 'vision_encode_s']) {
      expect(med(out.summary.by_metric, m)).toBeLessThan(med(out.summary.baselines.roofline, m));
    }
    expect(out.summary.by_device.length).toBeGreaterThan(10);
    expect(out.summary.by_engine.length).toBeGreaterThan(8);
  });
});

describe('mmplan calibrate', () => {
  it('fits one device, prints values with uncertainty and residuals, writes YAML, and never overwrites without --force', async () => {
    const f = join(tmp, 'cal.yaml');
    const r = (await mmplan(['calibrate', '--device', 'snapdragon-8-gen-1', '--out', f, '--no-errors']));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/snapdragon-8-gen-1\|mnn-cpu\|cpu: compute_efficiency [\d.]+ ×\/÷ [\d.]+/);
    expect(r.stdout).toMatch(/unidentifiable: .*memory_overhead \(no record depends on it\)/);
    expect(r.stdout).toMatch(/residuals/);
    const cal = parse(readFileSync(f, 'utf8'));
    expect(cal.kind).toBe('mmplan-calibration');
    expect(cal.groups.every((g: { device: string }) => g.device === 'snapdragon-8-gen-1')).toBe(true);
    const again = (await mmplan(['calibrate', '--device', 'snapdragon-8-gen-1', '--out', f, '--no-errors']));
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; pass --force/);
  });
  it('validate --no-fit predicts with a given calibration as it is', async () => {
    const f = join(tmp, 'cal2.yaml');
    (await mmplan(['calibrate', '--device', 'snapdragon-8-gen-1', '--out', f, '--no-errors']));
    const r = (await mmplan(['validate', '--device', 'snapdragon-8-gen-1', '--profiles', f, '--no-fit', '--json']));
    const out = JSON.parse(r.stdout);
    expect(out.mode).toBe('no-fit');
    expect(out.records.length).toBeGreaterThan(5);
  });
  it('a bad record is reported, not fatal', async () => {
    const f = join(tmp, 'm.yaml');
    writeFileSync(f, '- {id: x1, source: me, metric: decode_tok_s, value: -3, model: Llama-3.2-1B-Instruct}\n- {id: x2, source: me, metric: decode_tok_s, value: 30, model: Llama-3.2-1B-Instruct, device_soc: Snapdragon 8 Gen 3, engine: llama.cpp, processor: CPU, weight_bits: 4, prompt_tokens: 64, output_tokens: 64}\n');
    const out = JSON.parse((await mmplan(['validate', f, '--json'])).stdout);
    expect(out.unmapped.map((u: { id: string }) => u.id)).toEqual(['x1']);
    expect(out.unmapped[0].reason).toMatch(/value/);
    expect(out.records.map((r: { id: string }) => r.id)).toEqual(['x2']);
  });
});

describe('estimate with an engine uses its calibration and prints an uncertainty band', () => {
  it('names the calibrated parameters and gives typical errors', async () => {
    const e = JSON.parse((await mmplan(['estimate', '--model', 'llama-3.2-1b', '--device', 'snapdragon-8-gen-3', '--engine', 'executorch-xnnpack', '--prompt-tokens', '64', '--json'])).stdout);
    expect(e.units.llm).toBe('cpu');
    expect(e.assumptions.join('\n')).toMatch(/calibrated: executorch-xnnpack on snapdragon-8-gen-3/);
    expect(e.uncertainty.decode_tok_s.median_abs_pct).toBeGreaterThan(0);
    // The band is the 68th percentile of the held-out errors: at least their median.
    expect(e.uncertainty.decode_tok_s.band_pct).toBeGreaterThanOrEqual(e.uncertainty.decode_tok_s.median_abs_pct);
    expect(e.uncertainty.decode_tok_s.basis).toMatch(/leave-one-device-out/);
    expect(e.assumptions.join('\n')).toMatch(/parameters from the (device|family|engine class) level/);
  });
});
