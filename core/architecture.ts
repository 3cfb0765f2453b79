/**
 * LLM architecture beyond the plain dense transformer: what each layer mixes tokens with, and what
 * that means for weights and for the cache a request keeps. Used by parameter counts (params.ts),
 * operators (cost/operators.ts) and memory (cost/memory.ts), so the three agree.
 *
 * Weights per layer (d hidden, h heads, g KV heads, e head dim):
 *   global / local attention   d·h·e + 2·d·g·e + h·e·d              (q, k, v, o)
 *   MLA (DeepSeek-V2)          q: d·h·(n+r) or d·q_r + q_r·h·(n+r) + q_r;  kv_a: d·(c+r) + c;  kv_b: c·h·(n+v);  o: h·v·d
 *                              (c kv_lora_rank, q_r q_lora_rank, n/r nope/rope head dims, v value head dim)
 *   conv (LFM2 ShortConv)      in_proj d·3d, depthwise conv d·K, out_proj d·d
 *   ssm (Mamba2)               in_proj d·(2·di + 2·G·N + H), conv (di + 2·G·N)·(K + 1), A/D/dt 3·H, norm di, out_proj di·d
 *   dense MLP                  (gated ? 3 : 2)·d·f
 *   MoE MLP                    router d·E + E·3·d·f_e + S·3·d·f_s   (S shared experts)
 * Cache per token and layer (elements): global 2·g·e; local the same but only the last `window`
 * tokens; MLA c + r (one compressed vector for keys and values); kv-shared layers none. Conv and
 * ssm layers keep a state of constant size instead: conv (K − 1)·d, ssm H·(di/H)·N + (K − 1)·(di + 2·G·N).
 */
import type { LayerKind, LlmConfig } from './schema/index.js';

export type { LayerKind };

const kindsMemo = new WeakMap<LlmConfig, LayerKind[]>();

/** The mixer of every layer, in order (memoised per config). */
export function layerKinds(llm: LlmConfig): LayerKind[] {
  let k = kindsMemo.get(llm);
  if (!k) {
    const t = llm.layer_types;
    k = !t ? Array<LayerKind>(llm.layers).fill('global') : Array.isArray(t) ? [...t] : Array.from({ length: llm.layers }, (_, i) => t.pattern[i % t.pattern.length]);
    kindsMemo.set(llm, k);
  }
  return k;
}

export type LayerCounts = Record<LayerKind, number> & {
  /** MLPs: mixture-of-experts and dense. */
  moe: number;
  dense: number;
  /** Global and local layers that keep a KV cache of their own (not kv-shared). */
  globalHolding: number;
  localHolding: number;
};

/** Layers in [from, to) by mixer kind and MLP kind, and which of them keep a KV cache of their own. */
export function layerCounts(llm: LlmConfig, from = 0, to = llm.layers): LayerCounts {
  const kinds = layerKinds(llm);
  const firstShared = llm.layers - (llm.kv_shared_layers ?? 0);
  const dense = new Set(llm.moe?.dense_layers ?? []);
  const out: LayerCounts = { global: 0, local: 0, conv: 0, ssm: 0, moe: 0, dense: 0, globalHolding: 0, localHolding: 0 };
  for (let i = from; i < to; i++) {
    const kind = kinds[i];
    out[kind]++;
    if (llm.moe && !dense.has(i)) out.moe++;
    else out.dense++;
    if (i < firstShared && kind === 'global') out.globalHolding++;
    if (i < firstShared && kind === 'local') out.localHolding++;
  }
  return out;
}

export function headDimOf(llm: LlmConfig): number {
  return llm.head_dim ?? llm.hidden / llm.heads;
}

/** Weights of one attention layer (MLA or standard). */
export function attentionWeights(llm: LlmConfig): number {
  const d = llm.hidden;
  const h = llm.heads;
  const m = llm.mla;
  if (m) {
    const qk = m.qk_nope_head_dim + m.qk_rope_head_dim;
    const q = m.q_lora_rank === null ? d * h * qk : d * m.q_lora_rank + m.q_lora_rank * h * qk + m.q_lora_rank;
    const kvA = d * (m.kv_lora_rank + m.qk_rope_head_dim) + m.kv_lora_rank;
    const kvB = m.kv_lora_rank * h * (m.qk_nope_head_dim + m.v_head_dim);
    return q + kvA + kvB + h * m.v_head_dim * d;
  }
  const e = headDimOf(llm);
  return d * h * e + 2 * d * llm.kv_heads * e + h * e * d;
}

