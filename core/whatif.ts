/**
 * What-if: one estimate from a report's resolved inputs and a handful of choices (device, engine,
 * model, LLM weight bits or a named format, KV bits, tile cap, image size, prefill chunk, ViT batch),
 * computed the way `mmplan estimate --scenario <base> --device ... --kvbits ...` computes it
 * (cli/scenario-input.ts prepare()): the choices are flags over the base scenario file, a
 * quantization named in the model's name fills `quant`, the engine's defaults go under what the file
 * and flags chose, the engine's placement under the file's own, then resolveScenario and estimate
 * with the model's quality evidence.
 *
 * Pure and without I/O: the HTML report's what-if panel runs this in the browser (bundled by
 * reports/whatif/bundle.ts) on inputs the CLI loaded and embedded at report time (cli/whatif.ts):
 * devices already tuned for their engine and calibration, models, engine defaults and evidence.
 */
import type { DeviceProfile, EngineDefaults, ImageSize, ModelConfig, Placement, ScenarioFile } from './schema/index.js';
import type { Estimate } from './types.js';
import type { QualityEvidence } from './quality.js';
import type { QualityPrior } from './quality-priors.js';
import { DEFAULT_SCENARIO_FILE, mergeScenario, resolveScenario, withPlacementDefaults } from './scenario.js';
import { applyEngineDefaults } from './engine-defaults.js';
import { estimate } from './estimate/index.js';
import { findQuantFormat, formatName } from './quant/presets.js';
import { ScenarioError } from './errors.js';

/** The choices a what-if makes; each is the flag of the same name (`--wbits`, `--kvbits`, ...). */
export type WhatIfChoices = {
  device: string;
  /** Absent: no engine (the device profile's own units and placement). */
  engine?: string;
  model: string;
  /** LLM weight bits (`--wbits`), or a named quantization (`--quant`): give one. */
  wbits?: number;
  quant?: string;
  kv_bits: number;
  /** Cap on image tiles (`--max-tiles`); absent for a policy without one or a text-only model. */
  max_tiles?: number;
  /** Image sizes (`--image WxH`, repeated); absent for a text-only model. */
  images?: ImageSize[];
  chunk: number;
  vit_batch: number;
};

/** A device as the report names it, tuned for one engine, and that engine's placement. */
export type WhatIfDevice = { device: DeviceProfile; placement?: Placement };

/** Everything a what-if reads, resolved on the CLI side: plain JSON, embedded in the report. */
export type WhatIfInputs = {
  /** The sweep's base scenario: the scenario file (`--scenario`) the choices are flags over. */
  base: ScenarioFile;
  /** Devices by `deviceKey(device, engine)`, as loaded and tuned by the CLI. */
  devices: Record<string, WhatIfDevice>;
  /** Models as the report names them, with their quality evidence and a quantization their name states. */
  models: Record<string, { model: ModelConfig; evidence?: QualityEvidence; name_quant?: string }>;
  /** The published ablations quality borrows for factors a model has no evidence for (quality-priors.ts). */
  priors?: QualityPrior[];
  /** Engines as the report names them: id and defaults. */
  engines: Record<string, { id: string; defaults: EngineDefaults }>;
  /** The values each control offers (a number input accepts others too). */
  options: { device: string[]; engine: string[]; model: string[]; wbits: number[]; quant: string[]; kv_bits: number[]; max_tiles: number[]; chunk: number[]; vit_batch: number[] };
  /** Where the controls start: the recommended plan. */
  initial: WhatIfChoices;
};

export const deviceKey = (device: string, engine: string | undefined) => `${device}|${engine ?? ''}`;

/** The choices as the scenario fragment their flags make (cli/scenario-input.ts flagsToScenario). */
export function choicesToFlags(c: WhatIfChoices): ScenarioFile {
  const out: ScenarioFile = { device: c.device, model: c.model };
  if (c.engine) out.engine = c.engine;
  if (c.quant) out.quant = c.quant;
  if (c.images?.length) out.images = c.images.map(({ width, height }) => ({ width, height }));
  if (c.wbits !== undefined) out.llm = { wbits: c.wbits };
  out.kv_bits = c.kv_bits;
  if (c.max_tiles !== undefined) out.tiling = { max_tiles: c.max_tiles };
  out.chunk = c.chunk;
  out.vit_batch = c.vit_batch;
  return out;
}

