/**
 * Operators: the model as a graph of costed operators, one module per part of it. This module
 * gathers their exports so callers import every graph builder from one place:
 *
 *   op.ts             the Op record (ops, DRAM bytes, rows, working set) and its builders; totalOps
 *   llm-ops.ts        an LLM forward over a layer range (grouped by layer shape) and the LM head
 *   attention-ops.ts  causal and sliding-window attention over the KV cache, its projections (MLA too)
 *   recurrent-ops.ts  short-convolution and state-space layers (a constant-size state, no cache)
 *   moe-ops.ts        routed and shared experts
 *   encoder-ops.ts    the vision encoder: tokens per input, patch embedding, ViT or staged layers
 *   projector-ops.ts  the projector MLP and the cross-attention resampler
 *
 * One multiply-accumulate = 2 ops throughout; weights are read once per forward call (a batch of
 * tiles, a prefill chunk, a decode step).
 */
export { totalOps, type Op, type OpKind, type OpPrecision } from './op.js';
export { attendedKeys } from './attention-ops.js';
export { headDim, llmLayerOps, lmHeadOp, type LayerRange } from './llm-ops.js';
export { encoderOps, patchEmbedOps, stagedOps, vitLayerOps, vitTokens } from './encoder-ops.js';
export { mlpOps, resamplerOps } from './projector-ops.js';