/** Weights of one short-convolution mixer (LFM2). */
export function convWeights(llm: LlmConfig): number {
  const d = llm.hidden;
  return 3 * d * d + d * (llm.conv?.kernel ?? 0) + d * d;
}

/** Widths of a Mamba2 mixer: the in_proj output and the convolved channels. */
export function ssmWidths(llm: LlmConfig): { proj: number; convDim: number } {
  const s = llm.ssm!;
  return { proj: 2 * s.d_inner + 2 * s.n_groups * s.d_state + s.n_heads, convDim: s.d_inner + 2 * s.n_groups * s.d_state };
}

/** Weights of one state-space mixer (Mamba2). */
export function ssmWeights(llm: LlmConfig): number {
  const s = llm.ssm;
  if (!s) return 0;
  const { proj, convDim } = ssmWidths(llm);
  return llm.hidden * proj + convDim * (s.conv_kernel + 1) + 3 * s.n_heads + s.d_inner + s.d_inner * llm.hidden;
}

/** Weights of one dense MLP of width f. */
export function mlpWeights(llm: LlmConfig, f = llm.intermediate): number {
  return (llm.mlp === 'gated' ? 3 : 2) * llm.hidden * f;
}

/** Weights of one MoE MLP: router, every expert, the shared experts. */
export function moeWeights(llm: LlmConfig): number {
  const m = llm.moe!;
  const d = llm.hidden;
  return d * m.experts + m.experts * 3 * d * m.expert_intermediate + m.shared_experts * 3 * d * (m.shared_intermediate ?? m.expert_intermediate);
}

/** Weights a decode step reads from one MoE MLP: the router, the routed experts and the shared ones. */
export function moeActiveWeights(llm: LlmConfig): number {
  const m = llm.moe!;
  const d = llm.hidden;
  return d * m.experts + m.experts_per_token * 3 * d * m.expert_intermediate + m.shared_experts * 3 * d * (m.shared_intermediate ?? m.expert_intermediate);
}

/**
 * Experts a batch of n tokens touches when each routes to k of E: E·(1 − (1 − k/E)^n), assuming
 * routing independent and uniform across tokens. Real routers are skewed, so a prefill chunk
 * touches somewhat fewer: this errs toward reading more weights (a slower, not faster, prefill).
 */
export function expertsTouched(experts: number, perToken: number, tokens: number): number {
  return experts * (1 - (1 - perToken / experts) ** tokens);
}

/** Weights of the per-layer embedding machinery (Gemma 3n): the table, and the small per-layer parts. */
export function perLayerEmbeddingWeights(llm: LlmConfig): { table: number; projections: number } {
  const p = llm.per_layer_embeddings;
  if (!p) return { table: 0, projections: 0 };
  const d = llm.hidden;
  // Per layer: an input gate d -> p and a projection p -> d, and a norm; once: a model projection
  // d -> layers·p and its norm.
  return { table: p.vocab * llm.layers * p.hidden, projections: llm.layers * (2 * d * p.hidden + d) + d * llm.layers * p.hidden + p.hidden };
}

/** Cache elements per token of one attention layer (both keys and values). */
export function kvElementsPerToken(llm: LlmConfig): number {
  return llm.mla ? llm.mla.kv_lora_rank + llm.mla.qk_rope_head_dim : 2 * llm.kv_heads * headDimOf(llm);
}

/** Bytes of the constant-size state of one conv or ssm layer, per sequence. */
export function stateBytes(llm: LlmConfig, kind: LayerKind): number {
  if (kind === 'conv') return ((llm.conv?.kernel ?? 1) - 1) * llm.hidden * 2; // 16-bit activations
  if (kind === 'ssm' && llm.ssm) {
    const s = llm.ssm;
    // The recurrent state is kept in fp32 (4 bytes) by Mamba2 kernels; the conv window in 16-bit.
    return s.n_heads * (s.d_inner / s.n_heads) * s.d_state * 4 + (s.conv_kernel - 1) * ssmWidths(llm).convDim * 2;
  }
  return 0;
}
