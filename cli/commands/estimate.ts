/** `mmplan estimate`: one what-if, printed as a phase and memory breakdown (or --json / --csv). */
import type { Argv, Options } from 'yargs';
import { CATALOG } from './catalog.js';
import { estimate } from '../../core/estimate/index.js';
import type { Estimate } from '../../core/types.js';
import type { Scenario } from '../../core/schema/index.js';
import { prepare, type ScenarioFlags } from '../scenario-input.js';
import { table, style, csv } from '../output.js';
import { machineJson, estimateObject, estimateCsv, precise } from '../machine-output.js';
import { compareEngines, type EngineRow } from '../engine-compare.js';
import { fmt } from '../../core/units.js';
import { guard } from '../run.js';
import { InputError } from '../../core/errors.js';

/** The deployment-choice flags, spelled like scenario fields (kv-bits = kv_bits), shared by estimate, compare-tiling, chart and report. */
const SCENARIO_FLAGS: Array<[string, Options]> = [
  ['device', { type: 'string', describe: 'a phone, laptop or board as people name it ("Pixel 9 Pro", "Galaxy S24 Ultra 12GB"), a chip ("Snapdragon 8 Gen 3", SM8650), a profile id or a YAML file (default dimensity-9300)' }],
  ['model', { type: 'string', describe: 'a model as people name it ("Qwen/Qwen2.5-VL-3B-Instruct", "Llama-3.2-1B-Instruct-Q4_K_M.gguf"), an id or a YAML file (default bluelm-v-3b)' }],
  ['engine', { type: 'string', describe: "inference engine (device-profiles/engines/): its calibrated efficiencies apply; 'all' (estimate) compares every engine the device can run" }],
  ['image', { type: 'string', array: true, describe: 'image size WxH (repeat for a multi-image prompt)' }],
  ['prompt-tokens', { type: 'number', describe: 'text tokens in the prompt (image tokens are added)' }],
  ['input-tokens', { type: 'number', describe: 'total input tokens incl. image tokens (text = this - image tokens)' }],
  ['output-tokens', { type: 'number', describe: 'tokens to generate' }],
  ['quant', { type: 'string', describe: "named quantization of the LLM: a GGUF type (Q4_K_M, Q8_0, IQ4_XS), AWQ, GPTQ, NF4, MLX 4-bit, q4f16_1, w4a16, 8da4w, int4 (see 'mmplan list quants')" }],
  ['wbits', { type: 'number', describe: 'LLM weight bits' }],
  ['vit-wbits', { type: 'number', describe: 'vision encoder weight bits' }],
  ['abits', { type: 'number', describe: 'LLM activation bits' }],
  ['kv-bits', { alias: 'kvbits', type: 'number', describe: 'KV-cache bits (kv_bits in scenario and spec files)' }],
  ['group-size', { type: 'number', describe: 'LLM weight quantization group size (0 = per channel)' }],
  ['max-tiles', { type: 'number', describe: "cap on image tiles (mapped onto the policy's own parameter)" }],
  ['policy', { type: 'string', describe: "tiling policy (default: the model's own)" }],
  ['chunk', { type: 'number', describe: 'prefill chunk size in tokens' }],
  ['vit-batch', { type: 'number', describe: 'tiles per vision-encoder call' }],
  ['duration', { type: 'string', describe: 'how long the app has been running requests back to back: 600, 90s, 10m, 1h (duration_s in files; default 10m); the sustained figures are after it' }],
  ['queries', { type: 'number', describe: 'or: this many requests back to back (the duration is their end-to-end time)' }],
];

/** The scenario flags, less those a command defines its own way (compare-tiling: one --image, every --policy). */
export const scenarioFlagOptions = (y: Argv, omit: readonly string[] = []) => {
  for (const [name, o] of SCENARIO_FLAGS) if (!omit.includes(name)) y.option(name, o);
  return y;
};

export const scenarioOptions = (y: Argv) =>
  scenarioFlagOptions(y)
    .option('scenario', { type: 'string', describe: 'scenario YAML (flags override it)' })
    .option('profiles', { type: 'string', describe: 'calibration file from mmplan calibrate (default: data/calibrated.yaml)' })
    .option('quality', { type: 'string', describe: 'your own measured scores (CSV: benchmark,score,wbits,max_tiles,keep_ratio,policy); they override predictions' });

