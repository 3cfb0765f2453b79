/**
 * Operators: the model as a graph of costed operators. Each operator carries its arithmetic
 * (ops; one multiply-accumulate = 2 ops), the DRAM bytes it must move (weights, KV reads and
 * writes), the rows M of its matrix work (for unit utilization), and its on-chip working set
 * (activations, or attention scores per head) whose overflow spills to DRAM.
 *
 * Formulas, for an LLM layer with hidden d, heads h, KV heads g, head dim e,
 * MLP width f, processing n new tokens on top of k cached:
 *   linear ops   2·n·(d·(h+2g)·e + h·e·d + (gated ? 3 : 2)·d·f)
 *   attention    4·n·(k + (n+1)/2)·h·e            (causal mask)
 *   KV read      (k+n)·2·g·e·kv_bytes,  KV write n·2·g·e·kv_bytes
 * and for a ViT layer over t tokens per image: 2·t·(4·dv² + 2·dv·fv) + 4·t²·dv.
 * Weights are read once per forward call (a batch of tiles, a prefill chunk, a decode step).
 */
import type { LlmConfig, StagedEncoder, VisionEncoder, VitEncoder } from '../schema/index.js';
import { expertsTouched, headDimOf, kvElementsPerToken, kvRole, layerKinds, mlpWidths, ssmWidths, stateBytes, type LayerKind } from '../architecture.js';

export type OpKind = 'matmul' | 'attention' | 'elementwise';

export type Op = {
  name: string;
  kind: OpKind;
  /** Identical calls in one forward pass (e.g. one per layer). */
  calls: number;
  /** Per call. */
  ops: number;
  weightBytes: number;
  /** Number of weights (for dequantization traffic). */
  weightCount: number;
  kvBytes: number;
  /** Rows of the matrix work (tokens in flight); drives small-M utilization. */
  rows: number;
  /** On-chip bytes one part of the op needs at once; `parts` such parts run one after another. */
  workingSet: number;
  parts: number;
  /** Precision pair that selects the compute peak. */
  wbits: number;
  abits: number;
};

/** Element widths an operator graph is built with. */
export type OpPrecision = {
  /** Bytes per stored weight (incl. scales). */
  weightBytes: number;
  wbits: number;
  abits: number;
  /** Bytes per activation element. */
  actBytes: number;
};

export function headDim(llm: LlmConfig): number {
  return llm.head_dim ?? llm.hidden / llm.heads;
}

function matmul(name: string, calls: number, rows: number, k: number, n: number, p: OpPrecision): Op {
  return {
    name,
    kind: 'matmul',
    calls,
    ops: 2 * rows * k * n,
    weightBytes: k * n * p.weightBytes,
    weightCount: k * n,
    kvBytes: 0,
    rows,
    workingSet: rows * (k + n) * p.actBytes,
    parts: 1,
    wbits: p.wbits,
    abits: p.abits,
  };
}

function elementwise(name: string, calls: number, rows: number, width: number, p: OpPrecision): Op {
  return { name, kind: 'elementwise', calls, ops: 4 * rows * width, weightBytes: 0, weightCount: 0, kvBytes: 0, rows, workingSet: 0, parts: 1, wbits: p.abits, abits: p.abits };
}

