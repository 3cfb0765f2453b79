/**
 * Memory: resident weights per component at their bits (+ scales), the KV cache at its capacity,
 * the transient activations of each phase, and the runtime's own overhead. Peak = the largest
 * phase. The ViT and LLM are loaded together; the KV cache is allocated when the LLM starts, and
 * the ViT can be freed after encoding (BlueLM-V-3B, Sec. 3.4: this keeps its peak at 2.2 GB).
 */
import type { ComponentQuant, DeviceProfile, LlmConfig, ModelConfig, Scenario } from '../schema/index.js';
import { bytesPerWeight, activationBytes, kvBytes } from '../quant/bits.js';
import { headDim } from './operators.js';
import { modelParams } from '../params.js';

export type WeightBytes = { vit: number; projector: number; llm: number; embeddings: number };

const paramsMemo = new WeakMap<ModelConfig, ReturnType<typeof modelParams>>();

export function weightBytes(model: ModelConfig, s: Scenario): WeightBytes {
  let p = paramsMemo.get(model);
  if (!p) paramsMemo.set(model, (p = modelParams(model)));
  const emb = p.llm.embedding + p.llm.lm_head;
  // A memory-mapped input embedding is paged in row by row; with tied weights the LM head needs it all.
  const residentEmb = s.mmap_embeddings && !model.llm.tied_embeddings ? p.llm.lm_head : emb;
  return {
    vit: p.vision * bytesPerWeight(s.quant.vit),
    projector: (p.projector + p.compression) * bytesPerWeight(s.quant.projector),
    llm: (p.llm.total - emb) * bytesPerWeight(s.quant.llm),
    embeddings: residentEmb * bytesPerWeight(s.quant.embeddings),
  };
}

/** KV cache bytes for `tokens` positions in every layer, with `laterTokens` in layers >= split. */
export function kvCacheBytes(llm: LlmConfig, kvBits: number, tokens: number, split?: { layer: number; laterTokens: number }): number {
  const perTokenLayer = 2 * llm.kv_heads * headDim(llm) * kvBytes(kvBits);
  if (!split) return perTokenLayer * tokens * llm.layers;
  const first = Math.min(split.layer, llm.layers);
  return perTokenLayer * (tokens * first + split.laterTokens * (llm.layers - first));
}

/** Peak transient activations of one ViT call of b images of t tokens (one layer live at a time). */
export function vitActivationBytes(model: ModelConfig, q: ComponentQuant, b: number, t: number): number {
  const v = model.vision;
  if (!v) return 0;
  const a = activationBytes(q);
  const up = v.mlp === 'gated' ? 2 : 1;
  const hidden = b * t * (3 * v.hidden + up * v.intermediate) * a;
  const scores = b * v.heads * t * t * Math.max(2, a);
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
