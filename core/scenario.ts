/**
 * Scenario: the deployment choices of one what-if (bits, tiles, chunk, batch, placement, ...).
 * `resolveScenario` fills what the user left out from the model and device defaults and says,
 * in `defaults`, which fields were defaulted, so predictions can list their assumptions.
 *
 * The embedded default (DEFAULT_SCENARIO_FILE) is BlueLM-V-3B's measured deployment on the
 * Dimensity 9300 (arXiv 2411.10640, Sec. 3.2-3.4 and Table 5): a 768x1536 image, 2048 input tokens
 * in all, 128-token prefill chunks, ViT batch 4 with the Conv2D on the CPU pipelined against the
 * NPU, INT4 LLM / INT8 ViT and projector / INT8 KV, INT16 LLM activations, ViT freed after encoding.
 */
import type { ComponentQuant, DeviceProfile, ModelConfig, Scenario, ScenarioFile, TilingPolicy } from './schema/index.js';
import { maxTilesParam } from './tiling/index.js';
import { NotApplicableError, ScenarioError } from './errors.js';
import { DEFAULTS, DEFAULT_IMAGE, QUANT_DEFAULTS, groupingFor } from './defaults.js';
import { applyQuantFormat, findQuantFormat, formatName, quantNames } from './quant/presets.js';
import { nearest } from './nearest.js';

export const DEFAULT_SCENARIO_FILE: ScenarioFile = {
  device: 'dimensity-9300',
  model: 'bluelm-v-3b',
  images: [DEFAULT_IMAGE],
  // Table 5 fixes the input length at 2048 tokens, image tokens included.
  input_tokens: 2048,
  // Sec. 3.3: INT4 LLM weights with INT16 activations; INT8 ViT and projector with FP16 activations; INT8 KV.
  llm: { wbits: 4, abits: 16 },
  vit: { wbits: 8, abits: 16 },
  projector: { wbits: 8, abits: 16 },
  kv_bits: 8,
  // Sec. 3.4: 128-token prefill chunks; ViT batch 4 with the Conv2D on the CPU pipelined against the NPU;
  // the ViT freed after encoding.
  chunk: 128,
  vit_batch: 4,
  pipeline_patch_embed: true,
  unload_vit: true,
};

/** A resolved scenario, the fields that took a default, and notes on what a named choice meant. */
export type Resolved = { scenario: Scenario; defaults: string[]; notes: string[] };

/** Fill a scenario file from the model and device; `defaults` lists the fields that were defaulted. */
export function resolveScenario(model: ModelConfig, device: DeviceProfile, file: ScenarioFile, opts: { trackDefaults?: boolean } = {}): Resolved {
  const defaults: string[] = [];
  const track = opts.trackDefaults !== false;
  function pick<T>(name: string, given: T | undefined, fallback: T): T {
    if (given !== undefined) return given;
    if (track) defaults.push(name);
    return fallback;
  }
  const quant = (name: keyof typeof QUANT_DEFAULTS, given: Partial<ComponentQuant> | undefined): ComponentQuant => {
    const d = QUANT_DEFAULTS[name];
    const q = { ...d, ...(given ?? {}) };
    // A bits change without a group size takes the grouping that goes with those bits.
    if (given?.wbits !== undefined && given.group_size === undefined) {
      Object.assign(q, groupingFor(given.wbits));
      if (given.scale_bytes !== undefined && given.wbits < 8) q.scale_bytes = given.scale_bytes;
    }
    if (track && (!given || given.wbits === undefined)) defaults.push(`${name}.wbits=${q.wbits}`);
    return q;
  };

  const hasVision = model.vision !== undefined;
  const policy: TilingPolicy | undefined = file.tiling?.policy ?? model.tiling?.policy;
  const params = tilingParams(model, policy, file);
  const placement = { ...device.default_placement, ...(file.placement ?? {}) };
  for (const [stage, unit] of Object.entries(placement)) {
    if (!device.units[unit]) throw new ScenarioError(`placement.${stage}`, `device '${device.id}' has no ${unit} unit (it has ${Object.keys(device.units).join(', ')})`);
  }
  const images = hasVision ? pick('images', file.images, [DEFAULT_IMAGE]) : [];
  const named = file.quant !== undefined ? namedQuant(file, model) : undefined;
  const given = {
    llm: named ? { ...named.llm, ...file.llm } : file.llm,
    embeddings: file.embeddings ?? (named ? named.embeddings : file.llm ? { ...file.llm } : undefined),
    vit: file.vit ?? named?.vit,
    projector: file.projector ?? named?.projector,
  };
  const scenario: Scenario = {
    images,
    prompt_tokens: file.input_tokens !== undefined ? 0 : pick('prompt_tokens', file.prompt_tokens, DEFAULTS.prompt_tokens),
    input_tokens: file.input_tokens,
    output_tokens: pick('output_tokens', file.output_tokens, DEFAULTS.output_tokens),
    quant: {
      llm: quant('llm', given.llm),
      embeddings: quant('embeddings', given.embeddings),
      vit: quant('vit', given.vit),
      projector: quant('projector', given.projector),
      kv_bits: pick('kv_bits', file.kv_bits, DEFAULTS.kv_bits),
    },
    tiling: { policy: policy ?? 'internvl_dynamic', params },
    chunk: pick('chunk', file.chunk, DEFAULTS.chunk),
    vit_batch: pick('vit_batch', file.vit_batch, DEFAULTS.vit_batch),
    placement,
    pipeline_patch_embed: file.pipeline_patch_embed ?? placement.patch_embed !== placement.vit,
    unload_vit: file.unload_vit ?? true,
    decoupled_encode: file.decoupled_encode ?? false,
    mmap_embeddings: file.mmap_embeddings ?? false,
    kv_capacity: file.kv_capacity,
    kv_context: file.kv_context,
    pruning: file.pruning
      ? {
          method: file.pruning.method,
          layer: file.pruning.layer ?? DEFAULTS.pruning.layer,
          keep_ratio: file.pruning.keep_ratio ?? DEFAULTS.pruning.keep_ratio,
        }
      : undefined,
    samples: file.samples ?? DEFAULTS.samples,
    duration_s: file.duration_s ?? DEFAULTS.duration_s,
  };
  return { scenario, defaults, notes: named ? [`quant: ${named.note}`] : [] };
}

