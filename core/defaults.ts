/**
 * Generic defaults: what a scenario, a flag or a measurement record gets for a choice it does not
 * state, each with its reason. Written once here; the embedded BlueLM-V-3B scenario (scenario.ts)
 * states only its paper's own choices on top of these, and estimates list every default they used.
 */
import type { ComponentQuant, ImageSize, UnitKind } from './schema/index.js';

/** Bytes each weight group stores for its scale: one fp16 number (AWQ, GPTQ, llama.cpp, MLC, MLX). */
export const GROUP_SCALE_BYTES = 2;

/**
 * Weights per quantization group when bits are below 8 and the group is not given. 128 is the
 * AWQ/GPTQ layout (int4, group 128, fp16 scale = 4.125 bits per weight) that most published
 * mobile int4 checkpoints use; 8-bit and wider weights are per channel (group_size 0).
 */
export const DEFAULT_GROUP_SIZE = 128;

/**
 * The grouping that goes with a weight width when the user gives bits but no group: sub-8-bit
 * weights keep `groupSize` (with an fp16 scale per group), 8-bit and wider are per channel, whose
 * one scale per output row is negligible next to the weights and is not counted.
 */
export function groupingFor(wbits: number, groupSize = DEFAULT_GROUP_SIZE): Pick<ComponentQuant, 'group_size' | 'scale_bytes'> {
  return wbits >= 8 ? { group_size: 0, scale_bytes: 0 } : { group_size: groupSize, scale_bytes: groupSize > 0 ? GROUP_SCALE_BYTES : 0 };
}

/**
 * Quantization per component when neither the scenario nor the flags say: a 4-bit LLM and
 * embedding table with 16-bit activations (the weight-only int4 deployments phones run), and an
 * 8-bit vision encoder and projector (vision towers lose accuracy below 8 bits; BlueLM-V-3B, arXiv
 * 2411.10640 Sec. 3.3, keeps its ViT at INT8).
 */
export const QUANT_DEFAULTS: Record<'llm' | 'embeddings' | 'vit' | 'projector', ComponentQuant> = {
  llm: { wbits: 4, abits: 16, ...groupingFor(4) },
  embeddings: { wbits: 4, abits: 16, ...groupingFor(4) },
  vit: { wbits: 8, abits: 16, ...groupingFor(8) },
  projector: { wbits: 8, abits: 16, ...groupingFor(8) },
};

/**
 * The image a vision model gets when none is given: the 768x1536 document screenshot of BlueLM-V-3B's
 * measured deployment (arXiv 2411.10640, Table 5), a realistic phone-screen aspect ratio.
 */
export const DEFAULT_IMAGE: ImageSize = { width: 768, height: 1536 };

/**
 * Scalar defaults. 128 prompt and 128 output tokens: a short chat turn, and the length most
 * published phone benchmarks report (llama-bench's tg128). 8-bit KV cache, 128-token prefill
 * chunks and ViT batch 4: BlueLM-V-3B's measured NPU deployment (Sec. 3.3-3.4), where each was the
 * measured optimum; generic engines differ and say so through their own settings.
 */
export const DEFAULTS = {
  prompt_tokens: 128,
  output_tokens: 128,
  kv_bits: 8,
  chunk: 128,
  vit_batch: 4,
  /** Token pruning without a layer or ratio: FastV's setting (prune after layer 2, keep half; arXiv 2403.06764). */
  pruning: { layer: 2, keep_ratio: 0.5 },
  samples: 1,
  // The sustained figures answer "after ten minutes of use" unless a duration is given (issue 18).
  duration_s: 600,
};

/**
 * What a published measurement record gets for a field it leaves out (flagged per record). They
 * differ from the scenario defaults where the records' own population differs: most records are
 * llama.cpp or MLC runs, whose 4-bit formats use 32-weight groups (Q4_0: 18 bytes per 32 weights =
 * 4.5 bits; MLC q4f16_1: group 32), and whose KV cache is 16-bit unless a record says otherwise.
 */
export const RECORD_DEFAULTS = {
  prompt_tokens: 128,
  output_tokens: 128,
  weight_bits: 4,
  group_size: 32,
  kv_bits: 16,
  /** A CLIP/LLaVA-1.5 input (336 px), the size most multimodal records' encoders take. */
  image: '336x336',
  /** Activation bits when not stated: CPU kernels quantize activations to 8 bits for int dot products. */
  act_bits: { cpu: 8, gpu: 16, npu: 16 } as Record<UnitKind, number>,
  /** Vision-encoder weight bits when not stated: projector/encoder files usually stay 16-bit. */
  vit_bits: 16,
};