/** The `mmplan estimate` flags that make the same choices (over `--scenario` holding the base). */
export function choicesToArgs(c: WhatIfChoices): string[] {
  const args = ['--device', c.device, '--model', c.model];
  // The page computes on the device's bare units when no engine is chosen: say so to estimate, which otherwise picks the vendor's.
  args.push('--engine', c.engine ?? 'none');
  if (c.quant) args.push('--quant', c.quant);
  if (c.wbits !== undefined) args.push('--wbits', String(c.wbits));
  args.push('--kvbits', String(c.kv_bits));
  if (c.max_tiles !== undefined) args.push('--max-tiles', String(c.max_tiles));
  for (const i of c.images ?? []) args.push('--image', `${i.width}x${i.height}`);
  args.push('--chunk', String(c.chunk), '--vit-batch', String(c.vit_batch));
  return args;
}

/** The estimate of one what-if; throws ScenarioError (or another core error) for a choice that cannot run. */
export function whatIf(inputs: WhatIfInputs, c: WhatIfChoices): Estimate {
  const fromFile = inputs.base;
  const fromFlags = choicesToFlags(c);
  for (const [k, v] of Object.entries({ wbits: c.wbits, kv_bits: c.kv_bits, max_tiles: c.max_tiles, chunk: c.chunk, vit_batch: c.vit_batch })) {
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new ScenarioError(k, `expected an integer >= 1, found ${v}`);
  }
  // Flags name the device and model, so the embedded default contributes only those (overridden).
  const merged = mergeScenario({ device: DEFAULT_SCENARIO_FILE.device, model: DEFAULT_SCENARIO_FILE.model }, fromFile, fromFlags);
  const m = inputs.models[c.model];
  if (!m) throw new ScenarioError('model', `model '${c.model}' is not in this report`);
  if (!m.model.vision && c.images?.length) throw new ScenarioError('images', `model '${m.model.id}' is text-only (no vision encoder); an image does not apply`);
  for (const i of c.images ?? []) {
    if (!Number.isInteger(i.width) || !Number.isInteger(i.height) || i.width < 1 || i.height < 1) throw new ScenarioError('images', `expected an image size WxH of whole pixels, found ${i.width}x${i.height}`);
  }
  if (m.name_quant) {
    if (merged.quant && findQuantFormat(merged.quant) && formatName(findQuantFormat(merged.quant)!) !== formatName(findQuantFormat(m.name_quant)!)) {
      throw new ScenarioError('quant', `the model name says ${m.name_quant} but the quantization chosen is ${merged.quant}; give one`);
    }
    merged.quant ??= m.name_quant;
  }
  const d = inputs.devices[deviceKey(c.device, merged.engine)];
  if (!d) throw new ScenarioError('device', `device '${c.device}'${merged.engine ? ` with engine '${merged.engine}'` : ''} is not in this report`);
  if (merged.engine) {
    const engine = inputs.engines[merged.engine];
    if (!engine) throw new ScenarioError('engine', `engine '${merged.engine}' is not in this report`);
    merged.engine = engine.id;
    applyEngineDefaults(merged, engine.defaults, fromFile, fromFlags, engine.id);
    merged.placement = withPlacementDefaults(merged, d.placement).placement;
  }
  const { scenario } = resolveScenario(m.model, d.device, merged);
  return estimate(d.device, m.model, scenario, { quality: { evidence: m.evidence, priors: m.evidence ? inputs.priors : undefined } });
}

/** A numeric field of an estimate by its dotted name ("latency_s.ttft", "quality.DocVQA_val.score"); NaN when absent. */
export function fieldOf(e: Estimate, path: string): number {
  let v: unknown = e;
  for (const k of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return typeof v === 'number' ? v : NaN;
}
