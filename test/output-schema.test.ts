/**
 * Shapes machines can rely on (issue 17): `estimate --json` and `sweep --json` match the schemas
 * mmplan ships (schemas/*.schema.json, written from core/schema/output.ts), `estimate --csv` has
 * the same documented columns whatever the model and the number of images, numbers carry no binary
 * noise, sweep config values keep their types, and scenario flags are spelled like the fields.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimateOutputSchema, sweepOutputSchema, outputJsonSchemas } from '../core/schema/output.js';
import { scenarioFileSchema } from '../core/schema/scenario.js';
import { ESTIMATE_CSV_COLUMNS } from '../cli/machine-output.js';
import { mmplan, parseCsv, ROOT } from './cli-helpers.js';

const RUNS: string[][] = [
  [],
  ['--model', 'llama-3.2-1b', '--device', 'Pixel 9 Pro', '--engine', 'llama.cpp-cpu'],
  ['--model', 'qwen2.5-vl-3b', '--image', '1920x1080', '--image', '640x480', '--kv-bits', '8'],
  ['--model', 'gemma-3n-e2b', '--quant', 'Q4_K_M'],
];

/** Significant digits of a JSON number as printed. */
const digits = (x: number) => String(x).replace(/e.*$/, '').replace(/^-?0*\.?0*/, '').replace('.', '').replace(/0+$/, '').length;
function numbers(v: unknown, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) numbers(x, out);
  return out;
}

describe('the shipped JSON Schemas', () => {
  it('are the ones core/schema/output.ts declares (npm run schemas writes them)', () => {
    for (const [name, doc] of Object.entries(outputJsonSchemas())) {
      expect(JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')), name).toEqual(JSON.parse(JSON.stringify(doc)));
    }
  });
});

describe('estimate --json', () => {
  for (const args of RUNS) {
    it(`matches the schema, echoes the plan, has no float noise: ${args.join(' ') || '(default)'}`, async () => {
      const r = await mmplan(['estimate', ...args, '--json', '--no-fit-check']);
      expect(r.code, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout);
      const parsed = estimateOutputSchema.safeParse(j);
      expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues[0])).toBe(true);
      expect(j.plan.device).toBe(j.device);
      expect(j.plan.scenario.chunk).toBeGreaterThan(0);
      for (const x of numbers(j).filter((v) => !Number.isInteger(v))) expect(digits(x), String(x)).toBeLessThanOrEqual(15);
    });
  }
  it('the echoed plan is the one used: --kv-bits 8 and the engine show in it', async () => {
    const j = JSON.parse((await mmplan(['estimate', '--kv-bits', '8', '--engine', 'llama.cpp-cpu', '--json'])).stdout);
    expect(j.plan.scenario.quant.kv_bits).toBe(8);
    expect(j.plan.engine).toBe('llama.cpp-cpu');
  });
});

describe('estimate --csv', () => {
  it('has the documented columns, the same for a text model and for two images', async () => {
    for (const args of RUNS) {
      const r = await mmplan(['estimate', ...args, '--csv', '--no-fit-check']);
      expect(r.code, r.stderr).toBe(0);
      const rows = parseCsv(r.stdout.trimEnd());
      expect(rows).toHaveLength(2);
      expect(rows[0]).toEqual([...ESTIMATE_CSV_COLUMNS]);
      expect(rows[1]).toHaveLength(ESTIMATE_CSV_COLUMNS.length);
    }
  });
  it('its numbers agree with --json', async () => {
    const args = RUNS[2];
    const j = JSON.parse((await mmplan(['estimate', ...args, '--json'])).stdout);
    const [h, row] = parseCsv((await mmplan(['estimate', ...args, '--csv'])).stdout.trimEnd());
    const at = (c: string) => row[h.indexOf(c)];
    expect(Number(at('latency_s_ttft'))).toBe(j.latency_s.ttft);
    expect(Number(at('memory_gb_peak'))).toBe(j.memory_gb.peak);
    expect(Number(at('images'))).toBe(2);
    expect(Number(at('kv_bits'))).toBe(8);
  });
});

describe('sweep --json', () => {
  it('matches the schema; config values keep their types', async () => {
    const r = await mmplan(['sweep', join(ROOT, 'examples', 'bluelm-quant-sweep.yaml'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const parsed = sweepOutputSchema.safeParse(j);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues[0])).toBe(true);
    expect(typeof j.top[0].config['llm.wbits']).toBe('number');
    expect(typeof j.top[0].config['tiling.max_tiles']).toBe('number');
    for (const x of numbers(j.front).filter((v) => !Number.isInteger(v))) expect(digits(x), String(x)).toBeLessThanOrEqual(15);
  });
});

describe('one flag vocabulary', () => {
  /** Every leaf field name of the scenario file (kv_bits, wbits, max_tiles, ...). */
  const leaves = new Set<string>();
  const walk = (s: unknown) => {
    let t = s as { unwrap?: () => unknown; shape?: Record<string, unknown>; def?: { innerType?: unknown } };
    while (t && !t.shape && (t.def?.innerType || t.unwrap)) t = (t.def?.innerType ?? t.unwrap!()) as typeof t;
    for (const [k, v] of Object.entries(t?.shape ?? {})) {
      leaves.add(k);
      walk(v);
    }
  };
  walk(scenarioFileSchema);
  // Flags that are not scenario fields: files, output format and checks.
  const CLI_ONLY = new Set(['scenario', 'profiles', 'quality', 'json', 'csv', 'explain', 'fit-check', 'help', 'version', 'debug', 'allow-implausible']);
  // Spelled for the command line, each with the field it sets.
  const EXCEPTIONS: Record<string, string> = { image: 'images (one --image per image)', 'vit-wbits': 'vit.wbits', duration: 'duration_s (takes 10m, 1h)', queries: 'sets duration_s to N requests back to back' };

  it('every scenario flag of estimate is a scenario field name in kebab case (kv-bits = kv_bits)', async () => {
    const help = (await mmplan(['estimate', '--help'])).stdout;
    const flags = [...help.matchAll(/^\s+--([a-z][a-z-]*)/gm)].map((m) => m[1]);
    expect(flags).toContain('kv-bits');
    const scenarioFlags = flags.filter((f) => !CLI_ONLY.has(f) && !EXCEPTIONS[f]);
    expect(scenarioFlags.length).toBeGreaterThan(10);
    for (const f of scenarioFlags) expect(leaves.has(f.replace(/-/g, '_')), `--${f}`).toBe(true);
  });
  it('the old spelling --kvbits still works', async () => {
    const j = JSON.parse((await mmplan(['estimate', '--kvbits', '8', '--json'])).stdout);
    expect(j.plan.scenario.quant.kv_bits).toBe(8);
  });
});
