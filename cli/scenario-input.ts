/**
 * Scenario input: merge a scenario file and command-line flags (flags win) over the embedded
 * default, load the device and model they name, and resolve the deployment choices.
 */
import { resolveImages } from './images.js';
import { scenarioFileSchema, type ScenarioFile, type DeviceProfile, type ModelConfig, type Scenario } from '../core/schema/index.js';
import { DEFAULT_SCENARIO_FILE, mergeScenario, resolveScenario, withPlacementDefaults } from '../core/scenario.js';
import type { ProvenanceMap } from '../core/provenance.js';
import { readDataFile, validate, type Loaded } from './load.js';
import { loadDevice, loadEngineNamed, loadModel } from './names.js';
import { InputError, ScenarioError } from '../core/errors.js';
import { GROUP_SCALE_BYTES } from '../core/defaults.js';
import { calibrationFor } from './shipped.js';
import { findQuantFormat, formatName } from '../core/quant/presets.js';
import { applyEngine, uncertaintyFor } from '../core/calibration/index.js';
import { defaultEngine } from '../core/engine-choice.js';
import { applyEngineDefaults } from '../core/engine-defaults.js';
import type { Estimate } from '../core/types.js';
import type { QualityEvidence, MeasuredScore } from '../core/quality.js';
import type { QualityPrior } from '../core/quality-priors.js';
import { loadPriors, loadQuality, readMeasuredScores } from './quality-input.js';
import { warn } from './output.js';

export type ScenarioFlags = {
  device?: string;
  model?: string;
  image?: string[];
  'prompt-tokens'?: number;
  'input-tokens'?: number;
  'output-tokens'?: number;
  wbits?: number;
  'vit-wbits'?: number;
  abits?: number;
  kvbits?: number;
  'group-size'?: number;
  'max-tiles'?: number;
  policy?: string;
  chunk?: number;
  'vit-batch'?: number;
  duration?: string;
  queries?: number;
  scenario?: string;
  engine?: string;
  quant?: string;
  profiles?: string;
  quality?: string;
};

export type Prepared = {
  device: Loaded<DeviceProfile>;
  model: Loaded<ModelConfig>;
  scenario: Scenario;
  assumptions: string[];
  uncertainty?: Estimate['uncertainty'];
  engine?: string;
  /** Which calibration level the engine's parameters came from (device, family, engine class, engine defaults). */
  level?: string;
  quality: { evidence?: QualityEvidence; measured?: MeasuredScore[]; priors?: readonly QualityPrior[] };
};


function flagInt(name: string, v: number | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < min) throw new InputError(`expected an integer >= ${min}, found ${v}`, undefined, `--${name}`);
  return v;
}

/** Flags as a scenario-file fragment (only what was given). */
/** "600", "90s", "10m", "10 min", "1.5h" in seconds; anything else is an error naming --duration. */
export function durationSeconds(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h)?\s*$/.exec(text);
  if (!m || Number(m[1]) <= 0) throw new InputError(`expected a duration like 600, 90s, 10m or 1h, found "${text}"`, undefined, '--duration');
  return Number(m[1]) * ({ s: 1, sec: 1, m: 60, min: 60, h: 3600 }[m[2] ?? 's'] ?? 1);
}

