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
import type { LlmConfig, VisionEncoder } from '../schema/index.js';

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

/**
 * One LLM forward over n new tokens after k cached, all layers (as `calls`), without the LM head.
 * `kvElemBytes` is the KV cache's bytes per element.
 */
export function llmLayerOps(llm: LlmConfig, n: number, k: number, p: OpPrecision, kvElemBytes: number): Op[] {
  const d = llm.hidden;
  const e = headDim(llm);
  const h = llm.heads;
  const g = llm.kv_heads;
  const L = llm.layers;
  const up = llm.mlp === 'gated' ? 2 : 1;
  const scoreBytes = Math.max(2, p.actBytes);
  return [
    elementwise('llm.norm+residual', 2 * L, n, d, p),
    matmul('llm.qkv', L, n, d, (h + 2 * g) * e, p),
    {
      name: 'llm.attention',
      kind: 'attention',
      calls: L,
      ops: 4 * n * (k + (n + 1) / 2) * h * e,
      weightBytes: 0,
      weightCount: 0,
      kvBytes: (k + n) * 2 * g * e * kvElemBytes + n * 2 * g * e * kvElemBytes,
      rows: n,
      workingSet: n * (k + n) * scoreBytes,
      parts: h,
      wbits: p.abits,
      abits: p.abits,
    },
    matmul('llm.o', L, n, h * e, d, p),
    matmul('llm.mlp_up', L, n, d, up * llm.intermediate, p),
    elementwise('llm.act', L, n, llm.intermediate, p),
    matmul('llm.mlp_down', L, n, llm.intermediate, d, p),
  ];
}

/** LM head over `rows` tokens (1 in decode and at the end of prefill). */
export function lmHeadOp(llm: LlmConfig, rows: number, p: OpPrecision): Op {
  return matmul('llm.lm_head', 1, rows, llm.hidden, llm.vocab, p);
}

/** ViT tokens for one encoder input of w x h pixels. */
export function vitTokens(v: VisionEncoder, w: number, h: number): number {
  return Math.floor(w / v.patch_size) * Math.floor(h / v.patch_size) + (v.cls_token ? 1 : 0);
}

/** Patch embedding (the Conv2D) for b images of t tokens. */
export function patchEmbedOp(v: VisionEncoder, b: number, t: number, p: OpPrecision): Op {
  return matmul('vit.patch_embed', 1, b * t, 3 * v.patch_size * v.patch_size, v.hidden, p);
}

/** ViT transformer layers for a batch of b images of t tokens each. */
export function vitLayerOps(v: VisionEncoder, b: number, t: number, p: OpPrecision): Op[] {
  const dv = v.hidden;
  const L = v.layers;
  const rows = b * t;
  const up = v.mlp === 'gated' ? 2 : 1;
  const scoreBytes = Math.max(2, p.actBytes);
  return [
    elementwise('vit.norm+residual', 2 * L, rows, dv, p),
    matmul('vit.qkv', L, rows, dv, 3 * dv, p),
    {
      name: 'vit.attention',
      kind: 'attention',
      calls: L,
      ops: 4 * b * t * t * dv,
      weightBytes: 0,
      weightCount: 0,
      kvBytes: 0,
      rows,
      workingSet: t * t * scoreBytes,
      parts: b * v.heads,
      wbits: p.abits,
      abits: p.abits,
    },
    matmul('vit.o', L, rows, dv, dv, p),
    matmul('vit.mlp_up', L, rows, dv, up * v.intermediate, p),
    matmul('vit.mlp_down', L, rows, v.intermediate, dv, p),
  ];
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
