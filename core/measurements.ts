/**
 * Measurements: published on-device numbers (one metric per record) and how each maps to a
 * scenario mmplan can predict: device profile, model, engine, unit, quantization, prompt and
 * output lengths, image. Names are normalised through alias tables ("Snapdragon 8 Gen 3 for
 * Galaxy" is the 8 Gen 3). Where a record leaves a field out, a documented default is used and
 * the record says so in its `flags`. A record that cannot be mapped says why; none is dropped.
 */
import { z } from 'zod';
import { UNIT_KINDS, scenarioFileSchema, type EngineDefaults, type ScenarioFile, type UnitKind } from './schema/index.js';
import { METRICS, METRIC_DEFS, type Metric } from './metrics.js';
import { DEFAULT_GROUP_SIZE, RECORD_DEFAULTS, groupingFor } from './defaults.js';
import { findQuantFormat, isWideFormat } from './quant/presets.js';

export { RECORD_DEFAULTS };


const nullableNumber = z.number().nullable().optional();

export const measurementRecordSchema = z
  .object({
    id: z.string().min(1),
    source: z.string().min(1),
    source_ref: z.string().nullable().optional(),
    metric: z.enum(METRICS),
    value: z.number().positive(),
    device_soc: z.string().nullable().optional(),
    device_name: z.string().nullable().optional(),
    engine: z.string().nullable().optional(),
    processor: z.string().nullable().optional(),
    model: z.string(),
    params_b: nullableNumber,
    weight_bits: nullableNumber,
    act_bits: nullableNumber,
    kv_bits: nullableNumber,
    prompt_tokens: nullableNumber,
    output_tokens: nullableNumber,
    image_size: z.string().nullable().optional(),
    image_tokens: nullableNumber,
    /** A named quantization as the source gives it (Q4_K_M, w4a16, q4f16_1, int4). */
    quant: z.string().nullable().optional(),
    /** The context the runtime was configured for, when the source says (Genie, LiteRT). */
    context_tokens: nullableNumber,
    /**
     * The model file's size as the source states it (MB = 10^6 bytes). For a text-only model it fixes
     * the stored bits per weight (core/calibration/records.ts), which a bare weight width only guesses.
     */
    model_file_mb: nullableNumber,
    /** Seconds of back-to-back runs before the value was read (sustained records). */
    duration_s: nullableNumber,
    vision_encoder: z.string().nullable().optional(),
    notes: z.string().nullable().optional(),
    caveats: z.unknown().optional(),
  })
  .passthrough();
export type MeasurementRecord = z.output<typeof measurementRecordSchema>;

const aliasBase = { match: z.string(), why: z.string().optional(), note: z.string().optional() };

export const aliasesSchema = z
  .object({
    devices: z.array(z.object({ ...aliasBase, device: z.string().nullable() }).strict()),
    models: z.array(z.object({ ...aliasBase, model: z.string().nullable() }).strict()),
    engines: z.array(z.object({ ...aliasBase, engine: z.string().nullable() }).strict()),
    units: z.array(z.object({ ...aliasBase, unit: z.enum(UNIT_KINDS).nullable() }).strict()),
  })
  .passthrough();
export type Aliases = z.output<typeof aliasesSchema>;

type Alias = { match: string; why?: string; note?: string };

/** First alias whose regex matches one of the texts: its target (string or null) and why/note. */
export function lookupAlias(list: Alias[], key: string, ...texts: Array<string | null | undefined>): { target: string | null; why?: string; note?: string } | undefined {
  for (const text of texts) {
    if (!text) continue;
    for (const a of list) {
      if (new RegExp(a.match, 'i').test(text)) return { target: ((a as Record<string, unknown>)[key] as string | null) ?? null, why: a.why, note: a.note };
    }
  }
  return undefined;
}

/** Per-record scenario details from the source's text, or a reason to skip the record. */
export const recordScenarioSchema = z.array(
  z.union([
    z.object({ match_id: z.string(), scenario: z.record(z.string(), z.unknown()) }).strict(),
    z.object({ match_id: z.string(), skip: z.string() }).strict(),
  ]),
);
export type RecordScenarios = z.output<typeof recordScenarioSchema>;

/**
 * The name resolver as measurement mapping uses it: a text to an id (and, for models, a
 * quantization named in it), or why it cannot be one. Supplied by the caller, who holds the index.
 */
export type NameLookup = {
  device: (text: string) => { id: string } | { error: string };
  /** `paramsB`: the parameter count the record states, which may tell two same-named models apart. */
  model: (text: string, paramsB?: number) => { id: string; quant?: string } | { error: string };
};