/**
 * A named quantization (Q4_K_M, AWQ, ...) for this model. It fixes the LLM's and embeddings' weight
 * layout, so weight bits given beside it conflict; activation bits may still be set (the engine's).
 */
function namedQuant(file: ScenarioFile, model: ModelConfig) {
  const f = findQuantFormat(file.quant!);
  if (!f) {
    const near = nearest(file.quant!, quantNames().map((q) => q.name));
    throw new ScenarioError('quant', `unknown quantization '${file.quant}'${near ? `; did you mean '${near}'?` : ''} (see 'mmplan list quants')`);
  }
  const clash = (['wbits', 'group_size', 'scale_bytes', 'bpw'] as const).find((k) => file.llm?.[k] !== undefined);
  if (clash) throw new ScenarioError(`llm.${clash}`, `quant ${formatName(f)} sets the LLM's weight layout; give quant or llm.${clash}, not both`);
  return applyQuantFormat(f, model);
}

/**
 * The tiling parameters: the model's own (when its policy is used), the file's, and the tile cap
 * mapped onto the policy's parameter. Without explicit file params the result is shared per
 * (model, policy, cap), so sweeps reuse one object (and its cache key) instead of building one
 * per configuration. Treat it as read-only.
 */
const sharedParams = new WeakMap<ModelConfig, Map<string, Record<string, unknown>>>();

/** A tile cap as the policy's own parameter (max_num, hd_num, ...); a policy that resizes instead has none. */
export function withTileCap(policy: TilingPolicy, params: Record<string, unknown>, cap: number): Record<string, unknown> {
  const key = maxTilesParam(policy);
  if (key === undefined) throw new NotApplicableError('tiling.max_tiles', `policy '${policy}' has no tile cap (it resizes instead)`);
  return { ...params, [key]: cap };
}

function tilingParams(model: ModelConfig, policy: TilingPolicy | undefined, file: ScenarioFile): Record<string, unknown> {
  const cap = file.tiling?.max_tiles;
  const build = () => {
    const params: Record<string, unknown> = { ...(policy === model.tiling?.policy ? model.tiling?.params : {}), ...(file.tiling?.params ?? {}) };
    return cap !== undefined && policy ? withTileCap(policy, params, cap) : params;
  };
  if (file.tiling?.params) return build();
  let m = sharedParams.get(model);
  if (!m) sharedParams.set(model, (m = new Map()));
  const k = `${policy}|${cap}`;
  let p = m.get(k);
  if (!p) m.set(k, (p = Object.freeze(build())));
  return p;
}

/**
 * A scenario with an engine's default placement under it: the engine's unit runs every stage the
 * scenario does not place itself. Returns a copy (sweeps reuse their scenario file).
 */
export function withPlacementDefaults<T extends { placement?: ScenarioFile['placement'] }>(file: T, placement: ScenarioFile['placement'] | undefined): T {
  return placement ? { ...file, placement: { ...placement, ...(file.placement ?? {}) } } : file;
}

/** Deep-merge scenario fragments; later ones win. */
export function mergeScenario(...parts: ScenarioFile[]): ScenarioFile {
  const out: Record<string, unknown> = {};
  for (const p of parts) {
    for (const [k, v] of Object.entries(p)) {
      if (v === undefined) continue;
      const cur = out[k];
      out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur) ? { ...cur, ...v } : v;
    }
  }
  return out as ScenarioFile;
}
