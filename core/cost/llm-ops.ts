/**
 * The LLM as operators: one forward call over n new tokens after k cached, for a range of layers,
 * and the LM head. Layers are grouped by the way their ops differ (attention shape and kind, conv,
 * state-space, dense MLP width, experts; architecture.ts says what each layer is), and each group
 * becomes one op per operator with `calls` = its layer count. The attention, recurrent and expert
 * ops come from attention-ops.ts, recurrent-ops.ts and moe-ops.ts; this module assembles them with
 * the dense MLP, per-layer embeddings and other weights, and memoizes the graphs (a calibration fit
 * or a sweep re-times the same graphs many times).
 *
 * Formulas, for an LLM layer with hidden d, heads h, KV heads g, head dim e,
 * MLP width f, processing n new tokens on top of k cached:
 *   linear ops   2·n·(d·(h+2g)·e + h·e·d + (gated ? 3 : 2)·d·f)
 *   attention    4·n·(k + (n+1)/2)·h·e            (causal mask)
 *   KV read      (k+n)·2·g·e·kv_bytes,  KV write n·2·g·e·kv_bytes
 * Weights are read once per forward call (a prefill chunk, a decode step).
 */
import type { LlmConfig } from '../schema/index.js';
import { headDimOf, kvRole, layerKinds, mlpWidths } from '../architecture.js';
import { elementwise, matmul, type Op, type OpPrecision } from './op.js';
import { attentionOp, attentionProjections, type AttentionGroup } from './attention-ops.js';
import { convOps, ssmOps } from './recurrent-ops.js';
import { moeOps } from './moe-ops.js';

export function headDim(llm: LlmConfig): number {
  return llm.head_dim ?? llm.hidden / llm.heads;
}

/** Layers [from, to) of the LLM: a prefill or decode call over part of the stack (after pruning). */
export type LayerRange = { from: number; to: number };

/** The layers of a range, grouped the way their ops differ (architecture.ts). */
type LayerGroups = {
  layers: number;
  attention: Map<string, AttentionGroup>;
  /** Per attention kind: layers and those holding their own cache. */
  global: { layers: number; holding: number };
  local: { layers: number; holding: number };
  conv: number;
  ssm: number;
  moe: number;
  /** Dense MLP layers by width, in order of first appearance. */
  dense: Map<number, number>;
};

const groupsMemo = new WeakMap<LlmConfig, Map<string, LayerGroups>>();

function layerGroups(llm: LlmConfig, from: number, to: number): LayerGroups {
  let byRange = groupsMemo.get(llm);
  if (!byRange) groupsMemo.set(llm, (byRange = new Map()));
  const key = `${from}:${to}`;
  const hit = byRange.get(key);
  if (hit) return hit;
  const kinds = layerKinds(llm);
  const widths = mlpWidths(llm);
  const denseMoe = new Set(llm.moe?.dense_layers ?? []);
  const g: LayerGroups = { layers: to - from, attention: new Map(), global: { layers: 0, holding: 0 }, local: { layers: 0, holding: 0 }, conv: 0, ssm: 0, moe: 0, dense: new Map() };
  for (let i = from; i < to; i++) {
    const k = kinds[i];
    if (k === 'global' || k === 'local') {
      const role = kvRole(llm, i);
      const e = headDimOf(llm, k);
      const id = `${e}|${role.kvWeights}`;
      const a = g.attention.get(id) ?? { e, kvWeights: role.kvWeights, layers: 0 };
      a.layers++;
      g.attention.set(id, a);
      g[k].layers++;
      if (role.holds) g[k].holding++;
    } else g[k]++;
    if (llm.moe && !denseMoe.has(i)) g.moe++;
    else g.dense.set(widths[i], (g.dense.get(widths[i]) ?? 0) + 1);
  }
  byRange.set(key, g);
  return g;
}

/**
 * One LLM forward over n new tokens after k cached, for the layers in `range` (all by default),
 * without the LM head. Layers are grouped by shape (layerGroups): each group is one op with
 * `calls` = its layer count, so a plain dense model is the seven ops of the header.
 * `kvElemBytes` is the KV cache's bytes per element.
 */
