/**
 * Phases of one request and their times: vision encode (batched, optionally pipelined CPU patch
 * embedding against the ViT unit), chunked prefill, and decode as a function of context.
 *
 * Static-graph units (NPUs) run fixed shapes: a partial prefill chunk is padded up to the chunk
 * size, and a partial ViT batch either runs as single-image calls on the compiled batch-1 graph or
 * padded to the full batch, whichever is cheaper (BlueLM-V-3B runs 9 patches as 4 + 4 + 1).
 */
import type { ComputeUnit, LlmConfig, VisionEncoder } from './schema/index.js';
import { llmLayerOps, lmHeadOp, patchEmbedOp, vitLayerOps, type Op, type OpPrecision } from './operators.js';
import { callTime, callBytes } from './roofline.js';

export type UnitCtx = { unit: ComputeUnit; bandwidth: number };

// ------------------------------------------------------------------ vision encode

/** One batch of same-size encoder inputs: `size` images of `tokens` ViT tokens each. */
export type VitBatch = { size: number; tokens: number };

/** Split groups of same-size inputs into batches of at most b (remainders handled by `batchCost`). */
export function vitBatches(groups: Array<{ tokens: number; count: number }>, b: number): VitBatch[] {
  const out: VitBatch[] = [];
  for (const g of groups) {
    let left = g.count;
    while (left > 0) {
      const size = Math.min(b, left);
      out.push({ size, tokens: g.tokens });
      left -= size;
    }
  }
  return out;
}

/**
 * The calls that run one batch on a unit: a full batch is one call; a partial batch on a static
 * graph runs on the best compiled graph: padded to b, or as several calls of a compiled smaller
 * size. Returns the list of (graph batch size, images it carries) calls.
 */
export function batchCalls(unit: ComputeUnit, batch: VitBatch, b: number, cost: (graphBatch: number) => number): number[] {
  if (batch.size === b || unit.graph === 'dynamic') return [batch.size];
  let best: number[] = [b];
  let bestCost = cost(b);
  for (const c of unit.compiled_batches) {
    if (c >= b) continue;
    const calls: number[] = [];
    let left = batch.size;
    while (left > 0) {
      calls.push(c);
      left -= c;
    }
    const total = calls.reduce((s, x) => s + cost(x), 0);
    if (total < bestCost) [best, bestCost] = [calls, total];
  }
  return best;
}

export type EncodeResult = {
  /** Wall time of patch embedding + ViT (pipelined when asked). */
  total: number;
  patchEmbed: number;
  vit: number;
  /** ViT forward calls actually run (graph batch sizes). */
  calls: number[];
  flops: number;
};

export function encodeTime(
  v: VisionEncoder,
  groups: Array<{ tokens: number; count: number }>,
  b: number,
  pe: UnitCtx,
  vit: UnitCtx,
  pPe: OpPrecision,
  pVit: OpPrecision,
  pipeline: boolean,
): EncodeResult {
  const cpuStage: number[] = [];
  const vitStage: number[] = [];
  const calls: number[] = [];
  let flops = 0;
  for (const batch of vitBatches(groups, b)) {
    const vitCost = (g: number) => callTime(vitLayerOps(v, g, batch.tokens, pVit), vit.unit, vit.bandwidth);
    const graphCalls = batchCalls(vit.unit, batch, b, vitCost);
    let left = batch.size;
    for (const g of graphCalls) {
      const real = Math.min(g, left);
      left -= real;
      const peOps: Op[] = [patchEmbedOp(v, real, batch.tokens, pPe)];
      cpuStage.push(callTime(peOps, pe.unit, pe.bandwidth));
      vitStage.push(vitCost(g));
      calls.push(g);
      for (const op of [...peOps, ...vitLayerOps(v, g, batch.tokens, pVit)]) flops += op.ops * op.calls;
    }
  }
  const patchEmbed = cpuStage.reduce((s, x) => s + x, 0);
  const vitTotal = vitStage.reduce((s, x) => s + x, 0);
  let total: number;
  if (pipeline && pe.unit !== vit.unit) {
    // Two-stage pipeline: the ViT call i starts when both its patch embedding and call i-1 are done.
    let cpuEnd = 0;
    let vitEnd = 0;
    for (let i = 0; i < vitStage.length; i++) {
      cpuEnd += cpuStage[i];
      vitEnd = Math.max(vitEnd, cpuEnd) + vitStage[i];
    }
    total = vitEnd;
  } else {
    total = patchEmbed + vitTotal;
  }
  return { total, patchEmbed, vit: vitTotal, calls, flops };
}