/** The first of several texts the resolver maps; else the last one's error (undefined if no texts). */
function byName(lookup: ((text: string) => { id: string; quant?: string } | { error: string }) | undefined, ...texts: Array<string | null | undefined>): { target: string | null; why?: string; note?: string; quant?: string } | { error: string } | undefined {
  if (!lookup) return undefined;
  let last: { error: string } | undefined;
  for (const t of texts) {
    if (!t) continue;
    // "SM8750 (骁龙 8 Elite)", "MacBook Pro (2023 M3)": the whole text, the text outside the brackets, then inside.
    const inside = [...t.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]);
    for (const v of [t, t.replace(/\([^)]*\)/g, ' ').trim(), ...inside]) {
      if (!v) continue;
      const r = lookup(v);
      if ('id' in r) return { target: r.id, quant: (r as { quant?: string }).quant };
      last ??= r;
    }
  }
  return last;
}

export type MappedRecord = {
  record: MeasurementRecord;
  device: string;
  model: string;
  engine: string;
  unit: UnitKind;
  metric: Metric;
  scenario: ScenarioFile;
  /** Defaults used and notes from the alias tables. */
  flags: string[];
};
export type UnmappedRecord = { record: MeasurementRecord; reason: string };

/** Weight bits as written (4, 3.5, 4.5): whole bits plus group scales carrying the fraction. */
export function quantFromBits(bits: number, abits: number, groupSize = RECORD_DEFAULTS.group_size) {
  const whole = Math.max(1, Math.floor(bits));
  const frac = bits - whole;
  if (whole >= 16) return { wbits: 16, abits, ...groupingFor(16) };
  if (frac > 1e-9) return { wbits: whole, abits, group_size: DEFAULT_GROUP_SIZE, scale_bytes: (frac * DEFAULT_GROUP_SIZE) / 8 };
  return { wbits: whole, abits, ...groupingFor(whole, groupSize) };
}

