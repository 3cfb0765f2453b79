/**
 * Schemas: the shape of every file mmplan reads (device profile, model config, scenario), written
 * once as zod schemas. The schema is the type (`z.output<...>`), and a failed parse carries the
 * field path, so a loader can say "units.npu.peak.int8: expected ...".
 *
 * Quantities are parsed here, once, into base units (see units.ts). Provenance ({value, source,
 * estimated, why} wrappers) is stripped before these schemas run; see provenance.ts.
 */
import { z } from 'zod';
import { parseQuantity, type Dimension } from './units.js';

/** A quantity in a file ("76.8 GB/s" or a bare base-unit number), parsed to a positive number. */
/**
 * Plausibility ceilings: a number past these is a unit slip or a typo (a 10 PB/s phone), not a
 * device. Generous: several times today's largest accelerators.
 */
const CEILING: Record<Dimension, { max: number; text: string }> = {
  bytes: { max: 64e12, text: '64 TB' },
  bytes_per_s: { max: 50e12, text: '50 TB/s' },
  ops_per_s: { max: 1e17, text: '100 POPS' },
  seconds: { max: 3600, text: '1 hour' },
  ops: { max: 1e21, text: '1 ZOP' },
};

export const quantity = (dim: Dimension, opts: { allowZero?: boolean } = {}) =>
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    try {
      const n = parseQuantity(v, dim);
      if (opts.allowZero ? n < 0 : n <= 0) {
        ctx.addIssue({ code: 'custom', message: `expected a ${opts.allowZero ? 'non-negative' : 'positive'} quantity, found ${JSON.stringify(v)}` });
        return z.NEVER;
      }
      if (n > CEILING[dim].max) {
        ctx.addIssue({ code: 'custom', message: `implausible value ${JSON.stringify(v)} (over ${CEILING[dim].text}); check the unit (GB vs Gb, TOPS vs GOPS)` });
        return z.NEVER;
      }
      return n;
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
      return z.NEVER;
    }
  });

const posInt = z.number().int().positive().max(1e9);
const nonNegInt = z.number().int().nonnegative();
const fraction = z.number().gt(0).lte(1);

// ---------------------------------------------------------------- device profile