export function flagsToScenario(f: ScenarioFlags): ScenarioFile {
  const out: ScenarioFile = {};
  if (f.device) out.device = f.device;
  if (f.model) out.model = f.model;
  if (f.engine) out.engine = f.engine;
  if (f.quant) out.quant = f.quant;
  if (f.image?.length) out.images = resolveImages(f.image, { allowDirectory: false }).map(({ width, height }) => ({ width, height }));
  const pt = flagInt('prompt-tokens', f['prompt-tokens'], 0);
  if (pt !== undefined) out.prompt_tokens = pt;
  const it = flagInt('input-tokens', f['input-tokens'], 1);
  if (it !== undefined) out.input_tokens = it;
  const ot = flagInt('output-tokens', f['output-tokens'], 1);
  if (ot !== undefined) out.output_tokens = ot;
  const wb = flagInt('wbits', f.wbits, 1);
  const ab = flagInt('abits', f.abits, 1);
  const gs = flagInt('group-size', f['group-size'], 0);
  if (wb !== undefined || ab !== undefined || gs !== undefined) {
    out.llm = { ...(wb !== undefined ? { wbits: wb } : {}), ...(ab !== undefined ? { abits: ab } : {}), ...(gs !== undefined ? { group_size: gs, scale_bytes: gs > 0 ? GROUP_SCALE_BYTES : 0 } : {}) };
  }
  const vw = flagInt('vit-wbits', f['vit-wbits'], 1);
  if (vw !== undefined) out.vit = { wbits: vw };
  const kv = flagInt('kvbits', f.kvbits, 1);
  if (kv !== undefined) out.kv_bits = kv;
  const mt = flagInt('max-tiles', f['max-tiles'], 1);
  if (mt !== undefined || f.policy) out.tiling = { ...(mt !== undefined ? { max_tiles: mt } : {}), ...(f.policy ? { policy: f.policy as never } : {}) };
  const ch = flagInt('chunk', f.chunk, 1);
  if (ch !== undefined) out.chunk = ch;
  const vb = flagInt('vit-batch', f['vit-batch'], 1);
  if (vb !== undefined) out.vit_batch = vb;
  if (f.duration !== undefined) out.duration_s = durationSeconds(String(f.duration));
  for (const [k, v] of Object.entries({ wbits: wb, abits: ab, kvbits: kv, 'vit-wbits': vw })) {
    if (v !== undefined && v > 32) throw new InputError(`expected bits between 1 and 32, found ${v}`, undefined, `--${k}`);
  }
  return out;
}

export function readScenarioFile(file: string): ScenarioFile {
  return validate(scenarioFileSchema, readDataFile(file), file, 'scenario').value;
}

/** Human lines for the estimated / calibrated numbers a prediction rests on. */
export function provenanceAssumptions(label: string, prov: ProvenanceMap): string[] {
  const out: string[] = [];
  for (const [path, p] of Object.entries(prov)) {
    if (p.calibrated) out.push(`calibrated: ${label} ${path} (${p.source})`);
    else if (p.estimated) out.push(`estimated: ${label} ${path} (${p.why ?? p.source})`);
  }
  return out;
}