export function estimateCommand(y: Argv) {
  return y.command(
    CATALOG.estimate.command,
    CATALOG.estimate.describe,
    (a) =>
      scenarioOptions(a)
        .option('json', { type: 'boolean', describe: 'print one JSON object' })
        .option('csv', { type: 'boolean', describe: 'print a header and one CSV row' })
        .option('explain', { type: 'boolean', describe: 'also print every benchmark, band and assumption with its source' })
        .option('fit-check', { type: 'boolean', default: true, describe: 'exit 2 when the plan does not fit usable memory (--no-fit-check to report only)' })
        .example('$0 estimate', "BlueLM-V-3B's measured deployment on the Dimensity 9300")
        .example('$0 estimate --device "Pixel 8" --model llama-3.2-1b --wbits 4 --engine all', 'the same plan on every runtime the phone can run, fastest decode first')
        .example('$0 estimate --model internvl2-2b --device snapdragon-8-gen-3 --image 1920x1080 --wbits 4', 'another model and device')
        .example('$0 estimate --device "Pixel 9 Pro" --model Qwen/Qwen2.5-VL-3B-Instruct --engine llama.cpp-cpu --explain', 'every assumption behind the numbers, with its source'),
    (argv) =>
      guard(argv, () => {
        if (argv.engine === 'all') return void printEngineComparison(argv as ScenarioFlags & { json?: boolean; csv?: boolean });
        const p = prepare(argv as ScenarioFlags);
        let e = estimate(p.device.value, p.model.value, p.scenario, { assumptions: p.assumptions, quality: p.quality });
        // --queries N: the sustained figures after N requests back to back (their end-to-end time).
        const queries = argv.queries as number | undefined;
        if (queries !== undefined) {
          if (!Number.isInteger(queries) || queries < 1) throw new InputError(`expected a whole number of requests >= 1, found ${queries}`, undefined, '--queries');
          if (argv.duration !== undefined) throw new InputError('give --duration or --queries, not both', undefined, '--queries');
          p.scenario = { ...p.scenario, duration_s: queries * e.latency_s.e2e };
          e = estimate(p.device.value, p.model.value, p.scenario, { assumptions: p.assumptions, quality: p.quality });
        }
        if (p.uncertainty && Object.keys(p.uncertainty).length) e.uncertainty = p.uncertainty;
        const plan = { engine: p.engine, scenario: p.scenario };
        if (argv.json) process.stdout.write(machineJson(estimateObject(e, plan)));
        else if (argv.csv) process.stdout.write(estimateCsv(e, plan));
        else process.stdout.write(renderEstimate(e, p.device.value.name, p.model.value.name, { engine: p.engine, scenario: p.scenario }, argv.explain === true) + '\n');
        if (!e.fits && argv['fit-check'] !== false) {
          throw new InputError(
            `${p.model.value.id} needs ${e.memory_gb.peak.toFixed(2)} GB at its peak (${e.memory_gb.peak_phase}), ${e.miss_gb.toFixed(2)} GB more than the ${e.memory_gb.usable.toFixed(2)} GB usable on ${p.device.value.id}; try fewer weight bits, a smaller KV cache or another device (--no-fit-check to report anyway)`,
            p.device.file,
            'memory.usable',
          );
        }
      }),
  );
}

const ms = (s: number) => fmt.s(s);

/** `--engine all`: one row per engine (cli/engine-compare.ts). @internal */
function printEngineComparison(flags: ScenarioFlags & { json?: boolean; csv?: boolean }): void {
  const c = compareEngines(flags);
  if (flags.json) return void process.stdout.write(machineJson(c));
  const ok = c.rows.filter((r): r is Extract<EngineRow, { applicable: true }> => r.applicable);
  const no = c.rows.filter((r): r is Extract<EngineRow, { applicable: false }> => !r.applicable);
  if (flags.csv) {
    return void process.stdout.write(
      csv([
        ['engine', 'applicable', 'unit', 'decode_tok_s', 'ttft_s', 'peak_memory_gb', 'fits', 'decode_band_pct', 'level', 'reason'],
        ...ok.map((r) => [r.engine, true, r.unit, precise(r.decode_tok_s), precise(r.ttft_s), precise(r.peak_memory_gb), r.fits, r.decode_band_pct ?? '', r.level, '']),
        ...no.map((r) => [r.engine, false, '', '', '', '', '', '', '', r.reason]),
      ]),
    );
  }
  const lines = [
    style.bold(`${c.model} on ${c.device}: every engine the device can run, fastest decode first`),
    table([
      ['engine', 'unit', 'decode', 'TTFT', 'peak memory', 'calibration'],
      ...ok.map((r) => [r.engine, r.unit, `${r.decode_tok_s.toFixed(1)} tok/s${r.decode_band_pct !== null ? ` ±${r.decode_band_pct.toFixed(0)}%` : ''}`, ms(r.ttft_s), `${gb(r.peak_memory_gb)}${r.fits ? '' : ' (does not fit)'}`, r.level]),
    ]),
  ];
  if (no.length) lines.push('', 'not applicable:', ...no.map((r) => `  ${r.engine}: ${r.reason}`));
  process.stdout.write(lines.join('\n') + '\n');
}
const gb = (x: number) => `${x.toFixed(2)} GB`;