/** Compute precisions a unit can have a peak for (the arithmetic the MACs run in). */
export const COMPUTE_PRECISIONS = ['int4', 'int8', 'int16', 'fp16', 'bf16', 'fp32'] as const;
export type ComputePrecision = (typeof COMPUTE_PRECISIONS)[number];
export const UNIT_KINDS = ['cpu', 'gpu', 'npu'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const computeUnitSchema = z
  .object({
    name: z.string().optional(),
    /** Dense peak ops/s by compute precision. */
    peak: z.partialRecord(z.enum(COMPUTE_PRECISIONS), quantity('ops_per_s')),
    /**
     * Which compute precision a weight x activation pair runs at, e.g. {w4a16: int16}: an NPU
     * dequantizes 4-bit weights and multiplies at the 16-bit rate. Pairs not listed use the
     * default rule (see roofline.computePrecision).
     */
    precision_map: z.record(z.string().regex(/^w\d+a\d+$/), z.enum(COMPUTE_PRECISIONS)).default({}),
    /**
     * Pairs this unit has no fused kernel for: the weights are first dequantized to the compute
     * precision in DRAM (a separate graph node), once per call, then multiplied. Costs
     * weights x (compute bytes written + read back) of extra, non-overlapped traffic per call.
     */
    dequantize: z.array(z.string().regex(/^w\d+a\d+$/)).default([]),
    /** Achievable fraction of peak compute for large, well-shaped matrix work. */
    compute_efficiency: fraction,
    /** Achievable fraction of the device's DRAM bandwidth when this unit streams. */
    bandwidth_efficiency: fraction,
    /** Fixed cost per operator call (kernel launch, graph node). */
    dispatch: quantity('seconds', { allowZero: true }),
    /** Fixed cost per graph/forward call (graph launch, sync with the host). */
    call_overhead: quantity('seconds', { allowZero: true }).default(0),
    /** Fixed cost once per request before the first token (tokenizer, sampler and graph set-up, warm-up). */
    request_overhead: quantity('seconds', { allowZero: true }).default(0),
    /** Rows (M) a matrix op needs to keep the unit busy; fewer rows use a fraction M/sat_rows. */
    saturation_rows: posInt,
    /** On-chip memory (SRAM/TCM/L2) for activations; working sets beyond it spill to DRAM. */
    onchip_buffer: quantity('bytes'),
    /** 'static': graphs have fixed shapes, so partial chunks/batches are padded to full size. */
    graph: z.enum(['static', 'dynamic']).default('dynamic'),
    /** Batch sizes with a compiled graph besides the requested one (static graphs only). */
    compiled_batches: z.array(posInt).default([1]),
  })
  .strict();
export type ComputeUnit = z.output<typeof computeUnitSchema>;

export const deviceProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected a lower-case id like "dimensity-9300"'),
    name: z.string(),
    class: z.enum(['phone', 'tablet', 'laptop', 'embedded', 'desktop', 'datacenter']),
    soc: z.string().optional(),
    example_devices: z.array(z.string()).default([]),
    memory: z
      .object({
        type: z.string(),
        bandwidth: quantity('bytes_per_s'),
        total: quantity('bytes'),
        /** What one app may really use (not total RAM). */
        usable: quantity('bytes'),
      })
      .strict()
      .refine((m) => m.usable <= m.total, { message: 'usable memory must not exceed total memory', path: ['usable'] }),
    units: z.partialRecord(z.enum(UNIT_KINDS), computeUnitSchema),
    /** Image resize/normalize cost on the CPU. */
    preprocess_per_pixel: quantity('seconds'),
    /** Memory the runtime itself holds (allocator, graph buffers, tokenizer, app). */
    runtime_overhead: quantity('bytes', { allowZero: true }),
    /** Default unit for each stage when the scenario does not say. */
    default_placement: z
      .object({
        patch_embed: z.enum(UNIT_KINDS),
        vit: z.enum(UNIT_KINDS),
        projector: z.enum(UNIT_KINDS),
        llm: z.enum(UNIT_KINDS),
      })
      .strict(),
    /** Fraction of speed kept under sustained load (thermal); 1 = no throttling. */
    sustained_derate: fraction.default(1),
    sources: z.array(z.string()).default([]),
    notes: z.string().optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    for (const [stage, unit] of Object.entries(d.default_placement)) {
      if (!d.units[unit as UnitKind]) {
        ctx.addIssue({ code: 'custom', path: ['default_placement', stage], message: `places ${stage} on '${unit}', but the profile has no units.${unit}` });
      }
    }
    for (const [kind, u] of Object.entries(d.units)) {
      if (u && Object.keys(u.peak).length === 0) {
        ctx.addIssue({ code: 'custom', path: ['units', kind, 'peak'], message: 'expected at least one precision with a peak' });
      }
    }
  });
export type DeviceProfile = z.output<typeof deviceProfileSchema>;

// ---------------------------------------------------------------- model config

export const TILING_POLICIES = [
  'internvl_dynamic',
  'llava_next_hf',
  'llava_next_orig',
  'ixc2_4khd',
  'mini_monkey_demo',
  'mini_monkey_eval_default',
  'bluelm_v3b_relaxed',
  'qwen2_vl',
  'minicpm_v25',
  'minicpm_v26',
  'fixed_resize',
  'gemma3_pan_and_scan',
  'idefics3',
  'llava_onevision',
  'phi3_hd',
  'phi4mm_dynamic',
  'qwen2_5_vl',
  'internvl3',
  'minicpm_v4',
  'fastvlm_fixed',
  'gemma3n_fixed',
] as const;
export type TilingPolicy = (typeof TILING_POLICIES)[number];

export const visionEncoderSchema = z
  .object({
    name: z.string(),
    image_size: posInt,
    patch_size: posInt,
    layers: posInt,
    hidden: posInt,
    heads: posInt,
    intermediate: posInt,
    /** 'gated' MLPs have three matrices, 'plain' two. */
    mlp: z.enum(['plain', 'gated']).default('plain'),
    /** A class token is added to the patch tokens (CLIP). */
    cls_token: z.boolean().default(false),
    /**
     * 'learned' (also when absent): a (image_size/patch_size)^2 position table (CLIP, SigLIP,
     * InternViT); 'rope': 2-D rotary positions, no weights (Qwen2-VL). Optional rather than
     * defaulted so that VisionEncoder literals written before it need no change.
     */
    position_embedding: z.enum(['learned', 'rope']).optional(),
    params_published: z.number().positive().optional(),
  })
  .strict()
  .refine((v) => v.hidden % v.heads === 0, { message: 'hidden must be divisible by heads', path: ['hidden'] });
