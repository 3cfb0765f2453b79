/**
 * Hugging Face import: a model's config.json -> the raw model config mmplan reads (what a
 * models/*.yaml holds), ready for modelConfigSchema.
 *
 * A config.json describes shapes, not always everything mmplan needs, so some parts come from the
 * model family's code and are stated here once, where they are used:
 * - the projector's widths (InternVL's mlp1, LLaVA's multi_modal_projector, Qwen2-VL's merger,
 *   Phi-3-V's img_projection) are fixed by each family's modeling code, not by config fields;
 * - the tiling policy and its parameters are the family's inference defaults (the image processor
 *   or chat code), since config.json rarely carries them;
 * - Phi-3-V names its CLIP tower instead of describing it (KNOWN_VISION_TOWERS).
 *
 * Nested `text_config` blocks (LLaVA-style) are saved by transformers as a diff against the text
 * model's config class, so absent fields take that class's defaults (TEXT_CLASS_DEFAULTS); the
 * result's `notes` lists every field filled that way. Everywhere else a missing shape field is an
 * error, because guessing a layer count silently would corrupt every estimate built on it.
 *
 * A lone vision encoder config (SigLIP, CLIP, InternViT) is not a model: importHfConfig rejects it
 * and importHfVisionConfig returns it as a `vision` section.
 *
 * Every failure is an Error with one line naming the field: "llm_config.hidden_size: missing".
 */

type Json = Record<string, unknown>;

export type ImportOptions = {
  /** mmplan id, e.g. "internvl2-2b". */
  id: string;
  name?: string;
  /** Where the config came from (URL); recorded as the model's `source`. */
  source?: string;
};

// ---------------------------------------------------------------- reading fields

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function show(v: unknown): string {
  return JSON.stringify(v)?.slice(0, 40) ?? String(v);
}

/**
 * Typed access to one config object. `at` is the dotted prefix used in error messages
 * ("" at the top level, "llm_config." inside it); `defaults` fill absent fields (nested text
 * configs only) and every default used is recorded in `filled`.
 */
class Fields {
  private readonly defaulted = new Set<string>();

  constructor(
    readonly obj: Json,
    readonly at = '',
    private readonly defaults: Json = {},
  ) {}

  private raw(key: string): unknown {
    const v = this.obj[key];
    if (v !== undefined && v !== null) return v;
    if (key in this.defaults) {
      this.defaulted.add(`${this.at}${key}`);
      return this.defaults[key];
    }
    return undefined;
  }

  /** Fields that took a default because the config left them out. */
  get filled(): string[] {
    return [...this.defaulted];
  }

  has(key: string): boolean {
    return this.raw(key) !== undefined;
  }

  fail(key: string, problem: string): never {
    throw new Error(`${this.at}${key}: ${problem}`);
  }

  int(key: string): number {
    const v = this.raw(key);
    if (v === undefined) this.fail(key, 'missing');
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) this.fail(key, `expected a positive integer, found ${show(v)}`);
    return v;
  }

  optInt(key: string): number | undefined {
    return this.has(key) ? this.int(key) : undefined;
  }

  num(key: string): number {
    const v = this.raw(key);
    if (v === undefined) this.fail(key, 'missing');
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) this.fail(key, `expected a positive number, found ${show(v)}`);
    return v;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.raw(key);
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') this.fail(key, `expected true or false, found ${show(v)}`);
    return v;
  }

  optStr(key: string): string | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') this.fail(key, `expected a string, found ${show(v)}`);
    return v;
  }

  str(key: string): string {
    return this.optStr(key) ?? this.fail(key, 'missing');
  }

  sub(key: string, defaults: Json = {}): Fields {
    const v = this.obj[key];
    if (v === undefined || v === null) this.fail(key, 'missing');
    if (!isObject(v)) this.fail(key, `expected an object, found ${show(v)}`);
    return new Fields(v, `${this.at}${key}.`, defaults);
  }

  optSub(key: string): Fields | undefined {
    return this.obj[key] === undefined || this.obj[key] === null ? undefined : this.sub(key);
  }

  /** The config's own name for itself: _name_or_path, else its architecture class. */
  label(): string | undefined {
    const archs = this.obj.architectures;
    const arch = Array.isArray(archs) && typeof archs[0] === 'string' ? archs[0] : undefined;
    const path = typeof this.obj._name_or_path === 'string' && this.obj._name_or_path !== '' ? this.obj._name_or_path : undefined;
    return path ?? arch;
  }
}

