/**
 * Model config schema: a multimodal LLM as the cost model sees it: vision encoder, token
 * compression, projector, LLM and the tiling policy of its preprocessor. Text-only LLMs have only
 * the `llm` section.
 */
import { z } from 'zod';
import { posInt, nonNegInt } from './quantity.js';

/** The token mixer of one LLM layer (see llmSchema.layer_types). */
export const LAYER_KINDS = ['global', 'local', 'conv', 'ssm'] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];
import { TILING_POLICIES } from '../tiling/names.js';

export { TILING_POLICIES, type TilingPolicy } from '../tiling/names.js';

export const vitEncoderSchema = z
  .object({
    /** 'vit' (also when absent): a plain vision transformer, patch embedding + `layers` identical layers. */
    type: z.literal('vit').optional(),
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
    /** Rows of a learned position table when it is not the (image_size/patch_size)² grid (Gemma 4: 2 x 10240). */
    position_entries: posInt.optional(),
    /**
     * Windowed attention (Qwen2.5-VL): every layer not in `full_layers` attends only within windows
     * of `tokens` patch tokens (112 px / 14 px patches = 8 x 8 = 64); the listed layers (0-based)
     * attend over the whole image.
     */
    attention_window: z.object({ tokens: posInt, full_layers: z.array(nonNegInt).default([]) }).strict().optional(),
    params_published: z.number().positive().optional(),
  })
  .strict()
  .refine((v) => v.hidden % v.heads === 0, { message: 'hidden must be divisible by heads', path: ['hidden'] })
  .refine((v) => (v.attention_window?.full_layers ?? []).every((l) => l < v.layers), { message: 'full_layers must name layers below layers', path: ['attention_window', 'full_layers'] });
export type VitEncoder = z.output<typeof vitEncoderSchema>;

/**
 * One stage of a convolutional or hybrid encoder, counted from the reference code at the encoder's
 * image_size: its parameters, its multiply-accumulates, and the part of those that is attention
 * (QK^T and AV, which grow with the square of the token count; everything else grows with pixels).
 */
export const encoderStageSchema = z
  .object({
    name: z.string(),
    kind: z.enum(['conv', 'attention', 'downsample', 'adapter', 'other']),
    /** Downsampling of this stage's output against the input image (stem 2 or 4, last stage 32-64). */
    stride: posInt,
    /** Output channels. */
    width: posInt,
    /** Repeated blocks (one forward call each on a dispatching runtime). */
    blocks: posInt.default(1),
    params: nonNegInt,
    /** Multiply-accumulates of the whole stage for one image_size x image_size input. */
    macs: nonNegInt,
    attention_macs: nonNegInt.default(0),
    heads: posInt.optional(),
  })
  .strict()
  .refine((s) => s.attention_macs <= s.macs, { message: 'attention_macs is part of macs and cannot exceed it', path: ['attention_macs'] });

/**
 * A convolutional or hybrid encoder (FastViTHD in FastVLM, MobileNet-V5 in Gemma 3n) as a list of
 * stages with their counted parameters and MACs. `patch_size` is the output stride: one output
 * token per patch_size x patch_size input pixels; `hidden` is the output width.
 */
export const stagedEncoderSchema = z
  .object({
    type: z.literal('staged'),
    name: z.string(),
    image_size: posInt,
    patch_size: posInt,
    hidden: posInt,
    stages: z.array(encoderStageSchema).min(1),
    params_published: z.number().positive().optional(),
  })
  .strict();
export type StagedEncoder = z.output<typeof stagedEncoderSchema>;
export type EncoderStage = z.output<typeof encoderStageSchema>;

/** A vision encoder: a plain ViT (the default) or a staged conv/hybrid encoder (`type: staged`). */
export const visionEncoderSchema = z.discriminatedUnion('type', [vitEncoderSchema, stagedEncoderSchema]);
export type VisionEncoder = z.output<typeof visionEncoderSchema>;

/**
 * A shipped encoder (models/encoders/<id>.yaml), counted once and named by the models that use it
 * (`vision: fastvithd`): several VLMs share one encoder, and import-hf names it by architecture.
 */