export type VisionEncoder = z.output<typeof visionEncoderSchema>;

/** How ViT output tokens become LLM tokens before the projector. */
export const compressionSchema = z.discriminatedUnion('type', [
  /** Concatenate each k x k neighbourhood into one token (pixel shuffle / VILA downsampler / 4KHD merge). */
  z.object({ type: z.literal('concat_merge'), window: posInt, pad_to_multiple: z.boolean().default(true), fuse_linear: z.boolean().default(false) }).strict(),
  /** Cross-attention resampler with a fixed number of learned queries (MiniCPM-V). */
  z.object({ type: z.literal('resampler'), queries: posInt, heads: posInt.default(8) }).strict(),
  z.object({ type: z.literal('none') }).strict(),
]);
export type Compression = z.output<typeof compressionSchema>;

export const projectorSchema = z
  .object({
    /** Widths of the projector's linear layers, input first: [4608, 2304, 2304] is a 2-layer MLP. */
    dims: z.array(posInt).min(2),
  })
  .strict();

export const llmSchema = z
  .object({
    name: z.string(),
    layers: posInt,
    hidden: posInt,
    heads: posInt,
    kv_heads: posInt,
    head_dim: posInt.optional(),
    intermediate: posInt,
    vocab: posInt,
    mlp: z.enum(['plain', 'gated']).default('gated'),
    tied_embeddings: z.boolean().default(false),
    max_context: posInt,
    /**
     * Partial LoRA (InternLM-XComposer2): a rank-r adapter on every linear layer of every decoder
     * block, applied to image tokens only. Its weights are resident like the base weights.
     */
    partial_lora_rank: posInt.optional(),
    /** Parameters the authors publish for the LLM alone, for checking the computed count. */
    params_published: z.number().positive().optional(),
  })
  .strict()
  .superRefine((l, ctx) => {
    if (l.head_dim === undefined && l.hidden % l.heads !== 0)
      ctx.addIssue({ code: 'custom', path: ['hidden'], message: `hidden (${l.hidden}) must be divisible by heads (${l.heads}) unless head_dim is given` });
    if (l.heads % l.kv_heads !== 0)
      ctx.addIssue({ code: 'custom', path: ['kv_heads'], message: `kv_heads (${l.kv_heads}) must divide heads (${l.heads})` });
  });
export type LlmConfig = z.output<typeof llmSchema>;

export const modelConfigSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected a lower-case id like "bluelm-v-3b"'),
    name: z.string(),
    /** Where the architecture numbers come from (URL or paper + table). */
    source: z.string(),
    estimated: z.boolean().default(false),
    why: z.string().optional(),
    /** Absent for text-only LLMs. */
    vision: visionEncoderSchema.optional(),
    compression: compressionSchema.default({ type: 'none' }),
    projector: projectorSchema.optional(),
    llm: llmSchema,
    tiling: z
      .object({ policy: z.enum(TILING_POLICIES), params: z.record(z.string(), z.unknown()).default({}) })
      .strict()
      .optional(),
    /** Total parameters the authors publish, for checking the computed count. */
    params_published: z.number().positive().optional(),
    notes: z.string().optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.estimated && !m.why) ctx.addIssue({ code: 'custom', path: ['why'], message: 'estimated: true needs a why' });
    if (m.vision && !m.tiling) ctx.addIssue({ code: 'custom', path: ['tiling'], message: 'a model with a vision encoder needs a tiling policy' });
  });
export type ModelConfig = z.output<typeof modelConfigSchema>;

// ---------------------------------------------------------------- scenario (deployment choices)

const bits = z.number().int().min(1).max(32);

export const componentQuantSchema = z
  .object({
    wbits: bits,
    abits: bits,
    /** Weights per quantization group; each group stores scale_bytes of scale/zero. 0 = per-channel. */
    group_size: nonNegInt,
    scale_bytes: z.number().nonnegative(),
  })
  .strict();