export function prepare(flags: ScenarioFlags, base: ScenarioFile = DEFAULT_SCENARIO_FILE): Prepared {
  const fromFile = flags.scenario ? readScenarioFile(flags.scenario) : {};
  // A scenario naming another model/device does not inherit the BlueLM-specific token budget.
  const useBase = !(fromFile.model || flags.model || fromFile.device || flags.device) ? base : { device: base.device, model: base.model };
  const fromFlags = flagsToScenario(flags);
  if (fromFlags.prompt_tokens !== undefined && fromFlags.input_tokens !== undefined) {
    throw new InputError('give the text tokens (--prompt-tokens) or the total input (--input-tokens), not both', undefined, '--prompt-tokens');
  }
  const merged = mergeScenario(useBase, fromFile, fromFlags);
  // A prompt length on the command line is what the user wants: it replaces a fixed total input
  // from the scenario (BlueLM-V-3B's 2048) instead of silently losing to it.
  if (fromFlags.prompt_tokens !== undefined && merged.input_tokens !== undefined) {
    warn(`--prompt-tokens ${fromFlags.prompt_tokens} replaces the scenario's input_tokens ${merged.input_tokens} (text tokens are now ${fromFlags.prompt_tokens}, image tokens on top)`);
    delete merged.input_tokens;
  }
  let device = loadDevice(merged.device ?? DEFAULT_SCENARIO_FILE.device!);
  const model = loadModel(merged.model ?? DEFAULT_SCENARIO_FILE.model!);
  // A quantization named in the model's name ("...-Q4_K_M.gguf") is the quantization, unless one is given.
  if (model.quant) {
    if (merged.quant && findQuantFormat(merged.quant) && findQuantFormat(model.quant) && formatName(findQuantFormat(merged.quant)!) !== formatName(findQuantFormat(model.quant)!)) {
      throw new InputError(`the model name says ${model.quant} but --quant says ${merged.quant}; give one`, undefined, '--quant');
    }
    if (!findQuantFormat(model.quant)) warn(`'${model.given}': '${model.quant}' looks like a quantization mmplan does not know; ignored (see 'mmplan list quants')`);
    else merged.quant ??= model.quant;
  }
  if (!model.value.vision) {
    if (fromFlags.images) throw new InputError(`model '${model.value.id}' is text-only (no vision encoder); --image does not apply`, undefined, '--image');
    if (fromFlags.vit || fromFlags.vit_batch !== undefined || fromFlags.tiling) warn(`model '${model.value.id}' is text-only: the vision settings given (--vit-wbits, --vit-batch, --max-tiles, --policy) do not apply`);
    if (fromFile.images?.length) warn(`model '${model.value.id}' is text-only: the scenario's images are ignored`);
  }
  const calibration = calibrationFor(flags.profiles);
  const cal = calibration?.cal;
  const engineLines: string[] = [];
  let level: string | undefined;
  // No engine named: the vendor's runtime for the unit the LLM runs on (core/engine-choice.ts);
  // `--engine none` keeps the device profile's bare unit defaults.
  if (merged.engine === 'none') delete merged.engine;
  else if (!merged.engine) {
    const unit = merged.placement?.llm ?? device.value.default_placement.llm;
    const d = defaultEngine(device.value, unit);
    if (d) {
      merged.engine = d.engine;
      engineLines.push(`default engine: ${d.engine} for the ${unit} of ${device.value.id}, ${d.why} (--engine <id> for another, --engine all to compare, --engine none for the bare unit defaults)`);
    }
  }
  if (merged.engine) {
    const named = loadEngineNamed(merged.engine);
    if (named.resolution) engineLines.push(named.resolution);
    merged.engine = named.engine.id;
    engineLines.push(...applyEngineDefaults(merged, named.engine.defaults, fromFile, fromFlags, named.engine.id));
    const tuned = applyEngine(device.value, named.engine, cal, calibration?.label);
    level = tuned.level;
    device = { ...device, value: tuned.device };
    merged.placement = withPlacementDefaults(merged, tuned.placement).placement;
    engineLines.push(...tuned.lines);
  }
  let resolved;
  try {
    resolved = resolveScenario(model.value, device.value, merged);
  } catch (e) {
    if (e instanceof ScenarioError) {
      // A choice given as a flag is named as the flag; one from the scenario file by its field.
      const flag = e.field === 'quant' && flags.quant ? '--quant' : undefined;
      throw new InputError(e.message, flag ? undefined : flags.scenario, flag ?? e.field);
    }
    throw e;
  }
  const assumptions = [
    ...[model.resolution, device.resolution].filter((x): x is string => !!x),
    ...engineLines,
    ...resolved.notes,
    ...(resolved.defaults.length ? [`defaults: ${resolved.defaults.join(', ')}`] : []),
    ...(model.value.estimated ? [`estimated: model ${model.value.id} (${model.value.why})`] : []),
    ...provenanceAssumptions(`model ${model.value.id}`, model.provenance),
    ...provenanceAssumptions(`device ${device.value.id}`, device.provenance),
  ];
  const uncertainty = cal ? uncertaintyFor(cal, device.value.id, merged.engine) : undefined;
  const evidence = loadQuality(model.value.id);
  const measured = flags.quality ? readMeasuredScores(flags.quality, evidence?.reference) : undefined;
  return { device, model, scenario: resolved.scenario, assumptions, uncertainty, engine: merged.engine, level, quality: { evidence, measured, priors: evidence ? loadPriors() : undefined } };
}