export function llmLayerOps(llm: LlmConfig, n: number, k: number, p: OpPrecision, kvElemBytes: number, range: LayerRange = { from: 0, to: llm.layers }): readonly Op[] {
  // The graph depends on the model and the shapes, not on the device: a calibration fit or a sweep
  // re-times the same graphs under other tunings, so they are built once (callers must not change them).
  let byPrecision = opsMemo.get(llm);
  if (!byPrecision) opsMemo.set(llm, (byPrecision = new WeakMap()));
  let byShape = byPrecision.get(p);
  if (!byShape) byPrecision.set(p, (byShape = new Map()));
  // Numbers as keys (no string building on this hot path): the layer range, the KV element width,
  // then n and k together (both below 2^26 tokens).
  const shape = (range.from * 65_536 + range.to) * 64 + kvElemBytes * 8;
  let memo = byShape.get(shape);
  if (!memo || memo.size > 100_000) byShape.set(shape, (memo = new Map()));
  const key = n * 67_108_864 + k;
  let ops = memo.get(key);
  if (!ops) memo.set(key, (ops = Object.freeze(buildLayerOps(llm, n, k, p, kvElemBytes, range).map((o) => Object.freeze(o)))));
  return ops;
}

const opsMemo = new WeakMap<LlmConfig, WeakMap<OpPrecision, Map<number, Map<number, readonly Op[]>>>>();

function buildLayerOps(llm: LlmConfig, n: number, k: number, p: OpPrecision, kvElemBytes: number, range: LayerRange): Op[] {
  const d = llm.hidden;
  const c = layerGroups(llm, range.from, range.to);
  const L = c.layers;
  const proj = attentionProjections(llm, c.attention, n, p);
  const ops: Op[] = [elementwise('llm.norm+residual', 2 * L, n, d, p), ...proj.before];
  if (c.global.layers > 0) ops.push(attentionOp(llm, { name: 'llm.attention', kind: 'global', layers: c.global.layers, holding: c.global.holding }, n, k, p, kvElemBytes));
  if (c.local.layers > 0) ops.push(attentionOp(llm, { name: 'llm.attention_local', kind: 'local', layers: c.local.layers, holding: c.local.holding, window: llm.sliding_window }, n, k, p, kvElemBytes));
  ops.push(...proj.after);
  if (c.conv > 0) ops.push(...convOps(llm, c.conv, n, p));
  if (c.ssm > 0) ops.push(...ssmOps(llm, c.ssm, n, p));
  const up = llm.mlp === 'gated' ? 2 : 1;
  let first = true;
  for (const [f, count] of c.dense) {
    const sfx = first ? '' : `_${f}`;
    first = false;
    ops.push(matmul(`llm.mlp_up${sfx}`, count, n, d, up * f, p), elementwise(`llm.act${sfx}`, count, n, f, p), matmul(`llm.mlp_down${sfx}`, count, n, f, d, p));
  }
  if (c.moe > 0) ops.push(...moeOps(llm, c.moe, n, p));
  const ple = llm.per_layer_embeddings;
  if (ple) {
    // Per layer: gate d -> p and project p -> d; once, at the bottom: project d -> layers·p.
    ops.push(matmul('llm.ple_gate', L, n, d, ple.hidden, p), matmul('llm.ple_proj', L, n, ple.hidden, d, p));
    if (range.from === 0) ops.push(matmul('llm.ple_model', 1, n, d, llm.layers * ple.hidden, p));
  }
  const other = llm.other_weights;
  if (other && other.per_layer > 0) ops.push(matmul('llm.other', L, n, d, other.per_layer / d, p));
  if (other && other.once > 0 && range.from === 0) ops.push(matmul('llm.other_once', 1, n, d, other.once / d, p));
  return ops.filter((o) => o.calls > 0);
}

/** LM head over `rows` tokens (1 in decode and at the end of prefill). */
export function lmHeadOp(llm: LlmConfig, rows: number, p: OpPrecision): Op {
  return matmul('llm.lm_head', 1, rows, llm.hidden, llm.vocab, p);
}