export const encoderFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected a lower-case id like "fastvithd"'),
    /** Where the shapes were read, and how the counts were made. */
    source: z.string(),
    /** Architecture names that mean this encoder (timm's 'mobilenetv5_300m_enc', FastVLM's 'mobileclip_l_1024'). */
    architectures: z.array(z.string()).default([]),
    vision: visionEncoderSchema,
    notes: z.string().optional(),
  })
  .strict();
export type EncoderFile = z.output<typeof encoderFileSchema>;

/** How ViT output tokens become LLM tokens before the projector. */
export const compressionSchema = z.discriminatedUnion('type', [
  /** Concatenate each k x k neighbourhood into one token (pixel shuffle / VILA downsampler / 4KHD merge). */
  z.object({ type: z.literal('concat_merge'), window: posInt, pad_to_multiple: z.boolean().default(true), fuse_linear: z.boolean().default(false) }).strict(),
  /** Cross-attention resampler with a fixed number of learned queries (MiniCPM-V). */
  z.object({ type: z.literal('resampler'), queries: posInt, heads: posInt.default(8) }).strict(),
  /** Average each k x k neighbourhood into one token of the same width (Gemma 3: 64x64 -> 16x16). */
  z.object({ type: z.literal('avg_pool'), window: posInt }).strict(),
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
    /**
     * The token mixer of each layer: 'global' (full causal attention), 'local' (attention over the
     * last `sliding_window` tokens: Gemma 2/3), 'conv' (a short gated convolution: LFM2), 'ssm' (a
     * state-space or linear-attention layer with a constant-size state: Mamba2, Gated DeltaNet).
     * A list of `layers` kinds, or a pattern repeated over the layers. Absent: every layer global.
     */
    layer_types: z.union([z.array(z.enum(LAYER_KINDS)).min(1), z.object({ pattern: z.array(z.enum(LAYER_KINDS)).min(1) }).strict()]).optional(),
    /** Tokens a 'local' layer attends to. */
    sliding_window: posInt.optional(),
    /** The last n layers reuse the KV cache of earlier layers (Gemma 3n, Gemma 4): they hold no cache of their own. */
    kv_shared_layers: nonNegInt.optional(),
    /** Whether kv-shared layers still carry k/v projection weights (default yes, as Gemma 3n; Gemma 4: none). */
    kv_shared_kv_weights: z.boolean().optional(),
    /** Head width of the global layers when it differs from head_dim (Gemma 4: 512 against 256). */
    global_head_dim: posInt.optional(),
    /** The query projection also makes a sigmoid gate on the attention output (Qwen3.5, Qwen3-Next): twice as wide. */
    attention_output_gate: z.boolean().optional(),
    /** MLP width of each layer when they differ (Gemma 4's double-wide kv-shared layers, MatFormer sub-models). */
    mlp_widths: z.array(posInt).optional(),
    /** Mixture of experts in the MLP of every layer not listed in dense_layers. */
    moe: z
      .object({
        experts: posInt,
        experts_per_token: posInt,
        /** Width of one expert's (gated) MLP. */
        expert_intermediate: posInt,
        /** Experts every token goes through (DeepSeek), and their MLP width (default: expert_intermediate). */
        shared_experts: nonNegInt.default(0),
        shared_intermediate: posInt.optional(),
        /** Layers whose MLP is a dense one of width `intermediate` (DeepSeek's first_k_dense_replace). */
        dense_layers: z.array(nonNegInt).default([]),
      })
      .strict()
      .optional(),
    /** Multi-head latent attention (DeepSeek-V2): keys and values cached as one compressed vector per token. */
    mla: z
      .object({
        kv_lora_rank: posInt,
        /** Rank of the query compression; null when queries are projected directly. */
        q_lora_rank: posInt.nullable(),
        qk_rope_head_dim: posInt,
        qk_nope_head_dim: posInt,
        v_head_dim: posInt,
      })
      .strict()
      .optional(),
    /** Short-convolution layers (LFM2): depthwise kernel over the last `kernel` tokens, gated in and out projections. */
    conv: z.object({ kernel: posInt }).strict().optional(),
    /** State-space layers (Mamba2-style): inner width, state size per head, groups, heads, conv kernel. */
    ssm: z
      .object({
        /** mamba2 (default) or gated_deltanet (Qwen3.5's linear attention: d_inner = Hv·dv, d_state = dk, n_groups = Hk, n_heads = Hv). */
        variant: z.enum(['mamba2', 'gated_deltanet']).default('mamba2'),
        d_inner: posInt,
        d_state: posInt,
        n_groups: posInt,
        n_heads: posInt,
        conv_kernel: posInt,
      })
      .strict()
      .optional(),
    /**
     * Per-layer embeddings (Gemma 3n): a second token table of `vocab` x (layers x `hidden`) read
     * from storage a row per token (`streamed`), plus the small per-layer projections that use it.
     */
    per_layer_embeddings: z.object({ hidden: posInt, vocab: posInt, streamed: z.boolean().default(true) }).strict().optional(),
    /**
     * Weights in parts this schema does not describe one by one (Gemma 3n's AltUp and LAuReL
     * blocks): `per_layer` in every layer and `once` for the whole model, each read by every
     * forward call like a hidden-wide linear layer. `what` says what they are.
     */
    other_weights: z.object({ per_layer: nonNegInt.default(0), once: nonNegInt.default(0), what: z.string().min(1) }).strict().optional(),
    /** Parameters the authors publish for the LLM alone, for checking the computed count. */
    params_published: z.number().positive().optional(),
  })
  .strict()
  .superRefine((l, ctx) => {
    const kinds = Array.isArray(l.layer_types) ? l.layer_types : l.layer_types?.pattern ?? [];
    if (Array.isArray(l.layer_types) && l.layer_types.length !== l.layers)
      ctx.addIssue({ code: 'custom', path: ['layer_types'], message: `lists ${l.layer_types.length} layers; the model has ${l.layers} (or write {pattern: [...]})` });
    if (kinds.includes('local') && l.sliding_window === undefined) ctx.addIssue({ code: 'custom', path: ['sliding_window'], message: "local layers need a sliding_window" });
    if (kinds.includes('conv') && !l.conv) ctx.addIssue({ code: 'custom', path: ['conv'], message: "conv layers need conv: {kernel}" });
    if (kinds.includes('ssm') && !l.ssm) ctx.addIssue({ code: 'custom', path: ['ssm'], message: 'ssm layers need ssm: {d_inner, d_state, n_groups, n_heads, conv_kernel}' });
    if (l.moe && l.moe.experts_per_token > l.moe.experts) ctx.addIssue({ code: 'custom', path: ['moe', 'experts_per_token'], message: `routes to ${l.moe.experts_per_token} of only ${l.moe.experts} experts` });
    if (l.kv_shared_layers !== undefined && l.kv_shared_layers >= l.layers) ctx.addIssue({ code: 'custom', path: ['kv_shared_layers'], message: 'at least one layer must hold its own KV cache' });
    if (l.mlp_widths && l.mlp_widths.length !== l.layers) ctx.addIssue({ code: 'custom', path: ['mlp_widths'], message: `lists ${l.mlp_widths.length} widths; the model has ${l.layers} layers` });
    if (l.ssm && l.ssm.d_inner % l.ssm.n_heads !== 0) ctx.addIssue({ code: 'custom', path: ['ssm', 'd_inner'], message: `d_inner (${l.ssm.d_inner}) must be divisible by n_heads (${l.ssm.n_heads})` });
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
    /**
     * Other names of the model not derivable from its id, name or Hugging Face repository by the
     * name resolver (an older repository name, a marketing name).
     */
    aliases: z.array(z.string()).default([]),
    /** Hugging Face repositories of this architecture (org/name), e.g. "Qwen/Qwen2.5-VL-3B-Instruct". */
    hf: z.array(z.string()).default([]),
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
