/**
 * Attention in the LLM: the keys each new token attends to (causal, or capped at a sliding
 * window), the attention op over the KV cache for the layers of one kind, and the projections in
 * and out of it (standard, gated-output and kv-shared heads, or MLA's low-rank ones). Split from
 * the layer assembly (llm-ops.ts) because attention is where the cache, windows and head layouts
 * enter the cost; the other layer kinds are in recurrent-ops.ts and moe-ops.ts.
 *
 *   attention    4·keys·h·e ops (scores and weighted values),  keys = attendedKeys(n, k, window)
 *   KV read      keysRead(n, k, window)·kv_per_token,  KV write n·kv_per_token (layers that hold a cache)
 */
import type { LlmConfig } from '../schema/index.js';
import { headDimOf, kvElementsPerToken, type LayerKind } from '../architecture.js';
import { matmul, type Op, type OpPrecision } from './op.js';

/** Attention layers that share one projection shape: head width, whether they have k/v weights, how many. */
export type AttentionGroup = { e: number; kvWeights: boolean; layers: number };

/**
 * Keys the n new tokens attend to in total (Σ over the n queries), after k cached: every earlier
 * position under causal attention, at most the last `window` in a local layer.
 *   global  Σ_{i<n} (k + i + 1) = n·(k + (n+1)/2)
 *   local   Σ_{i<n} min(W, k + i + 1) = m·k + m(m+1)/2 + (n − m)·W,  m = clamp(W − k, 0, n)
 */
export function attendedKeys(n: number, k: number, window?: number): number {
  if (window === undefined || k + n <= window) return n * (k + (n + 1) / 2);
  const m = Math.min(n, Math.max(0, window - k));
  return m * k + (m * (m + 1)) / 2 + (n - m) * window;
}

/** Cached positions one call reads: all of them, or those inside any query's window. */
function keysRead(n: number, k: number, window?: number): number {
  return window === undefined ? k + n : Math.min(k + n, window + n - 1);
}

type AttentionShape = { name: string; kind: LayerKind; layers: number; holding: number; window?: number };

/**
 * Attention over the cache for `layers` layers of one kind. Standard heads: 2 ops per multiply-add
 * for scores (e wide) and for the weighted values (e wide): 4·keys·h·e. MLA runs absorbed (as
 * llama.cpp and vLLM do at decode): queries and outputs live in the compressed space, so scores
 * are (c + r) wide and values c wide, and the cache holds c + r elements per token.
 * Layers that share another layer's cache (`layers − holding`) read it but write nothing.
 */
export function attentionOp(llm: LlmConfig, a: AttentionShape, n: number, k: number, p: OpPrecision, kvElemBytes: number): Op {
  const h = llm.heads;
  const perPair = llm.mla ? 2 * h * (2 * llm.mla.kv_lora_rank + llm.mla.qk_rope_head_dim) : 4 * h * headDimOf(llm, a.kind);
  const kvPerToken = kvElementsPerToken(llm, a.kind) * kvElemBytes;
  const keys = keysRead(n, k, a.window);
  return {
    name: a.name,
    kind: 'attention',
    calls: a.layers,
    ops: perPair * attendedKeys(n, k, a.window),
    weightBytes: 0,
    weightCount: 0,
    kvBytes: keys * kvPerToken + (n * kvPerToken * a.holding) / a.layers,
    rows: n,
    workingSet: n * keys * Math.max(2, p.actBytes),
    parts: h,
    wbits: p.abits,
    abits: p.abits,
  };
}

/**
 * The projections into and out of attention, for attention layers grouped by shape: head width
 * (global layers may have their own) and whether the layer has k/v projections (kv-shared layers
 * of Gemma 4 have none). A model whose attention layers all look alike has one qkv and one o op.
 */
export function attentionProjections(llm: LlmConfig, groups: Map<string, AttentionGroup>, n: number, p: OpPrecision): { before: Op[]; after: Op[] } {
  const d = llm.hidden;
  const h = llm.heads;
  const m = llm.mla;
  const layers = [...groups.values()].reduce((s, g) => s + g.layers, 0);
  if (m) {
    const qk = m.qk_nope_head_dim + m.qk_rope_head_dim;
    const q = m.q_lora_rank === null ? [matmul('llm.q', layers, n, d, h * qk, p)] : [matmul('llm.q_a', layers, n, d, m.q_lora_rank, p), matmul('llm.q_b', layers, n, m.q_lora_rank, h * qk, p)];
    return {
      before: [...q, matmul('llm.kv_a', layers, n, d, m.kv_lora_rank + m.qk_rope_head_dim, p), matmul('llm.kv_b', layers, n, m.kv_lora_rank, h * (m.qk_nope_head_dim + m.v_head_dim), p)],
      after: [matmul('llm.o', layers, n, h * m.v_head_dim, d, p)],
    };
  }
  const before: Op[] = [];
  const after: Op[] = [];
  const gate = llm.attention_output_gate ? 2 : 1;
  let first = true;
  for (const g of groups.values()) {
    const suffix = first ? '' : `_${g.e}${g.kvWeights ? '' : '_q_only'}`;
    first = false;
    before.push(matmul(`llm.qkv${suffix}`, g.layers, n, d, h * g.e * gate + (g.kvWeights ? 2 * llm.kv_heads * g.e : 0), p));
    after.push(matmul(`llm.o${suffix}`, g.layers, n, h * g.e, d, p));
  }
  return { before, after };
}