export type ComponentQuant = z.output<typeof componentQuantSchema>;

export const imageSizeSchema = z.object({ width: posInt, height: posInt }).strict();
export type ImageSize = z.output<typeof imageSizeSchema>;

export const scenarioSchema = z
  .object({
    images: z.array(imageSizeSchema),
    /** Text tokens in the prompt (image tokens are added on top)... */
    prompt_tokens: nonNegInt,
    /** ...unless the total input is fixed: then text = input_tokens - image tokens. */
    input_tokens: posInt.optional(),
    output_tokens: posInt,
    quant: z
      .object({
        vit: componentQuantSchema,
        projector: componentQuantSchema,
        llm: componentQuantSchema,
        embeddings: componentQuantSchema,
        kv_bits: bits,
      })
      .strict(),
    tiling: z.object({ policy: z.enum(TILING_POLICIES), params: z.record(z.string(), z.unknown()) }).strict(),
    chunk: posInt,
    vit_batch: posInt,
    placement: z
      .object({ patch_embed: z.enum(UNIT_KINDS), vit: z.enum(UNIT_KINDS), projector: z.enum(UNIT_KINDS), llm: z.enum(UNIT_KINDS) })
      .strict(),
    /** Overlap CPU patch embedding with the ViT on another unit, across batches. */
    pipeline_patch_embed: z.boolean(),
    /** Free the ViT after encoding (its weights leave the peak of later phases). */
    unload_vit: z.boolean(),
    /** Image encoding starts while the user types: TTFT excludes it (both are reported). */
    decoupled_encode: z.boolean(),
    /** Embedding table memory-mapped: only the rows used are resident. */
    mmap_embeddings: z.boolean(),
    /** Context the KV cache is allocated for; default prompt + output. */
    kv_capacity: posInt.optional(),
    /** Token pruning inside the LLM: after `layer` layers keep `keep_ratio` of the image tokens. */
    pruning: z
      .object({
        method: z.enum(['keep_ratio', 'scm']),
        layer: nonNegInt,
        keep_ratio: fraction,
      })
      .strict()
      .optional(),
    /** Several sampled answers share one prefill. */
    samples: posInt,
  })
  .strict();
export type Scenario = z.output<typeof scenarioSchema>;

// ---------------------------------------------------------------- scenario file (what a user writes)

/** "768x1536" or {width, height}. */
export const imageSpecSchema = z.union([
  z.string().transform((s, ctx) => {
    const m = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/.exec(s);
    if (!m || Number(m[1]) <= 0 || Number(m[2]) <= 0) {
      ctx.addIssue({ code: 'custom', message: `expected an image size WxH like "768x1536", found ${JSON.stringify(s)}` });
      return z.NEVER;
    }
    return { width: Number(m[1]), height: Number(m[2]) };
  }),
  imageSizeSchema,
]);

const partialQuant = z
  .object({ wbits: bits, abits: bits, group_size: nonNegInt, scale_bytes: z.number().nonnegative() })
  .partial()
  .strict();

/**
 * A scenario as a user writes it: every field optional; what is missing comes from the model and
 * device defaults (see core/scenario.ts). Sweep axes name these fields ("llm.wbits", "chunk").
 */
export const scenarioFileSchema = z
  .object({
    device: z.string().optional(),
    model: z.string().optional(),
    /** Inference engine (device-profiles/engines/): its efficiencies, calibrated per device when known. */
    engine: z.string().optional(),
    images: z.array(imageSpecSchema).optional(),
    /** Text tokens (image tokens are added). */
    prompt_tokens: nonNegInt.optional(),
    /** Total input tokens including image tokens (text = this - image tokens), as BlueLM's Table 5 fixes 2048. */
    input_tokens: posInt.optional(),
    output_tokens: posInt.optional(),
    vit: partialQuant.optional(),
    projector: partialQuant.optional(),
    llm: partialQuant.optional(),
    embeddings: partialQuant.optional(),
    kv_bits: bits.optional(),
    tiling: z
      .object({
        policy: z.enum(TILING_POLICIES).optional(),
        /** Cap on tiles, mapped onto the policy's own parameter (max_num, hd_num, ...). */
        max_tiles: posInt.optional(),
        params: z.record(z.string(), z.unknown()).optional(),
      })
      .strict()
      .optional(),
    chunk: posInt.optional(),
    vit_batch: posInt.optional(),
    placement: z
      .object({ patch_embed: z.enum(UNIT_KINDS), vit: z.enum(UNIT_KINDS), projector: z.enum(UNIT_KINDS), llm: z.enum(UNIT_KINDS) })
      .partial()
      .strict()
      .optional(),
    pipeline_patch_embed: z.boolean().optional(),
    unload_vit: z.boolean().optional(),
    decoupled_encode: z.boolean().optional(),
    mmap_embeddings: z.boolean().optional(),
    kv_capacity: posInt.optional(),
    pruning: z
      .object({ method: z.enum(['keep_ratio', 'scm']), layer: nonNegInt.optional(), keep_ratio: fraction.optional() })
      .strict()
      .optional(),
    samples: posInt.optional(),
  })
  .strict();