/** Map one record to a scenario, or say why it cannot be. */
export function mapRecord(
  r: MeasurementRecord,
  aliases: Aliases,
  known: { devices: Set<string>; models: Set<string>; multimodal: Set<string> },
  overrides: RecordScenarios = [],
  names?: NameLookup,
  engineDefaults: (engine: string) => EngineDefaults | undefined = () => undefined,
): MappedRecord | UnmappedRecord {
  const flags: string[] = [];
  const override = overrides.find((o) => new RegExp(o.match_id).test(r.id));
  if (override && 'skip' in override) return { record: r, reason: override.skip };
  // The alias table first (it also knows what cannot be mapped, and why), then the name resolver.
  const dev = lookupAlias(aliases.devices, 'device', r.device_soc, r.device_name) ?? byName(names?.device, r.device_soc, r.device_name);
  if (!dev) return { record: r, reason: `device '${r.device_soc ?? r.device_name}' matches no alias` };
  if ('error' in dev) return { record: r, reason: `device: ${dev.error}` };
  if (dev.target === null) return { record: r, reason: `device: ${dev.why ?? 'not identifiable'}` };
  if (!known.devices.has(dev.target)) return { record: r, reason: `device '${dev.target}' has no profile` };
  const paramsB = typeof r.params_b === 'number' ? r.params_b : undefined;
  const mod = lookupAlias(aliases.models, 'model', r.model) ?? byName(names ? (t) => names.model(t, paramsB) : undefined, r.model);
  if (!mod) return { record: r, reason: `model '${r.model}' matches no alias` };
  if ('error' in mod) return { record: r, reason: `model: ${mod.error}` };
  if (mod.target === null) return { record: r, reason: `model: ${mod.why ?? 'not in the zoo'}` };
  if (!known.models.has(mod.target)) return { record: r, reason: `model '${mod.target}' is not in the zoo` };
  const recordQuant = typeof r.quant === 'string' ? r.quant : undefined;
  const quantName = recordQuant ?? (mod as { quant?: string }).quant;
  if (quantName && !recordQuant) flags.push(`quantization ${quantName} read from the model name`);
  const un = lookupAlias(aliases.units, 'unit', r.processor);
  if (!un || un.target === null) return { record: r, reason: `unit: ${un?.why ?? `processor '${r.processor}' matches no alias`}` };
  const unit = un.target as UnitKind;
  const eng = lookupAlias(aliases.engines, 'engine', `${r.engine ?? ''} | ${r.processor ?? ''}`);
  const engine = eng?.target ?? `generic-${unit}`;
  if (!eng || eng.target === null) flags.push(`engine '${r.engine}' not identified: generic-${unit}`);
  for (const a of [dev, mod, un, eng]) if (a?.note) flags.push(a.note);
  if (!METRIC_DEFS[r.metric].value) return { record: r, reason: `metric ${r.metric}: model loading from storage is outside the cost model` };

  // A time over the whole prompt (TTFT, prefill, end to end) says nothing without the prompt's length:
  // a default length would fit the engine to a guess.
  const stated = (v: unknown) => v !== null && v !== undefined && v !== '';
  const scenarioGiven = override && 'scenario' in override;
  if (['ttft_s', 'prefill_s', 'e2e_s'].includes(r.metric) && !stated(r.prompt_tokens) && !stated(r.image_size) && !scenarioGiven) {
    return { record: r, reason: `metric ${r.metric}: prompt length not stated, so the time cannot be predicted` };
  }
  const use = <T>(name: string, v: T | null | undefined, d: T): T => {
    if (v !== null && v !== undefined) return v;
    flags.push(`${name} not stated: ${d}`);
    return d;
  };
  // What the engine does by default (its profile's `defaults`, sourced in MECHANICS.md) is what a
  // record that does not say otherwise ran with: the same defaults an estimate with --engine gets.
  const ed = engineDefaults(engine) ?? {};
  // 16-bit weights run with 16-bit activations, as in estimates (core/engine-defaults.ts).
  const wideNamed = quantName !== undefined && isWideFormat(quantName);
  const abits = use('act_bits', r.act_bits, wideNamed ? 16 : (ed.activation_bits ?? RECORD_DEFAULTS.act_bits[unit]));
  // A named quantization (Q4_K_M, w4a16) is exact; weight bits alone are rounded into a layout.
  const named = quantName && findQuantFormat(quantName) ? quantName : undefined;
  if (quantName && !named) flags.push(`quantization '${quantName}' not known: weight bits used`);
  const q = named ? undefined : quantFromBits(use('weight_bits', r.weight_bits, RECORD_DEFAULTS.weight_bits), Math.max(8, Math.round(abits)), ed.group_size);
  const scenario: ScenarioFile = {
    device: dev.target,
    model: mod.target,
    output_tokens: Math.max(1, Math.round(use('output_tokens', r.output_tokens, RECORD_DEFAULTS.output_tokens))),
    ...(named ? { quant: named, llm: { abits: Math.max(8, Math.round(abits)) } } : { llm: q, embeddings: q }),
    kv_bits: Math.round(use('kv_bits', r.kv_bits, ed.kv_bits ?? RECORD_DEFAULTS.kv_bits)),
    placement: { patch_embed: unit, vit: unit, projector: unit, llm: unit },
    pipeline_patch_embed: false,
    unload_vit: false,
    ...(ed.chunk ? { chunk: ed.chunk } : {}),
  };
  if (typeof r.duration_s === 'number' && r.duration_s > 0) scenario.duration_s = r.duration_s;
  const context = typeof r.context_tokens === 'number' ? r.context_tokens : ed.kv_context;
  if (context) scenario.kv_context = Math.round(context);
  const prompt = Math.round(use('prompt_tokens', r.prompt_tokens, RECORD_DEFAULTS.prompt_tokens));
  if (known.multimodal.has(mod.target)) {
    const size = /^(\d+)x(\d+)$/.exec((r.image_size ?? '').trim()) ? r.image_size! : use('image_size', r.image_size, RECORD_DEFAULTS.image);
    const [w, h] = size.split('x').map(Number);
    scenario.images = [{ width: w, height: h }];
    const vq = quantFromBits(RECORD_DEFAULTS.vit_bits, 16);
    scenario.vit = vq;
    scenario.projector = vq;
    flags.push(`vision encoder bits not stated: ${RECORD_DEFAULTS.vit_bits}`);
    // llama.cpp-style logs count image embeddings inside the prompt: the stated prompt is the total input.
    if (r.image_tokens && prompt > r.image_tokens) scenario.input_tokens = prompt;
    else scenario.prompt_tokens = prompt;
  } else {
    scenario.prompt_tokens = prompt;
  }
  if (override && 'scenario' in override) {
    // The source's own description replaces the defaults (and their flags) it covers.
    const o = override.scenario as Record<string, unknown>;
    for (const [k, v] of Object.entries(o)) (scenario as Record<string, unknown>)[k] = v === null ? undefined : v;
    const covered = (f: string) => Object.keys(o).some((k) => f.startsWith(k) || (k === 'images' && f.startsWith('image')) || (k === 'vit' && f.startsWith('vision')) || (k === 'llm' && f.startsWith('weight')));
    for (let i = flags.length - 1; i >= 0; i--) if (covered(flags[i])) flags.splice(i, 1);
    flags.push('scenario from the source text (data/record-scenarios.yaml)');
  }
  const checked = scenarioFileSchema.safeParse(scenario);
  if (!checked.success) return { record: r, reason: `scenario: ${checked.error.issues[0].path.join('.')}: ${checked.error.issues[0].message}` };
  return { record: r, device: dev.target, model: mod.target, engine, unit, metric: r.metric, scenario: checked.data, flags };
}