function unsupported(f: Fields, key: string, found: string, expected: readonly string[]): never {
  return f.fail(key, `unsupported '${found}'; expected one of ${expected.join(', ')}`);
}

// ---------------------------------------------------------------- language models

/** Text model families whose config fields follow the Llama naming (hidden_size, num_attention_heads, ...). */
const LLM_TYPES = ['llama', 'mistral', 'qwen2', 'qwen3', 'gemma', 'gemma2', 'gemma3_text', 'phi3', 'internlm2', 'minicpm'] as const;

/** tie_word_embeddings when the config leaves it out: each transformers config class's default. */
const TIED_BY_DEFAULT = new Set(['gemma', 'gemma2', 'gemma3_text', 'minicpm']);

/**
 * Defaults of the transformers config classes LLaVA-style checkpoints nest as text_config
 * (LlamaConfig, MistralConfig, Qwen2Config), for the fields transformers omits when saving.
 */
const TEXT_CLASS_DEFAULTS: Record<string, Json> = {
  llama: { vocab_size: 32000, hidden_size: 4096, intermediate_size: 11008, num_hidden_layers: 32, num_attention_heads: 32, max_position_embeddings: 2048 },
  mistral: { vocab_size: 32000, hidden_size: 4096, intermediate_size: 14336, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 8, max_position_embeddings: 131072 },
  qwen2: { vocab_size: 151936, hidden_size: 4096, intermediate_size: 22016, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 32, max_position_embeddings: 32768 },
};

/** The llm section from Llama-style fields; `family` decides defaults, not the (possibly VLM) model_type field. */
function importLlm(f: Fields, family: string, name: string): Json {
  const heads = f.int('num_attention_heads');
  // Configs written before grouped-query attention leave num_key_value_heads out: one KV head per head.
  const kvHeads = f.optInt('num_key_value_heads') ?? heads;
  const headDim = f.optInt('head_dim');
  return {
    name,
    layers: f.int('num_hidden_layers'),
    hidden: f.int('hidden_size'),
    heads,
    kv_heads: kvHeads,
    ...(headDim !== undefined ? { head_dim: headDim } : {}),
    intermediate: f.int('intermediate_size'),
    vocab: f.int('vocab_size'),
    // Every family handled here uses a gated MLP (SwiGLU / GeGLU).
    mlp: 'gated',
    tied_embeddings: f.bool('tie_word_embeddings', TIED_BY_DEFAULT.has(family)),
    max_context: f.int('max_position_embeddings'),
  };
}

function llmFamily(f: Fields): string {
  const type = f.str('model_type');
  if (!(LLM_TYPES as readonly string[]).includes(type)) unsupported(f, 'model_type', type, LLM_TYPES);
  return type;
}

// ---------------------------------------------------------------- vision encoders

/** Vision config types with the SigLIP/CLIP field names; CLIP and InternViT prepend a class token. */
const VISION_TYPES: Record<string, { cls: boolean; label: string }> = {
  siglip_vision_model: { cls: false, label: 'SigLIP' },
  siglip: { cls: false, label: 'SigLIP' },
  // MiniCPM-Llama3-V 2.5 declares its SigLIP tower with the Idefics2 vision class (same fields).
  idefics2: { cls: false, label: 'SigLIP (Idefics2 NaViT)' },
  clip_vision_model: { cls: true, label: 'CLIP' },
  intern_vit_6b: { cls: true, label: 'InternViT' },
};

/** Towers named, not described, by a config (Phi-3-V's img_processor.model_name). */
const KNOWN_VISION_TOWERS: Record<string, Json> = {
  // https://huggingface.co/openai/clip-vit-large-patch14-336/blob/main/config.json (vision_config)
  'openai/clip-vit-large-patch14-336': {
    name: 'CLIP ViT-L/14-336',
    image_size: 336,
    patch_size: 14,
    layers: 24,
    hidden: 1024,
    heads: 16,
    intermediate: 4096,
    mlp: 'plain',
    cls_token: true,
  },
};

