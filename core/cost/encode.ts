/**
 * Vision encode: the tiles of a request run through the patch embedding and the ViT in batches of
 * same-size inputs; each batch is one forward call (the ViT weights are read once per call).
 *
 *   t = Σ_calls patch_embed(call) + vit(call)                      (one unit, or no pipelining)
 *   t = end of a two-stage pipeline CPU patch embed -> ViT unit    (pipelined: call i starts when
 *                                                                   its embedding and call i-1 are done)
 *
 * Static-graph units (NPUs) run fixed shapes: a partial batch either runs as calls of a compiled
 * smaller batch or padded to the full batch, whichever is cheaper (BlueLM-V-3B runs 9 patches as
 * 4 + 4 + 1).
 */
import type { ComputeUnit, VisionEncoder } from '../schema/index.js';
import { encoderOps, patchEmbedOps, type Op, type OpPrecision } from './operators.js';
import { callTime } from './roofline.js';
import type { UnitCtx } from './unit-ctx.js';

/** One batch of same-size encoder inputs: `size` images of `tokens` ViT tokens each. */
export type VitBatch = { size: number; tokens: number; pixels?: number };

/** Split groups of same-size inputs into batches of at most b (remainders handled by `batchCost`). */
export function vitBatches(groups: Array<{ tokens: number; count: number; w?: number; h?: number }>, b: number): VitBatch[] {
  const out: VitBatch[] = [];
  for (const g of groups) {
    let left = g.count;
    while (left > 0) {
      const size = Math.min(b, left);
      out.push({ size, tokens: g.tokens, ...(g.w !== undefined && g.h !== undefined ? { pixels: g.w * g.h } : {}) });
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
  groups: Array<{ tokens: number; count: number; w?: number; h?: number }>,
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
    const vitCost = (g: number) => callTime(encoderOps(v, g, batch.tokens, pVit, batch.pixels), vit.unit, vit.bandwidth);
    const graphCalls = batchCalls(vit.unit, batch, b, vitCost);
    let left = batch.size;
    for (const g of graphCalls) {
      const real = Math.min(g, left);
      left -= real;
      const peOps: Op[] = patchEmbedOps(v, real, batch.tokens, pPe);
      cpuStage.push(peOps.length ? callTime(peOps, pe.unit, pe.bandwidth) : 0);
      vitStage.push(vitCost(g));
      calls.push(g);
      for (const op of [...peOps, ...encoderOps(v, g, batch.tokens, pVit, batch.pixels)]) flops += op.ops * op.calls;
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