/** What the estimate ran with: the plan as resolved (engine, bits, KV, chunk, batch). */
export type PlanLine = { engine?: string; scenario: Scenario };

/** Benchmarks shown on the one screen; --explain shows all. */
const HEADLINE_BENCHMARKS = 4;

/**
 * One screen by default: the plan as resolved, the phases, decode speed, the memory verdict, the
 * headline quality and one line summarising the assumptions. `explain` adds every benchmark and every
 * assumption with its source. A text-only model shows no vision rows.
 */
export function renderEstimate(e: Estimate, deviceName: string, modelName: string, plan?: PlanLine, explain = false): string {
  const lines: string[] = [];
  lines.push(style.bold(`${modelName} on ${deviceName}`));
  if (plan) {
    const q = plan.scenario.quant;
    const vision = e.tokens.image > 0;
    lines.push(
      `plan: ${plan.engine ? `engine ${plan.engine}, ` : ''}LLM W${q.llm.wbits}A${q.llm.abits}${q.llm.group_size ? ` g${q.llm.group_size}` : ''}${q.llm.format ? ` (${q.llm.format})` : ''}, KV ${q.kv_bits}-bit, prefill chunk ${plan.scenario.chunk}${vision ? `, ViT W${q.vit.wbits} batch ${plan.scenario.vit_batch}` : ''}`,
    );
  }
  const t = e.tiles;
  if (t.per_image.length) {
    lines.push(
      `image${t.per_image.length > 1 ? 's' : ''}: ${t.per_image.map((i) => `${i.width}x${i.height} -> ${i.cols}x${i.rows}${i.thumbnail ? ' + thumbnail' : ''}`).join(', ')} (${t.policy}); ${t.count} encoder inputs`,
    );
  }
  lines.push(`tokens: ${e.tokens.image} image + ${e.tokens.text} text = ${e.tokens.total}${e.tokens.image_kept !== e.tokens.image ? ` (${e.tokens.image_kept} image tokens kept after pruning)` : ''}`);
  const hasVision = t.per_image.length > 0;
  lines.push(hasVision ? `units: patch embed ${e.units.patch_embed}, ViT ${e.units.vit}, projector ${e.units.projector}, LLM ${e.units.llm}` : `unit: LLM ${e.units.llm}`);
  lines.push('');
  const L = e.latency_s;
  lines.push(
    table([
      ['phase', 'time'],
      ...(hasVision
        ? [
            ['preprocess', ms(L.preprocess)],
            ['vision encode', ms(L.vision_encode)],
            ['projector', ms(L.projector)],
          ]
        : []),
      ['prefill', ms(L.prefill)],
      ['first token', ms(L.first_token)],
      ['TTFT', ms(L.ttft)],
      ...(hasVision ? [['TTFT (encode decoupled)', ms(L.ttft_decoupled)]] : []),
      ['decode total', ms(L.decode_total)],
      ['end to end', ms(L.e2e)],
    ]),
  );
  lines.push('');
  const band = (k: keyof NonNullable<Estimate['uncertainty']>) => (e.uncertainty?.[k] ? ` (±${e.uncertainty[k]!.band_pct.toFixed(0)}%, 68% band)` : '');
  lines.push(`decode: ${e.decode_tok_s.mean.toFixed(1)} tok/s mean${band('decode_tok_s')} (first ${e.decode_tok_s.first.toFixed(1)}, last ${e.decode_tok_s.last.toFixed(1)}); prefill: ${e.prefill_tok_s.toFixed(0)} tok/s`);
  const S = e.sustained;
  const after = S.after_s >= 120 ? `${(S.after_s / 60).toFixed(S.after_s % 60 ? 1 : 0)} min` : `${S.after_s.toFixed(0)} s`;
  lines.push(
    `energy: ${e.energy_j.query.toFixed(1)} J a request (${e.energy_j.per_output_token.toFixed(2)} J/token decoding, ${e.power_w.decode.toFixed(1)} W)` +
      (e.battery_pct ? `, ${e.battery_pct.per_100_queries.toFixed(1)}% of a ${e.battery_pct.battery_wh.toFixed(1)} Wh battery per 100 requests` : ''),
  );
  lines.push(
    S.throttle_at_s === null
      ? `after ${after} of use: no throttling (${e.power_w.average.toFixed(1)} W is within what the device holds)`
      : S.after_s >= S.throttle_at_s
        ? `after ${after} of use: ${S.decode_tok_s.toFixed(1)} tok/s, TTFT ${ms(S.ttft_s)} (throttled from ${(S.throttle_at_s / 60).toFixed(1)} min on, ${((1 - S.throttled_factor) * 100).toFixed(0)}% slower)`
        : `after ${after} of use: full speed; throttling would start at ${(S.throttle_at_s / 60).toFixed(1)} min (then ${((1 - S.throttled_factor) * 100).toFixed(0)}% slower)`,
  );
  lines.push('');
  const M = e.memory_gb;
  const W = M.weights_by_component;
  lines.push(
    table([
      ['memory', 'size'],
      ...(hasVision
        ? [
            ['weights: ViT', gb(W.vit)],
            ['weights: projector', gb(W.projector)],
          ]
        : []),
      ['weights: LLM', gb(W.llm)],
      ['weights: embeddings/LM head', gb(W.embeddings)],
      ...(M.streamed_weights > 0 ? [['streamed from storage (not resident)', gb(M.streamed_weights)]] : []),
      ['KV cache', gb(M.kv_cache)],
      [`activations (${M.peak_phase})`, gb(M.activations)],
      ['runtime', gb(M.runtime)],
      [`peak (${M.peak_phase})${band('peak_memory')}`, gb(M.peak)],
      ['usable on device', gb(M.usable)],
    ]),
  );
  lines.push(e.fits ? style.green(`fits: yes (${gb(M.usable - M.peak)} to spare)`) : style.red(`fits: NO, ${gb(e.miss_gb)} over usable memory`));
  const quality = Object.entries(e.quality ?? {});
  if (quality.length) {
    lines.push('');
    const shown = explain ? quality : quality.slice(0, HEADLINE_BENCHMARKS);
    lines.push(
      table([
        ['benchmark', 'predicted', 'basis'],
        ...shown.map(([b, q]) => [b, `${q.score.toFixed(1)}${q.uncertainty > 0 ? ` ±${q.uncertainty.toFixed(1)}` : ''}`, explain && q.notes.length ? `${q.basis}: ${q.notes.join('; ')}` : q.basis]),
      ]),
    );
    if (!explain && quality.length > shown.length) lines.push(style.dim(`(${quality.length - shown.length} more benchmarks and the basis of each: --explain)`));
  }
  if (explain && e.uncertainty) {
    lines.push('');
    for (const [k, u] of Object.entries(e.uncertainty)) lines.push(style.dim(`band ${k}: ±${u!.band_pct.toFixed(0)}% (${u!.basis})`));
  }
  if (e.assumptions.length) {
    lines.push('');
    if (explain) {
      lines.push(style.dim('assumptions:'));
      for (const a of e.assumptions) lines.push(style.dim(`  - ${a}`));
    } else {
      // Said in one line; --explain lists each with its source.
      const count = (re: RegExp) => e.assumptions.filter((a) => re.test(a)).length;
      const est = count(/^estimated:/);
      const cal = count(/^calibrated:/);
      // What each name resolved to and which engine and calibration level ran stay on the screen.
      const shown = e.assumptions.filter((a) => /^(engine[: ]|model: |device: |quant: )/.test(a));
      for (const a of shown) lines.push(style.dim(a));
      lines.push(style.dim(`assumptions: ${est} estimated, ${cal} calibrated, ${e.assumptions.length - est - cal - shown.length} other (--explain lists them with their sources)`));
    }
  }
  return lines.join('\n');
}