function importVision(f: Fields, typeFallback?: string, over: { image_size?: number; layers?: number } = {}): Json {
  const type = f.optStr('model_type') ?? typeFallback ?? f.fail('model_type', 'missing');
  const kind = VISION_TYPES[type] ?? unsupported(f, 'model_type', type, Object.keys(VISION_TYPES));
  const hidden = f.int('hidden_size');
  const layers = over.layers ?? f.int('num_hidden_layers');
  return {
    name: `${kind.label} ${layers}L/${hidden}`,
    image_size: over.image_size ?? f.int('image_size'),
    patch_size: f.int('patch_size'),
    layers,
    hidden,
    heads: f.int('num_attention_heads'),
    intermediate: f.int('intermediate_size'),
    mlp: 'plain',
    cls_token: kind.cls,
  };
}

/** Vision-only configs: a top-level tower config, or a dual-encoder (SigLIP/CLIP) whose vision_config is the tower. */
const DUAL_ENCODER_TYPES = ['siglip', 'clip'];

/**
 * The `vision` section of a standalone vision encoder config (google/siglip-*, openai/clip-*,
 * OpenGVLab/InternViT-*). Only the image tower is read; a dual encoder's text tower is not an LLM.
 */
export function importHfVisionConfig(config: unknown): Json {
  if (!isObject(config)) throw new Error(`config: expected a JSON object, found ${show(config)}`);
  const f = new Fields(config);
  const type = f.str('model_type');
  if (DUAL_ENCODER_TYPES.includes(type)) return importVision(f.sub('vision_config'), `${type}_vision_model`);
  return importVision(f);
}

// ---------------------------------------------------------------- multimodal families

/** Name of an LLM whose fields sit at the top level of a multimodal config. */
function languageModelName(f: Fields): string {
  return `language model of ${f.label() ?? f.str('model_type')}`;
}

type Parts = { name?: string; vision?: Json; compression?: Json; projector?: Json; llm: Json; tiling?: Json; notes: string[] };

/** InternVL 1.5/2/2.5 (internvl_chat): InternViT + pixel shuffle + mlp1 + an InternLM2/Qwen2/Llama/Phi3 LLM. */
function importInternVl(f: Fields): Parts {
  const lf = f.sub('llm_config');
  const llm = importLlm(lf, llmFamily(lf), lf.label() ?? 'LLM');
  const imageSize = f.optInt('force_image_size');
  const vision = importVision(f.sub('vision_config'), undefined, { image_size: imageSize });
  const ratio = f.num('downsample_ratio');
  const window = Math.round(1 / ratio);
  if (Math.abs(window * ratio - 1) > 1e-9) f.fail('downsample_ratio', `expected 1/k for an integer k, found ${ratio}`);
  const vImage = vision.image_size as number;
  const tokensPerTile = Math.floor(vImage / (vision.patch_size as number)) ** 2 / (window * window);
  const dynamic = f.bool('dynamic_image_size', false);
  return {
    vision,
    // pixel_shuffle: each window x window block of ViT tokens concatenated along channels; the class token is dropped.
    compression: { type: 'concat_merge', window, pad_to_multiple: false, fuse_linear: false },
    // mlp1 = LayerNorm(dv·k²) -> Linear(dv·k², d) -> GELU -> Linear(d, d)  (modeling_internvl_chat.py)
    projector: { dims: [window * window * (vision.hidden as number), llm.hidden, llm.hidden] },
    llm,
    tiling: {
      policy: 'internvl_dynamic',
      params: {
        min_num: dynamic ? (f.optInt('min_dynamic_patch') ?? 1) : 1,
        max_num: dynamic ? (f.optInt('max_dynamic_patch') ?? 12) : 1,
        image_size: vImage,
        use_thumbnail: f.bool('use_thumbnail', false),
        tokens_per_tile: tokensPerTile,
      },
    },
    notes: [],
  };
}

