/**
 * Model config schema: a multimodal LLM as the cost model sees it: vision encoder, token
 * compression, projector, LLM and the tiling policy of its preprocessor. Text-only LLMs have only
 * the `llm` section.
 */
import { z } from 'zod';
import { posInt } from './quantity.js';
import { TILING_POLICIES } from '../tiling/names.js';

export { TILING_POLICIES, type TilingPolicy } from '../tiling/names.js';

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