export type ScenarioFile = z.output<typeof scenarioFileSchema>;

// ---------------------------------------------------------------- engines and calibration

/** The unit parameters an engine (or a calibration) may set: how well software uses the hardware. */
export const TUNABLE_PARAMS = ['compute_efficiency', 'bandwidth_efficiency', 'dispatch', 'call_overhead', 'request_overhead', 'saturation_rows'] as const;
export type TunableParam = (typeof TUNABLE_PARAMS)[number];

export const unitTuningSchema = z
  .object({
    compute_efficiency: fraction,
    bandwidth_efficiency: fraction,
    dispatch: quantity('seconds', { allowZero: true }),
    call_overhead: quantity('seconds', { allowZero: true }),
    request_overhead: quantity('seconds', { allowZero: true }),
    saturation_rows: posInt,
  })
  .partial()
  .strict();
export type UnitTuning = z.output<typeof unitTuningSchema>;

/**
 * An inference engine (llama.cpp on CPU, Qualcomm Genie on the Hexagon NPU, ...): how efficiently it
 * drives one kind of unit, its per-call costs and its memory overhead. Values are defaults for a
 * device the engine was never calibrated on; calibration replaces them per device.
 */
export const engineProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    name: z.string(),
    unit: z.enum(UNIT_KINDS),
    tuning: unitTuningSchema.default({}),
    /** Replaces the device's runtime_overhead (engine buffers, allocator, app). */
    memory_overhead: quantity('bytes', { allowZero: true }).optional(),
    /** Graph style on this unit (NPU runtimes: static shapes). */
    graph: z.enum(['static', 'dynamic']).optional(),
    sources: z.array(z.string()).default([]),
    notes: z.string().optional(),
  })
  .strict();
export type EngineProfile = z.output<typeof engineProfileSchema>;

/** A fitted parameter: value and its uncertainty (standard deviation of log(value)). */
export const fittedParamSchema = z.object({ value: z.number().positive(), log_sd: z.number().nonnegative().nullable() }).strict();

const fittedSetSchema = z
  .object({
    compute_efficiency: fittedParamSchema.optional(),
    bandwidth_efficiency: fittedParamSchema.optional(),
    call_overhead: fittedParamSchema.optional(),
    request_overhead: fittedParamSchema.optional(),
    memory_overhead: fittedParamSchema.optional(),
  })
  .strict();
export type FittedSet = z.output<typeof fittedSetSchema>;

/** Output of `mmplan calibrate`, read back by estimate/sweep/validate with --profiles. */
export const calibrationSchema = z
  .object({
    kind: z.literal('mmplan-calibration'),
    measurements: z.array(z.string()),
    groups: z.array(
      z.object({ device: z.string(), engine: z.string(), unit: z.enum(UNIT_KINDS), records: nonNegInt, params: fittedSetSchema, unidentifiable: z.array(z.string()).default([]) }).strict(),
    ),
    classes: z.array(z.object({ engine: z.string(), unit: z.enum(UNIT_KINDS), records: nonNegInt, params: fittedSetSchema }).strict()),
    /** Validation error by (metric, engine): median absolute log error, for uncertainty bands. */
    errors: z
      .array(z.object({ metric: z.string(), engine: z.string().nullable(), device: z.string().nullable(), n: nonNegInt, median_abs_pct: z.number().nonnegative() }).strict())
      .default([]),
  })
  .strict();
export type Calibration = z.output<typeof calibrationSchema>;
