/** `estimate --engine all` (issue 19): every shipped device, one row per engine, fastest first, reasons for the rest. */
import { describe, expect, it } from 'vitest';
import { listIds } from '../cli/load.js';
import { compareEngines } from '../cli/engine-compare.js';
import { mmplan, parseCsv } from './cli-helpers.js';

describe('estimate --engine all', () => {
  it('works for every shipped device: applicable rows fastest decode first, each not-applicable engine with its reason', () => {
    for (const device of listIds('device')) {
      const c = compareEngines({ device, model: 'llama-3.2-1b', wbits: 4 });
      const ok = c.rows.filter((r) => r.applicable);
      const no = c.rows.filter((r) => !r.applicable);
      expect(ok.length, device).toBeGreaterThan(0);
      const speeds = ok.map((r) => (r.applicable ? r.decode_tok_s : 0));
      expect(speeds, device).toEqual([...speeds].sort((a, b) => b - a));
      for (const r of no) expect(r.applicable ? '' : r.reason, `${device} ${r.engine}`).toMatch(/runs (on|only on)|not|cannot|does not/);
      // Applicable rows come before the others.
      expect(c.rows.findIndex((r) => !r.applicable) === -1 || c.rows.slice(c.rows.findIndex((r) => !r.applicable)).every((r) => !r.applicable), device).toBe(true);
      for (const r of ok) if (r.applicable) expect(['device', 'related chip', 'family', 'engine class', 'engine defaults'], `${device} ${r.engine}`).toContain(r.level);
    }
  });
  it('a row equals estimate --engine <that engine> for the same plan', async () => {
    const c = compareEngines({ device: 'snapdragon-8-gen-3', model: 'llama-3.2-1b', wbits: 4 });
    for (const engine of ['llama.cpp-cpu', 'qnn-genie', 'mlc-gpu']) {
      const row = c.rows.find((r) => r.engine === engine)!;
      const e = JSON.parse((await mmplan(['estimate', '--device', 'snapdragon-8-gen-3', '--model', 'llama-3.2-1b', '--wbits', '4', '--engine', engine, '--json'])).stdout);
      expect(row.applicable).toBe(true);
      if (row.applicable) {
        expect(row.decode_tok_s).toBeCloseTo(e.decode_tok_s.mean, 9);
        expect(row.ttft_s).toBeCloseTo(e.latency_s.ttft, 9);
        expect(row.unit).toBe(e.units.llm);
      }
    }
  });
  it('prints a table, --json and --csv', async () => {
    const t = await mmplan(['estimate', '--device', 'Pixel 8', '--model', 'llama-3.2-1b', '--engine', 'all']);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/every engine the device can run/);
    expect(t.stdout).toMatch(/not applicable:\n {2}\S+: engine '\S+' runs/);
    const j = JSON.parse((await mmplan(['estimate', '--device', 'Pixel 8', '--model', 'llama-3.2-1b', '--engine', 'all', '--json'])).stdout);
    expect(j.device).toBe('tensor-g3');
    const [h, ...rows] = parseCsv((await mmplan(['estimate', '--device', 'Pixel 8', '--model', 'llama-3.2-1b', '--engine', 'all', '--csv'])).stdout.trimEnd());
    expect(h).toEqual(['engine', 'applicable', 'unit', 'decode_tok_s', 'ttft_s', 'peak_memory_gb', 'fits', 'decode_band_pct', 'level', 'reason']);
    expect(rows.length).toBe(j.rows.length);
  });
});

describe('the default engine', () => {
  it('every shipped device names its engine and calibration level for llama-3.2-1b; --engine none keeps bare unit defaults', async () => {
    const { prepare } = await import('../cli/scenario-input.js');
    for (const device of listIds('device')) {
      const p = prepare({ device, model: 'llama-3.2-1b' });
      expect(p.engine, device).toBeDefined();
      expect(['device', 'related chip', 'family', 'engine class', 'engine defaults'], device).toContain(p.level);
      expect(p.assumptions.some((a) => a.startsWith(`default engine: ${p.engine} for the`)), device).toBe(true);
      const bare = prepare({ device, model: 'llama-3.2-1b', engine: 'none' });
      expect(bare.engine, device).toBeUndefined();
    }
  });
  it("the vendor's runtime where one ships: Genie on a Snapdragon NPU, NeuroPilot on a Dimensity, LiteRT on Tensor, MLX on Apple GPUs, CUDA on Jetson", async () => {
    const { prepare } = await import('../cli/scenario-input.js');
    const engineOf = (device: string) => prepare({ device, model: 'llama-3.2-1b' }).engine;
    expect(engineOf('snapdragon-8-gen-3')).toBe('qnn-genie');
    expect(engineOf('dimensity-9300')).toBe('neuropilot-npu');
    expect(engineOf('tensor-g3')).toBe('litert-cpu');
    expect(engineOf('apple-a18-pro')).toBe('mlx');
    expect(engineOf('jetson-orin-nano')).toBe('cuda');
    expect(engineOf('raspberry-pi-5')).toBe('llama.cpp-cpu');
  });
});

describe('the report compares engines when a sweep varies them', () => {
  it("one 'ship this' row per engine, each that engine's own knee", async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { reportDataFor } = await import('../cli/commands/report.js');
    const spec = join(mkdtempSync(join(tmpdir(), 'mmplan-eng-')), 'engines.yaml');
    const engines = ['llama.cpp-cpu', 'mlc-gpu', 'qnn-genie', 'executorch-xnnpack'];
    writeFileSync(spec, `name: engines\nbase: {model: llama-3.2-1b, device: snapdragon-8-gen-3, prompt_tokens: 128, output_tokens: 128}\naxes: {engine: [${engines.join(', ')}], llm.wbits: [4, 8]}\nobjectives: [min latency_s.ttft, max decode_tok_s.mean]\n`);
    const { data } = await reportDataFor(spec, { validation: false });
    expect(data.ship.map((s) => s.group.engine).sort()).toEqual([...engines].sort());
    for (const s of data.ship) expect(s.decode_tok_s).toBeGreaterThan(0);
  });
});
