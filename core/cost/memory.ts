/**
 * Memory: resident weights per component at their bits (+ scales), the KV cache at its capacity,
 * the transient activations of each phase, and the runtime's own overhead. Peak = the largest
 * phase. The ViT and LLM are loaded together; the KV cache is allocated when the LLM starts, and
 * the ViT can be freed after encoding (BlueLM-V-3B, Sec. 3.4: this keeps its peak at 2.2 GB).
 */
import type { ComponentQuant, DeviceProfile, LlmConfig, ModelConfig, Scenario } from '../schema/index.js';
import { bytesPerWeight, activationBytes, kvBytes } from '../quant/bits.js';
import { headDim, stagedOps } from './operators.js';
import { modelParams } from '../params.js';
import { kvElementsPerToken, layerCounts, stateBytes } from '../architecture.js';

/**
 * Resident weights per component, and `streamed`: weights read from storage a row at a time and not
 * held in memory (Gemma 3n's per-layer embedding table, 2.0 of E2B's 4.5B text parameters).
 */
export type WeightBytes = { vit: number; projector: number; llm: number; embeddings: number; streamed: number };

const paramsMemo = new WeakMap<ModelConfig, ReturnType<typeof modelParams>>();

export function weightBytes(model: ModelConfig, s: Scenario): WeightBytes {
  let p = paramsMemo.get(model);
  if (!p) paramsMemo.set(model, (p = modelParams(model)));
  const emb = p.llm.embedding + p.llm.lm_head;
  // A memory-mapped input embedding is paged in row by row; with tied weights the LM head needs it all.
  const residentEmb = s.mmap_embeddings && !model.llm.tied_embeddings ? p.llm.lm_head : emb;
  // The per-layer embedding table is an embedding table too: stored like the embeddings.
  const ple = p.llm.per_layer_embedding;
  const streamed = model.llm.per_layer_embeddings?.streamed ? ple : 0;
  return {
    vit: p.vision * bytesPerWeight(s.quant.vit),
    projector: (p.projector + p.compression) * bytesPerWeight(s.quant.projector),
    llm: (p.llm.total - emb - ple) * bytesPerWeight(s.quant.llm),
    embeddings: (residentEmb + ple - streamed) * bytesPerWeight(s.quant.embeddings),
    streamed: streamed * bytesPerWeight(s.quant.embeddings),
  };
}

/**
 * KV cache bytes for `tokens` positions in layers [from, to): a global layer holds every position,
 * a local one at most its window (llama.cpp sizes a sliding-window cache so since 2025), an MLA
 * layer one compressed vector per position, a kv-shared layer nothing of its own; conv and ssm
 * layers hold a constant-size state instead.
 */
function cacheBytes(llm: LlmConfig, kvBits: number, tokens: number, from: number, to: number): number {
  const c = layerCounts(llm, from, to);
  const b = kvBytes(kvBits);
  const local = llm.sliding_window === undefined ? tokens : Math.min(tokens, llm.sliding_window);
  return (
    b * (kvElementsPerToken(llm, 'global') * c.globalHolding * tokens + kvElementsPerToken(llm, 'local') * c.localHolding * local) +
    c.conv * stateBytes(llm, 'conv') +
    c.ssm * stateBytes(llm, 'ssm')
  );
}

/** KV cache bytes for `tokens` positions in every layer, with `laterTokens` in layers >= split. */
export function kvCacheBytes(llm: LlmConfig, kvBits: number, tokens: number, split?: { layer: number; laterTokens: number }): number {
  if (!split) return cacheBytes(llm, kvBits, tokens, 0, llm.layers);
  const first = Math.min(split.layer, llm.layers);
  return cacheBytes(llm, kvBits, tokens, 0, first) + cacheBytes(llm, kvBits, split.laterTokens, first, llm.layers);
}

/** Peak transient activations of one ViT call of b images of t tokens (one layer live at a time). */
export function vitActivationBytes(model: ModelConfig, q: ComponentQuant, b: number, t: number): number {
  const v = model.vision;
  if (!v) return 0;
  const a = activationBytes(q);
  if (v.type === 'staged') {
    // The largest stage activation, in and out, plus the largest attention score matrix.
    let peak = 0;
    for (const op of stagedOps(v, b, t, { weightBytes: 0, wbits: q.wbits, abits: q.abits, actBytes: a })) peak = Math.max(peak, op.workingSet * op.parts);
    return peak;
  }
  const up = v.mlp === 'gated' ? 2 : 1;
  const hidden = b * t * (3 * v.hidden + up * v.intermediate) * a;
  // A full-attention layer holds t x t scores per head; a windowed-only encoder t x window.
  const w = v.attention_window;
  const keys = w && w.full_layers.length === 0 ? Math.min(w.tokens, t) : t;
  const scores = b * v.heads * t * keys * Math.max(2, a);
  return hidden + scores;
}

/** Peak transient activations of a prefill chunk of c rows over a context of `context` tokens. */
export function prefillActivationBytes(llm: LlmConfig, q: ComponentQuant, c: number, context: number): number {
  const a = activationBytes(q);
  const up = llm.mlp === 'gated' ? 2 : 1;
  const e = headDim(llm);
  const hidden = c * (2 * llm.hidden + (llm.heads + 2 * llm.kv_heads) * e + up * llm.intermediate) * a;
  const scores = c * context * llm.heads * Math.max(2, a);
  const logits = llm.vocab * 4;
  return hidden + scores + logits;
}

export type PhaseMemory = { encode: number; prefill: number; decode: number };

export function phaseMemory(
  device: DeviceProfile,
  w: WeightBytes,
  kv: number,
  act: { encode: number; prefill: number; decode: number },
  s: Scenario,
): PhaseMemory {
  const rt = device.runtime_overhead;
  const llmSide = w.llm + w.embeddings + w.projector;
  const vitAfter = s.unload_vit ? 0 : w.vit;
  return {
    encode: w.vit + llmSide + act.encode + rt,
    prefill: vitAfter + llmSide + kv + act.prefill + rt,
    decode: vitAfter + llmSide + kv + act.decode + rt,
  };
}