// ------------------------------------------------------------------ prefill

export type LlmSlice = { llm: LlmConfig; tokens: number };

export type PrefillResult = { time: number; chunks: number; flops: number; weightBytes: number; spillBytes: number };

/**
 * Prefill `tokens` new tokens after `cached` in chunks of c through `llm` (possibly a slice of its
 * layers). Each chunk is one forward call: all weights are read again. On a static graph the
 * last partial chunk is padded up to c.
 */
export function prefillTime(llm: LlmConfig, tokens: number, c: number, ctx: UnitCtx, p: OpPrecision, kvElemBytes: number, cached = 0): PrefillResult {
  let time = 0;
  let flops = 0;
  let weightBytes = 0;
  let spill = 0;
  let chunks = 0;
  for (let k = 0; k < tokens; k += c) {
    const n = Math.min(c, tokens - k);
    const rows = ctx.unit.graph === 'static' ? c : n;
    const ops = llmLayerOps(llm, rows, cached + k, p, kvElemBytes);
    time += callTime(ops, ctx.unit, ctx.bandwidth);
    const bytes = callBytes(ops, ctx.unit);
    weightBytes += bytes.weights;
    spill += bytes.spill;
    for (const op of ops) flops += op.ops * op.calls;
    chunks++;
  }
  return { time, chunks, flops, weightBytes, spillBytes: spill };
}

/** The LM head once at the end of prefill (only the last token's logits are needed). */
export function lmHeadTime(llm: LlmConfig, rows: number, ctx: UnitCtx, p: OpPrecision): number {
  return callTime([lmHeadOp(llm, rows, p)], ctx.unit, ctx.bandwidth) - ctx.unit.call_overhead;
}

// ------------------------------------------------------------------ decode

/** One decode step at context k (tokens already cached) for `samples` parallel answers. */
export function decodeStepTime(llm: LlmConfig, k: number, ctx: UnitCtx, p: OpPrecision, pHead: OpPrecision, kvElemBytes: number, samples = 1): number {
  const ops = llmLayerOps(llm, samples, k, p, kvElemBytes);
  if (samples > 1) {
    // Each answer reads its own cache: the KV traffic is per sample, not shared.
    for (const op of ops) if (op.kind === 'attention') op.kvBytes *= samples;
  }
  ops.push(lmHeadOp(llm, samples, pHead));
  return callTime(ops, ctx.unit, ctx.bandwidth);
}

/**
 * Σ step(k) for k = k0 .. k0+n-1. A decode step's time is piecewise linear in the context k (KV
 * reads and attention grow linearly; a roofline max or a buffer spill adds a kink), so it is
 * summed exactly for short answers and, for long ones, by linear interpolation between 17
 * evaluated contexts: exact wherever the step time is linear, and far cheaper than n steps.
 */
export function sumDecodeSteps(step: (k: number) => number, k0: number, n: number): { total: number; first: number; last: number } {
  const first = step(k0);
  if (n === 1) return { total: first, first, last: first };
  const last = step(k0 + n - 1);
  if (n <= 32) {
    let total = first + last;
    for (let i = 1; i < n - 1; i++) total += step(k0 + i);
    return { total, first, last };
  }
  const SEG = 16;
  let total = 0;
  let prevI = 0;
  let prevT = first;
  for (let s = 1; s <= SEG; s++) {
    const i = Math.round((s * (n - 1)) / SEG);
    const t = s === SEG ? last : step(k0 + i);
    // Sum of the linear interpolation over integer steps prevI+1 .. i.
    const m = i - prevI;
    total += m * prevT + ((t - prevT) * (m + 1)) / 2;
    prevI = i;
    prevT = t;
  }
  return { total: total + first, first, last };
}
