/**
 * Scenario schemas: the deployment choices of one what-if, resolved (every field set, what the cost
 * model reads) and as a user writes them in a scenario file (every field optional; core/scenario.ts
 * fills the rest from the defaults).
 */
import { z } from 'zod';
import { posInt, nonNegInt, fraction, bits } from './quantity.js';
import { placementSchema } from './device.js';
import { TILING_POLICIES } from './model.js';

export const componentQuantSchema = z
  .object({
    wbits: bits,
    abits: bits,
    /** Weights per quantization group; each group stores scale_bytes of scale/zero. 0 = per-channel. */
    group_size: nonNegInt,
    scale_bytes: z.number().nonnegative(),
    /**
     * Exact stored bits per weight, when a named format fixes them (a GGUF recipe mixes block types
     * per tensor); replaces wbits + scales for memory and traffic. wbits still picks the compute path.
     */
    bpw: z.number().positive().max(64).optional(),
    /** The named format these come from (Q4_K_M, awq-w4-g128, ...), for people. */
    format: z.string().optional(),
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
    placement: placementSchema,
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
    /**
     * Positions an engine allocates the KV cache for at start (llama.cpp's n_ctx, Genie's context,
     * LiteRT's ekv), or more when the request needs more. Absent: the request's own length.
     */
    kv_context: posInt.optional(),
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
    /** Seconds of back-to-back requests the sustained figures are after. */
    duration_s: z.number().positive(),
  })
  .strict();
export type Scenario = z.output<typeof scenarioSchema>;

// ---------------------------------------------------------------- what a user writes

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
  .object({ wbits: bits, abits: bits, group_size: nonNegInt, scale_bytes: z.number().nonnegative(), bpw: z.number().positive().max(64), format: z.string() })
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
    /** A named quantization of the LLM (Q4_K_M, AWQ, MLX 4-bit, q4f16_1, w4a16, int4): see core/quant/presets.ts. */
    quant: z.string().optional(),
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
    placement: placementSchema.partial().strict().optional(),
    pipeline_patch_embed: z.boolean().optional(),
    unload_vit: z.boolean().optional(),
    decoupled_encode: z.boolean().optional(),
    mmap_embeddings: z.boolean().optional(),
    kv_capacity: posInt.optional(),
    kv_context: posInt.optional(),
    pruning: z
      .object({ method: z.enum(['keep_ratio', 'scm']), layer: nonNegInt.optional(), keep_ratio: fraction.optional() })
      .strict()
      .optional(),
    samples: posInt.optional(),
    /** How long the app has been running requests back to back (seconds): the sustained figures are after this. */
    duration_s: z.number().positive().optional(),
  })
  .strict();
export type ScenarioFile = z.output<typeof scenarioFileSchema>;
