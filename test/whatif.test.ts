/**
 * The what-if panel, Node side: a report embeds the panel and its inputs as valid JSON, and the
 * code the page runs (core/whatif.ts) on those inputs, read back from the page's JSON (so nothing
 * is lost in the round trip, an Infinity turned null, say), gives exactly what
 * `mmplan estimate --json` prints for the same choices over the sweep's base scenario: with
 * engines (their defaults and calibrated tuning), a named quantization and a text-only model.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReport } from '../cli/commands/report.js';
import { whatIf, choicesToArgs, type WhatIfChoices, type WhatIfInputs } from '../core/whatif.js';
import type { Estimate } from '../core/types.js';
import { mmplan } from './cli-helpers.js';
import { noNoise } from '../cli/machine-output.js';

const SPEC = `
name: whatif-engines
base:
  images: [1024x768]
  prompt_tokens: 64
  output_tokens: 64
axes:
  device: [snapdragon-8-gen-3, dimensity-9300]
  engine: [llama.cpp-cpu, mlc-gpu]
  model: [internvl2-2b, qwen2.5-1.5b]
  kv_bits: [8, 16]
objectives: [min latency_s.ttft, min memory_gb.peak]
`;

const dir = mkdtempSync(join(tmpdir(), 'mmplan-whatif-'));
let html: string;
let inputs: WhatIfInputs;
let chosenConfig: Record<string, string>;
const baseFile = join(dir, 'base.yaml');

/** The text of the one element with this id (a <script> body). */
function scriptById(id: string): string {
  const m = new RegExp(`<script type="application/json" id="${id}">([^]*?)</script>`).exec(html);
  if (!m) throw new Error(`no #${id}`);
  return m[1];
}

beforeAll(async () => {
  const spec = join(dir, 'spec.yaml');
  writeFileSync(spec, SPEC);
  const r = await writeReport(spec, join(dir, 'report'), { png: false, validation: false });
  html = readFileSync(r.index, 'utf8');
  chosenConfig = r.data.chosen.config;
  inputs = JSON.parse(scriptById('whatif-inputs'));
  writeFileSync(baseFile, JSON.stringify(inputs.base));
}, 120_000);

/** An estimate without the parts that describe rather than compute (assumption lines, error bands). */
const numbers = (e: Estimate) => ({ ...e, assumptions: undefined, uncertainty: undefined });
/** The page's estimate as estimate --json prints numbers (binary noise rounded off, cli/machine-output.ts). */
const printed = (e: Estimate): Estimate => JSON.parse(JSON.stringify(e, noNoise));
/** estimate --json without the plan it echoes first. */
const predictions = (j: Estimate & { schema_version?: number; plan?: unknown }): Estimate => ({ ...j, schema_version: undefined, plan: undefined }) as Estimate;

async function cli(c: WhatIfChoices) {
  const r = await mmplan(['estimate', '--json', '--no-fit-check', '--scenario', baseFile, ...choicesToArgs(c)]);
  return r;
}