/** LLaVA-NeXT (llava_next): CLIP/SigLIP tower + 2-layer MLP projector + nested text_config; anyres tiling. */
function importLlavaNext(f: Fields): Parts {
  const textType = f.sub('text_config').str('model_type');
  const defaults = TEXT_CLASS_DEFAULTS[textType] ?? unsupported(f.sub('text_config'), 'model_type', textType, Object.keys(TEXT_CLASS_DEFAULTS));
  const tf = f.sub('text_config', defaults);
  const llm = importLlm(tf, textType, tf.label() ?? textType);
  const vision = importVision(f.sub('vision_config'));
  const crop = vision.image_size as number;
  const patch = vision.patch_size as number;
  const pinpoints = f.obj.image_grid_pinpoints;
  if (!Array.isArray(pinpoints) || pinpoints.length === 0) f.fail('image_grid_pinpoints', pinpoints === undefined ? 'missing' : `expected a list of [h, w] pairs, found ${show(pinpoints)}`);
  return {
    vision,
    compression: { type: 'none' },
    // multi_modal_projector: linear_1(dv, d) -> GELU -> linear_2(d, d)
    projector: { dims: [vision.hidden, llm.hidden, llm.hidden] },
    llm,
    tiling: {
      policy: 'llava_next_hf',
      params: {
        grid_pinpoints: pinpoints,
        pinpoint_order: 'height,width',
        crop_size: crop,
        patch_size: patch,
        base_tokens: Math.floor(crop / patch) ** 2,
        newline_per_row: true,
        unpad_round7: true,
      },
    },
    notes: tf.filled.length ? [`filled from transformers ${textType} defaults: ${tf.filled.join(', ')}`] : [],
  };
}

/** Qwen2-VL: native-resolution ViT with 2-D rotary positions, 2x2 merger MLP, Qwen2 LLM fields at the top level. */
function importQwen2Vl(f: Fields): Parts {
  const vf = f.sub('vision_config');
  const dv = vf.int('embed_dim');
  const merge = vf.int('spatial_merge_size');
  const patch = vf.int('patch_size');
  const llm = importLlm(f, 'qwen2', languageModelName(f));
  return {
    vision: {
      name: `Qwen2-VL ViT ${vf.int('depth')}L/${dv}`,
      // No fixed input size: smart_resize picks it per image (qwen2_vl policy). 448 is a nominal tile
      // for per-tile estimates only; positions are rotary, so it adds no weights.
      image_size: 448,
      patch_size: patch,
      layers: vf.int('depth'),
      hidden: dv,
      heads: vf.int('num_heads'),
      intermediate: Math.round(dv * vf.num('mlp_ratio')),
      mlp: 'plain',
      cls_token: false,
      position_embedding: 'rope',
    },
    compression: { type: 'concat_merge', window: merge, pad_to_multiple: false, fuse_linear: false },
    // PatchMerger: LayerNorm(dv) -> Linear(dv·m², dv·m²) -> GELU -> Linear(dv·m², d)
    projector: { dims: [dv * merge * merge, dv * merge * merge, llm.hidden as number] },
    llm,
    tiling: {
      policy: 'qwen2_vl',
      // qwen-vl-utils defaults (min 4·28², max 16384·28²); factor = patch · merge.
      params: { min_pixels: 3136, max_pixels: 12845056, factor: patch * merge, patch_size: patch, merge_size: merge },
    },
    notes: ['vision.image_size is nominal: Qwen2-VL encodes each image at its own (smart_resize) resolution'],
  };
}

/** MiniCPM-V 2.5/2.6 (minicpmv): SigLIP + one-layer perceiver resampler; LLM fields at the top level. */
function importMiniCpmV(f: Fields): Parts {
  const version = typeof f.obj.version === 'number' ? f.obj.version : undefined;
  // 2.6 builds on Qwen2, 2.5 on Llama 3; both store the LLM's fields at the top level.
  const llm = importLlm(f, version !== undefined && version >= 2.6 ? 'qwen2' : 'llama', languageModelName(f));
  const slice = f.optSub('slice_config');
  const scale = slice?.optInt('scale_resolution') ?? f.int('image_size');
  const vf = f.sub('vision_config');
  const dropLast = f.bool('drop_vision_last_layer', false);
  const vision = importVision(vf, 'siglip', {
    // The slices are ~scale_resolution px; vision_config.image_size (980) only sizes the position table.
    image_size: scale,
    layers: vf.int('num_hidden_layers') - (dropLast ? 1 : 0),
  });
  const queries = f.int('query_num');
  return {
    vision,
    // Resampler(num_queries=query_num, embed_dim=hidden_size, num_heads=hidden_size // 128)
    compression: { type: 'resampler', queries, heads: Math.floor((llm.hidden as number) / 128) },
    llm,
    tiling: {
      policy: version !== undefined && version >= 2.6 ? 'minicpm_v26' : 'minicpm_v25',
      params: {
        max_slice_nums: slice?.optInt('max_slice_nums') ?? 9,
        scale_resolution: scale,
        patch_size: slice?.optInt('patch_size') ?? f.int('patch_size'),
        query_num: queries,
      },
    },
    notes: [`vision_config.image_size ${vf.optInt('image_size') ?? '?'} sizes the position table; tiles are ${scale} px slices`],
  };
}