/** Layers [from, to) of the LLM: a prefill or decode call over part of the stack (after pruning). */
export type LayerRange = { from: number; to: number };

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
function attentionOp(llm: LlmConfig, a: AttentionShape, n: number, k: number, p: OpPrecision, kvElemBytes: number): Op {
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
function attentionProjections(llm: LlmConfig, groups: Map<string, { e: number; kvWeights: boolean; layers: number }>, n: number, p: OpPrecision): { before: Op[]; after: Op[] } {
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

/** An op that reads and writes a constant-size per-sequence state (conv window, SSM state). */
function stateOp(name: string, calls: number, n: number, ops: number, state: number, p: OpPrecision): Op {
  return { name, kind: 'elementwise', calls, ops, weightBytes: 0, weightCount: 0, kvBytes: 2 * state, rows: n, workingSet: 0, parts: 1, wbits: p.abits, abits: p.abits };
}

/** Short-convolution mixers (LFM2): in_proj d -> 3d (B, C, x), depthwise conv over K taps, out_proj. */
function convOps(llm: LlmConfig, layers: number, n: number, p: OpPrecision): Op[] {
  const d = llm.hidden;
  const K = llm.conv!.kernel;
  return [matmul('llm.conv_in', layers, n, d, 3 * d, p), stateOp('llm.conv', layers, n, 2 * n * d * K + 4 * n * d, stateBytes(llm, 'conv'), p), matmul('llm.conv_out', layers, n, d, d, p)];
}

/**
 * State-space mixers (Mamba2): in_proj, causal conv, and the selective scan, which per token and
 * state element decays the state, adds B·x and reads out C·h: about 6 ops per element of the
 * H·P·N state (P = d_inner / H). Chunked prefill kernels do more arithmetic for parallelism; this
 * counts the recurrence.
 */
function ssmOps(llm: LlmConfig, layers: number, n: number, p: OpPrecision): Op[] {
  const s = llm.ssm!;
  const { proj, convDim } = ssmWidths(llm);
  return [
    matmul('llm.ssm_in', layers, n, llm.hidden, proj, p),
    stateOp('llm.ssm_scan', layers, n, 2 * n * convDim * s.conv_kernel + 6 * n * s.d_inner * s.d_state, stateBytes(llm, 'ssm'), p),
    matmul('llm.ssm_out', layers, n, s.d_inner, llm.hidden, p),
  ];
}

/**
 * Routed experts: n tokens each go to k of E experts. The call reads the weights of every expert
 * any token touched (T = expertsTouched(E, k, n): k for one decode token, up to E for a long
 * chunk) and does the arithmetic of n·k expert rows, about n·k/T rows per expert matrix.
 */
function expertMatmul(name: string, layers: number, n: number, inDim: number, outDim: number, p: OpPrecision, E: number, kPerToken: number): Op {
  const T = expertsTouched(E, kPerToken, n);
  const rows = (n * kPerToken) / T;
  const one = matmul(name, layers, rows, inDim, outDim, p);
  return { ...one, ops: one.ops * T, weightBytes: one.weightBytes * T, weightCount: one.weightCount * T };
}

function moeOps(llm: LlmConfig, layers: number, n: number, p: OpPrecision): Op[] {
  const m = llm.moe!;
  const d = llm.hidden;
  const f = m.expert_intermediate;
  const ops = [
    matmul('llm.router', layers, n, d, m.experts, p),
    expertMatmul('llm.experts_up', layers, n, d, 2 * f, p, m.experts, m.experts_per_token),
    elementwise('llm.experts_act', layers, n * m.experts_per_token, f, p),
    expertMatmul('llm.experts_down', layers, n, f, d, p, m.experts, m.experts_per_token),
  ];
  if (m.shared_experts > 0) {
    const fs = m.shared_experts * (m.shared_intermediate ?? f);
    ops.push(matmul('llm.shared_up', layers, n, d, 2 * fs, p), elementwise('llm.shared_act', layers, n, fs, p), matmul('llm.shared_down', layers, n, fs, d, p));
  }
  return ops;
}

/** The layers of a range, grouped the way their ops differ (architecture.ts). */
type LayerGroups = {
  layers: number;
  attention: Map<string, { e: number; kvWeights: boolean; layers: number }>;
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

/** Encoder output tokens for one input of w x h pixels (a staged encoder's patch_size is its output stride). */
export function vitTokens(v: VisionEncoder, w: number, h: number): number {
  return Math.floor(w / v.patch_size) * Math.floor(h / v.patch_size) + (v.type !== 'staged' && v.cls_token ? 1 : 0);
}

/**
 * Patch embedding (the Conv2D) for b images of t tokens; none for a staged encoder, whose stem is
 * its first stage.
 */
export function patchEmbedOps(v: VisionEncoder, b: number, t: number, p: OpPrecision): Op[] {
  return v.type === 'staged' ? [] : [matmul('vit.patch_embed', 1, b * t, 3 * v.patch_size * v.patch_size, v.hidden, p)];
}

/**
 * The encoder's layers for a batch of b inputs of t output tokens each (ViT or staged); `pixels`
 * per input, when known, sizes a staged encoder exactly (t is rounded down to whole tokens).
 */
export function encoderOps(v: VisionEncoder, b: number, t: number, p: OpPrecision, pixels?: number): Op[] {
  return v.type === 'staged' ? stagedOps(v, b, t, p, pixels) : vitLayerOps(v, b, t, p);
}

/**
 * A staged (conv/hybrid) encoder over b inputs whose output is t tokens each. The stages' MACs are
 * counted at image_size; at another size with s times the pixels (pixels / image_size², or
 * t / (image_size / patch_size)² when only tokens are known), convolution and projection MACs scale by s and attention's
 * QK^T/AV MACs by s² (tokens x keys). Each block is one call reading its share of the stage's
 * weights; its rows are the stage's spatial positions, its working set one stage activation in and out.
 * Depthwise convolutions reach a lower share of a unit's peak than dense matmuls; the roofline
 * does not know that, so a unit's calibrated efficiency carries it.
 */
export function stagedOps(v: StagedEncoder, b: number, t: number, p: OpPrecision, pixels?: number): Op[] {
  const s = pixels !== undefined ? pixels / v.image_size ** 2 : t / (v.image_size / v.patch_size) ** 2;
  const out: Op[] = [];
  for (const st of v.stages) {
    const rows = b * Math.max(1, Math.round((v.image_size / st.stride) ** 2 * s));
    const blocks = st.blocks;
    const dense = ((st.macs - st.attention_macs) * s) / blocks;
    out.push({
      name: `enc.${st.name}`,
      kind: 'matmul',
      calls: blocks,
      ops: 2 * b * dense,
      weightBytes: (st.params / blocks) * p.weightBytes,
      weightCount: st.params / blocks,
      kvBytes: 0,
      rows,
      workingSet: 2 * (rows / b) * st.width * p.actBytes,
      parts: b,
      wbits: p.wbits,
      abits: p.abits,
    });
    if (st.attention_macs > 0) {
      const heads = st.heads ?? 1;
      const attn = (st.attention_macs * s * s) / blocks;
      const tokens = rows / b;
      out.push({
        name: `enc.${st.name}.attention`,
        kind: 'attention',
        calls: blocks,
        ops: 2 * b * attn,
        weightBytes: 0,
        weightCount: 0,
        kvBytes: 0,
        rows,
        // Scores per head: tokens x keys, keys = attention MACs / (2 · tokens · width) per image.
        workingSet: (attn / (2 * tokens * st.width)) * tokens * Math.max(2, p.actBytes),
        parts: b * heads,
        wbits: p.abits,
        abits: p.abits,
      });
    }
  }
  return out;
}

/**
 * ViT transformer layers for a batch of b images of t tokens each. Attention costs 4·t·keys·dv per
 * image: keys = t in a full layer, at most the window's tokens in a windowed one (Qwen2.5-VL;
 * edge windows hold fewer, so t·W is an upper bound).
 */
export function vitLayerOps(v: VitEncoder, b: number, t: number, p: OpPrecision): Op[] {
  const dv = v.hidden;
  const L = v.layers;
  const rows = b * t;
  const up = v.mlp === 'gated' ? 2 : 1;
  const scoreBytes = Math.max(2, p.actBytes);
  const w = v.attention_window;
  const full = w ? new Set(w.full_layers.filter((l) => l < L)).size : L;
  const attention = (name: string, calls: number, keys: number): Op => ({
    name,
    kind: 'attention',
    calls,
    ops: 4 * b * t * keys * dv,
    weightBytes: 0,
    weightCount: 0,
    kvBytes: 0,
    rows,
    workingSet: t * keys * scoreBytes,
    parts: b * v.heads,
    wbits: p.abits,
    abits: p.abits,
  });
  const ops: Op[] = [elementwise('vit.norm+residual', 2 * L, rows, dv, p), matmul('vit.qkv', L, rows, dv, 3 * dv, p), attention('vit.attention', full, t)];
  if (w && L - full > 0) ops.push(attention('vit.attention_window', L - full, Math.min(w.tokens, t)));
  ops.push(matmul('vit.o', L, rows, dv, dv, p), matmul('vit.mlp_up', L, rows, dv, up * v.intermediate, p), matmul('vit.mlp_down', L, rows, v.intermediate, dv, p));
  return ops.filter((o) => o.calls > 0);
}

/** A stack of linear layers (projector MLP, fuse linear) over `rows` tokens. */
export function mlpOps(name: string, dims: number[], rows: number, p: OpPrecision): Op[] {
  const out: Op[] = [];
  for (let i = 0; i + 1 < dims.length; i++) out.push(matmul(`${name}.fc${i + 1}`, 1, rows, dims[i], dims[i + 1], p));
  return out;
}

/** Cross-attention resampler: `queries` learned queries attend to t ViT tokens of width dv, output width dOut. */
export function resamplerOps(dv: number, dOut: number, queries: number, t: number, images: number, p: OpPrecision): Op[] {
  return [
    matmul('resampler.kv_proj', 1, images * t, dv, 2 * dOut, p),
    matmul('resampler.q_proj', 1, images * queries, dOut, dOut, p),
    {
      name: 'resampler.attention',
      kind: 'attention',
      calls: 1,
      ops: 4 * images * queries * t * dOut,
      weightBytes: 0,
      weightCount: 0,
      kvBytes: 0,
      rows: images * queries,
      workingSet: queries * t * Math.max(2, p.actBytes),
      parts: images,
      wbits: p.abits,
      abits: p.abits,
    },
    matmul('resampler.out_proj', 1, images * queries, dOut, dOut, p),
  ];
}

/** Sum of ops over calls (for FLOP reporting and tests). */
export function totalOps(ops: Op[]): number {
  let s = 0;
  for (const o of ops) s += o.ops * o.calls;
  return s;
}