describe('the report with a what-if panel', () => {
  it('has the section, its controls and outputs named by estimate fields, and the CSP unchanged', () => {
    expect(html).toContain('<section id="what-if">');
    for (const c of ['device', 'engine', 'model', 'weights', 'kv_bits', 'max_tiles', 'image_width', 'image_height', 'chunk', 'vit_batch']) expect(html).toContain(`data-choice="${c}"`);
    for (const f of ['latency_s.ttft', 'latency_s.vision_encode', 'latency_s.prefill', 'decode_tok_s.mean', 'memory_gb.peak']) expect(html).toContain(`data-metric="${f}"`);
    expect(html).toContain(`content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script[^>]+src=/);
    // The Pareto charts say which fields they plot, for the panel's point.
    expect(html).toMatch(/data-chart="pareto" data-x="memory_gb.peak" data-y="latency_s.ttft"/);
  });

  it('embeds the inputs as valid JSON: every device tuned per engine, the models with their evidence, the engines', () => {
    expect(Object.keys(inputs.devices).sort()).toEqual(['dimensity-9300|llama.cpp-cpu', 'dimensity-9300|mlc-gpu', 'snapdragon-8-gen-3|llama.cpp-cpu', 'snapdragon-8-gen-3|mlc-gpu']);
    expect(inputs.devices['dimensity-9300|mlc-gpu'].placement?.llm).toBe('gpu');
    expect(Object.keys(inputs.models)).toEqual(['internvl2-2b', 'qwen2.5-1.5b']);
    expect(inputs.models['internvl2-2b'].evidence?.benchmarks).toBeTruthy();
    expect(inputs.engines['llama.cpp-cpu'].defaults.kv_bits).toBe(16);
    expect(inputs.options.kv_bits).toEqual(expect.arrayContaining([8, 16]));
    expect(inputs.options.quant).toContain('Q4_K_M');
    // The controls start at the recommended plan.
    const { initial } = inputs;
    expect({ device: initial.device, engine: initial.engine, model: initial.model, kv_bits: String(initial.kv_bits) }).toEqual(chosenConfig);
  });

  it('the panel script is one inline bundle of reasonable size that cannot end its element early', () => {
    const scripts = [...html.matchAll(/<script>([^]*?)<\/script>/g)].map((m) => m[1]);
    const bundle = scripts[scripts.length - 1];
    expect(bundle).toContain('whatif-inputs');
    expect(bundle.length).toBeLessThan(250_000);
    expect(bundle).not.toMatch(/<\/script|<!--/i);
  });
});

describe('what-if numbers equal mmplan estimate --json for the same choices', () => {
  const choices = (): Array<[string, WhatIfChoices]> => [
    ['the recommended plan', inputs.initial],
    ['llama.cpp on the Dimensity (engine defaults: 8-bit activations, groups of 32)', { device: 'dimensity-9300', engine: 'llama.cpp-cpu', model: 'internvl2-2b', wbits: 4, kv_bits: 8, max_tiles: 4, images: [{ width: 1280, height: 720 }], chunk: 256, vit_batch: 2 }],
    ['a named quantization on the GPU', { device: 'snapdragon-8-gen-3', engine: 'mlc-gpu', model: 'internvl2-2b', quant: 'Q4_K_M', kv_bits: 16, max_tiles: 2, images: [{ width: 768, height: 1536 }], chunk: 64, vit_batch: 1 }],
    ['a text-only model', { device: 'snapdragon-8-gen-3', engine: 'llama.cpp-cpu', model: 'qwen2.5-1.5b', wbits: 3, kv_bits: 4, chunk: 128, vit_batch: 4 }],
  ];
  it.each([0, 1, 2, 3])('case %i', async (i) => {
    const [what, c] = choices()[i];
    const page = whatIf(inputs, c);
    const r = await cli(c);
    expect(r.code, `${what}: ${r.stderr}`).toBe(0);
    expect(numbers(printed(page)), what).toEqual(numbers(predictions(JSON.parse(r.stdout))));
  });

  it('a choice the CLI refuses is refused by the panel too', async () => {
    const c: WhatIfChoices = { ...inputs.initial, model: 'internvl2-2b', max_tiles: undefined, images: [{ width: 1024, height: 768 }], chunk: 0 };
    expect(() => whatIf(inputs, c)).toThrow(/integer >= 1/);
    expect((await cli(c)).code).not.toBe(0);
    const textOnly: WhatIfChoices = { device: 'dimensity-9300', engine: 'mlc-gpu', model: 'qwen2.5-1.5b', wbits: 4, kv_bits: 8, images: [{ width: 100, height: 100 }], chunk: 64, vit_batch: 1 };
    expect(() => whatIf(inputs, textOnly)).toThrow(/text-only/);
    expect((await cli(textOnly)).stderr).toMatch(/text-only/);
  });
});