/** Phi-3/3.5-vision (phi3_v): CLIP-L/14-336 named in img_processor, 2x2 merge, 2-layer MLP, Phi-3 LLM at the top level. */
function importPhi3V(f: Fields): Parts {
  const ip = f.sub('img_processor');
  const towerName = ip.str('model_name');
  const vision = KNOWN_VISION_TOWERS[towerName] ?? unsupported(ip, 'model_name', towerName, Object.keys(KNOWN_VISION_TOWERS));
  const dimOut = ip.int('image_dim_out');
  if (dimOut !== vision.hidden) ip.fail('image_dim_out', `expected ${vision.hidden} for ${towerName}, found ${dimOut}`);
  const llm = importLlm(f, 'phi3', languageModelName(f));
  return {
    vision: { ...vision },
    // HD transform: 24x24 CLIP features per crop, 2x2 neighbours concatenated -> 12x12 tokens of 4·dv.
    compression: { type: 'concat_merge', window: 2, pad_to_multiple: false, fuse_linear: false },
    // img_projection: Linear(4·dv, d) -> GELU -> Linear(d, d)
    projector: { dims: [4 * dimOut, llm.hidden, llm.hidden] },
    llm,
    tiling: {
      policy: 'ixc2_4khd',
      // Phi-3-V's HD_transform is 4KHD's (336 px crops, global view, 12 newline tokens per row);
      // hd_num = num_crops, 16 as the model card recommends for single images.
      params: { hd_num: 16, patch: 336, tokens_per_patch: 144, newline_per_row: true, global_view: true },
    },
    notes: ["tiling: Phi-3-V's HD crop (num_crops) mapped onto the ixc2_4khd policy with hd_num = num_crops = 16"],
  };
}

const MULTIMODAL: Record<string, (f: Fields) => Parts> = {
  internvl_chat: importInternVl,
  llava_next: importLlavaNext,
  qwen2_vl: importQwen2Vl,
  minicpmv: importMiniCpmV,
  phi3_v: importPhi3V,
};

const VISION_ONLY_TYPES = [...DUAL_ENCODER_TYPES, ...Object.keys(VISION_TYPES)];

// ---------------------------------------------------------------- entry point

/**
 * A raw model config (as a models/*.yaml would hold it) from a config.json object. Text-only
 * LLMs get no vision section and no tiling; multimodal families get all sections.
 */
export function importHfConfig(config: unknown, opts: ImportOptions): Record<string, unknown> {
  if (!isObject(config)) throw new Error(`config: expected a JSON object, found ${show(config)}`);
  const f = new Fields(config);
  const type = f.str('model_type');
  let parts: Parts;
  if (type in MULTIMODAL) parts = MULTIMODAL[type](f);
  else if ((LLM_TYPES as readonly string[]).includes(type)) parts = { llm: importLlm(f, type, f.label() ?? type), notes: [] };
  else if (VISION_ONLY_TYPES.includes(type))
    throw new Error(`model_type: '${type}' is a vision encoder config with no language model; import it with importHfVisionConfig as a model's vision section`);
  else unsupported(f, 'model_type', type, [...LLM_TYPES, ...Object.keys(MULTIMODAL)]);

  const label = f.label();
  const out: Json = {
    id: opts.id,
    name: opts.name ?? label ?? opts.id,
    source: opts.source ?? `Hugging Face config.json${label ? ` of ${label}` : ''}`,
  };
  if (parts.vision) out.vision = parts.vision;
  if (parts.compression) out.compression = parts.compression;
  if (parts.projector) out.projector = parts.projector;
  out.llm = parts.llm;
  if (parts.tiling) out.tiling = parts.tiling;
  if (parts.notes.length) out.notes = `Imported from config.json. ${parts.notes.join('; ')}.`;
  return out;
}
