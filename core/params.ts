/**
 * Parameter counts: how many weights each component of a model holds, computed from its shape.
 * These drive weight memory and are checked against the totals the authors publish.
 *
 * What is counted (d hidden, h heads, g KV heads, e head dim, f MLP width, V vocab):
 * - LLM layer: attention d·h·e (q) + 2·d·g·e (k, v) + h·e·d (o); MLP 3·d·f if gated (gate, up,
 *   down), 2·d·f if plain; two RMSNorm weight vectors (2·d). Plus the input embedding V·d, the LM
 *   head V·d unless tied to the embedding (then it is the same tensor, counted once), a final norm d,
 *   and, for InternLM-XComposer2, Partial LoRA: rank r·(in + out) for every linear layer.
 *   LLM biases are not counted: Qwen2's q/k/v biases are (h + 2g)·e per layer, about 0.01% of the
 *   model. Extra norms (Gemma2's post-norms, Qwen3/Gemma3 q/k norms) are as small and not counted.
 * - ViT: patch embedding 3·p²·dv + dv bias; a class token dv (CLIP, InternViT); learned position
 *   embeddings ((image_size/p)² + cls)·dv unless positions are rotary; per layer attention
 *   4·dv² + 4·dv, MLP 2·dv·fv + fv + dv (gated 3·dv·fv + 2·fv + dv), two LayerNorms 4·dv; one
 *   final LayerNorm 2·dv. ViT linear layers do carry biases (CLIP, SigLIP, InternViT, Qwen2-VL),
 *   so they are counted. Not counted: a pooling head (SigLIP's MAP head; VLMs use the patch
 *   features), InternViT's LayerScale vectors (2·dv per layer).
 * - Compression: a concat merge has no weights unless it has a fuse linear, which is costed as a
 *   square linear layer over the merged width (window²·dv), as core/estimate.ts runs it. A resampler
 *   (MiniCPM-V) has Q·E learned queries, a kv projection dv·E (only when dv ≠ E), one multi-head
 *   cross-attention 4·E² + 4·E, three LayerNorms 6·E and an output projection E², with E its output
 *   width (the LLM hidden size).
 * - Projector: an MLP over `dims`: Σ dims[i]·dims[i+1] + dims[i+1] (weights and biases). Its input
 *   LayerNorm (InternVL, Qwen2-VL) is not counted.
 */
import type { LlmConfig, ModelConfig, VisionEncoder, VitEncoder } from './schema/index.js';
import { attentionWeights, convWeights, kvRole, layerKinds, mlpWeights, mlpWidths, moeWeights, perLayerEmbeddingWeights, ssmWeights } from './architecture.js';

export type LlmParams = {
  embedding: number;
  /** 0 when tied to the embedding. */
  lm_head: number;
  attention_per_layer: number;
  mlp_per_layer: number;
  norms_per_layer: number;
  /** Partial LoRA weights per layer (0 for models without it). */
  partial_lora_per_layer: number;
  /** Average over layers (they differ in hybrid and MoE models). */
  per_layer: number;
  layers_total: number;
  /** Per-layer embedding table (Gemma 3n), read from storage a row per token when streamed. */
  per_layer_embedding: number;
  final_norm: number;
  total: number;
};

export type VitParams = {
  patch_embedding: number;
  class_embedding: number;
  position_embedding: number;
  attention_per_layer: number;
  mlp_per_layer: number;
  norms_per_layer: number;
  per_layer: number;
  layers_total: number;
  final_norm: number;
  total: number;
};

export type ModelParams = { vision: number; compression: number; projector: number; llm: LlmParams; total: number };

/** The attention head width: explicit in some configs (Gemma, Qwen3), else hidden / heads. */
export function llmHeadDim(llm: LlmConfig): number {
  return llm.head_dim ?? llm.hidden / llm.heads;
}

/** Weights (and biases) of a stack of linear layers with these widths, input first. */
function linearStack(dims: number[], bias = true): number {
  let n = 0;
  for (let i = 0; i + 1 < dims.length; i++) n += dims[i] * dims[i + 1] + (bias ? dims[i + 1] : 0);
  return n;
}

