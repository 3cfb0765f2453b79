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
 *   Gated DeltaNet (Qwen3.5)   in_proj_qkv d·(2·Hk·dk + Hv·dv), in_proj_z d·Hv·dv, in_proj_a/b 2·d·Hv, conv (2·Hk·dk + Hv·dv)·K,
 *                              A_log/dt_bias 2·Hv, norm dv, out_proj Hv·dv·d   (ssm.variant gated_deltanet: d_inner = Hv·dv,
 *                              d_state = dk, n_groups = Hk, n_heads = Hv)
 * Variants within attention: global layers may use their own head width e_g (Gemma 4's
 * global_head_dim); a gated output (Qwen3.5) doubles the query projection; kv-shared layers may keep
 * or lack their k/v projections (Gemma 3n keeps them, Gemma 4 has none). MLP widths may differ per
 * layer (mlp_widths: Gemma 4's double-wide kv-shared layers, MatFormer sub-models).
 * Cache per token and layer (elements): global 2·g·e_g; local 2·g·e, only the last `window`
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

/** Head width of a layer kind: global layers may have their own (Gemma 4's global_head_dim). */
export function headDimOf(llm: LlmConfig, kind: LayerKind = 'local'): number {
  const base = llm.head_dim ?? llm.hidden / llm.heads;
  return kind === 'global' ? (llm.global_head_dim ?? base) : base;
}

/**
 * Weights of one attention layer (MLA or standard) of this kind; `kvWeights` false for a
 * kv-shared layer that has no k/v projections of its own.
 */
export function attentionWeights(llm: LlmConfig, kind: LayerKind = 'global', kvWeights = true): number {
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
  const e = headDimOf(llm, kind);
  const q = d * h * e * (llm.attention_output_gate ? 2 : 1);
  return q + (kvWeights ? 2 * d * llm.kv_heads * e : 0) + h * e * d;
}

/** Weights of one short-convolution mixer (LFM2). */
export function convWeights(llm: LlmConfig): number {
  const d = llm.hidden;
  return 3 * d * d + d * (llm.conv?.kernel ?? 0) + d * d;
}

/**
 * Widths of a state-space mixer: the input projections' total output and the convolved channels.
 * Mamba2: x, z (di each), B, C (G·N each), dt (H). Gated DeltaNet: q, k (Hk·dk each), v, z
 * (Hv·dv each), a, b (Hv each).
 */
export function ssmWidths(llm: LlmConfig): { proj: number; convDim: number } {
  const s = llm.ssm!;
  const convDim = s.d_inner + 2 * s.n_groups * s.d_state;
  return { proj: convDim + s.d_inner + (s.variant === 'gated_deltanet' ? 2 : 1) * s.n_heads, convDim };
}

/** Weights of one state-space mixer (Mamba2 or Gated DeltaNet). */
export function ssmWeights(llm: LlmConfig): number {
  const s = llm.ssm;
  if (!s) return 0;
  const { proj, convDim } = ssmWidths(llm);
  // Mamba2: conv with bias, A_log/D/dt_bias per head, a d_inner-wide gated norm. Gated DeltaNet:
  // conv without bias, A_log/dt_bias per head, a norm of one head's width shared across heads.
  const rest = s.variant === 'gated_deltanet' ? convDim * s.conv_kernel + 2 * s.n_heads + s.d_inner / s.n_heads : convDim * (s.conv_kernel + 1) + 3 * s.n_heads + s.d_inner;
  return llm.hidden * proj + rest + s.d_inner * llm.hidden;
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

/** Cache elements per token of one attention layer of this kind (both keys and values). */
export function kvElementsPerToken(llm: LlmConfig, kind: LayerKind = 'global'): number {
  return llm.mla ? llm.mla.kv_lora_rank + llm.mla.qk_rope_head_dim : 2 * llm.kv_heads * headDimOf(llm, kind);
}

/** The MLP width of every layer (mlp_widths, else intermediate everywhere). */
export function mlpWidths(llm: LlmConfig): number[] {
  return llm.mlp_widths ?? Array<number>(llm.layers).fill(llm.intermediate);
}

/** Whether layer i keeps a KV cache of its own, and whether it has k/v projection weights. */
export function kvRole(llm: LlmConfig, i: number): { holds: boolean; kvWeights: boolean } {
  const shared = i >= llm.layers - (llm.kv_shared_layers ?? 0);
  return { holds: !shared, kvWeights: !shared || llm.kv_shared_kv_weights !== false };
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