export function llmParams(llm: LlmConfig): LlmParams {
  const d = llm.hidden;
  const e = llmHeadDim(llm);
  const qWidth = llm.heads * e;
  const kvWidth = llm.kv_heads * e;
  const f = llm.intermediate;
  const attention_per_layer = attentionWeights(llm);
  const mlpMatrices = llm.mlp === 'gated' ? 3 : 2;
  const mlp_per_layer = mlpWeights(llm);
  const norms_per_layer = 2 * d;
  // A rank-r adapter on a linear layer in -> out holds r·in (A) + r·out (B) weights. The fused qkv
  // projection is one linear layer d -> (h + 2g)·e, as InternLM2 stores it.
  const r = llm.partial_lora_rank ?? 0;
  const loraLinears = d + (qWidth + 2 * kvWidth) + (qWidth + d) + mlpMatrices * (d + f);
  const partial_lora_per_layer = r * loraLinears;
  // Layers differ in hybrid, MoE and Gemma 3n/4 models (architecture.ts): sum them one by one.
  const kinds = layerKinds(llm);
  const widths = mlpWidths(llm);
  const dense = new Set(llm.moe?.dense_layers ?? []);
  let mixers = 0;
  let mlps = 0;
  for (let i = 0; i < llm.layers; i++) {
    const k = kinds[i];
    mixers += k === 'conv' ? convWeights(llm) : k === 'ssm' ? ssmWeights(llm) : attentionWeights(llm, k, kvRole(llm, i).kvWeights);
    mlps += llm.moe && !dense.has(i) ? moeWeights(llm) : mlpWeights(llm, widths[i]);
  }
  const other = llm.other_weights;
  const layers_total = mixers + mlps + llm.layers * (norms_per_layer + partial_lora_per_layer + (other?.per_layer ?? 0));
  const per_layer = layers_total / llm.layers;
  const ple = perLayerEmbeddingWeights(llm);
  const embedding = llm.vocab * d;
  const lm_head = llm.tied_embeddings ? 0 : llm.vocab * d;
  const final_norm = d;
  return {
    embedding,
    lm_head,
    attention_per_layer,
    mlp_per_layer,
    norms_per_layer,
    partial_lora_per_layer,
    per_layer,
    layers_total: layers_total + ple.projections + (other?.once ?? 0),
    per_layer_embedding: ple.table,
    final_norm,
    total: embedding + lm_head + layers_total + ple.projections + (other?.once ?? 0) + ple.table + final_norm,
  };
}

export function vitParams(v: VitEncoder): VitParams {
  const dv = v.hidden;
  const fv = v.intermediate;
  const patch_embedding = 3 * v.patch_size * v.patch_size * dv + dv;
  const class_embedding = v.cls_token ? dv : 0;
  // The patch conv drops a remainder row/column (384 px / 14 = 27 patches), hence floor.
  const positions = v.position_entries ?? Math.floor(v.image_size / v.patch_size) ** 2 + (v.cls_token ? 1 : 0);
  const position_embedding = v.position_embedding === 'rope' ? 0 : positions * dv;
  const attention_per_layer = 4 * dv * dv + 4 * dv;
  const mlp_per_layer = v.mlp === 'gated' ? 3 * dv * fv + 2 * fv + dv : 2 * dv * fv + fv + dv;
  const norms_per_layer = 4 * dv;
  const per_layer = attention_per_layer + mlp_per_layer + norms_per_layer;
  const layers_total = per_layer * v.layers;
  const final_norm = 2 * dv;
  return {
    patch_embedding,
    class_embedding,
    position_embedding,
    attention_per_layer,
    mlp_per_layer,
    norms_per_layer,
    per_layer,
    layers_total,
    final_norm,
    total: patch_embedding + class_embedding + position_embedding + layers_total + final_norm,
  };
}

/** Weights of the token compression between the ViT and the projector. */
export function compressionParams(model: ModelConfig): number {
  const c = model.compression;
  const v = model.vision;
  if (!v || c.type === 'none' || c.type === 'avg_pool') return 0;
  if (c.type === 'concat_merge') {
    const merged = c.window * c.window * v.hidden;
    return c.fuse_linear ? linearStack([merged, merged]) : 0;
  }
  const E = model.llm.hidden;
  const queries = c.queries * E;
  const kvProj = v.hidden === E ? 0 : v.hidden * E; // nn.Linear(kv_dim, E, bias=False), only if widths differ
  const crossAttention = 4 * E * E + 4 * E; // in_proj (3E² + 3E) + out_proj (E² + E)
  const norms = 3 * 2 * E; // ln_q, ln_kv, ln_post
  const outProj = E * E; // proj: an E x E matrix, no bias
  return queries + kvProj + crossAttention + norms + outProj;
}

export function projectorParams(model: ModelConfig): number {
  return model.projector ? linearStack(model.projector.dims) : 0;
}

/** Parameters of any vision encoder: a ViT counted from its shape, a staged encoder from its stages. */
export function visionParams(v: VisionEncoder): number {
  return v.type === 'staged' ? v.stages.reduce((s, st) => s + st.params, 0) : vitParams(v).total;
}

export function modelParams(model: ModelConfig): ModelParams {
  const vision = model.vision ? visionParams(model.vision) : 0;
  const compression = compressionParams(model);
  const projector = projectorParams(model);
  const llm = llmParams(model.llm);
  return { vision, compression, projector, llm, total: vision + compression + projector + llm.total };
}
