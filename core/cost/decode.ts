/**
 * Decode: each output token is one forward call over one row per sampled answer, reading all
 * weights and the whole KV cache; its time grows with the context k as the cache grows.
 *
 *   step(k) = call(llm layers at context k, 1 row per sample) + LM head
 *   total   = Σ step(k) for k = k0 .. k0+n-1   (summed by piecewise-linear interpolation)
 */
import type { LlmConfig } from '../schema/index.js';
import { llmLayerOps, lmHeadOp, type LayerRange, type Op, type OpPrecision } from './operators.js';
import { callTime } from './roofline.js';
import type { UnitCtx } from './unit-ctx.js';

/**
 * Layers from `layer` on see a different context (`context` cached tokens) than the ones before:
 * after token pruning, the later layers hold fewer tokens (cost/pruning.ts).
 */
export type LayerSplit = { layer: number; context: number };

function layerOps(llm: LlmConfig, range: LayerRange, samples: number, k: number, p: OpPrecision, kvElemBytes: number): Op[] {
  const ops = llmLayerOps(llm, samples, k, p, kvElemBytes, range);
  // Each answer reads its own cache: the KV traffic is per sample, not shared.
  return samples > 1 ? ops.map((op) => (op.kind === 'attention' ? { ...op, kvBytes: op.kvBytes * samples } : op)) : [...ops];
}

/**
 * One decode step at context k (tokens already cached) for `samples` parallel answers: one
 * forward call over every layer (split into two context ranges after pruning) and the LM head.
 */
export function decodeStepTime(llm: LlmConfig, k: number, ctx: UnitCtx, p: OpPrecision, pHead: OpPrecision, kvElemBytes: number, samples = 1, split?: LayerSplit): number {
  const head = split ? Math.min(split.layer, llm.layers) : llm.layers;
  const ops = head > 0 ? layerOps(llm, { from: 0, to: head }, samples, k, p, kvElemBytes) : [];
  if (split && llm.layers - head > 0) ops.push(...layerOps(llm, { from: head, to: llm.layers }, samples, split.context, p, kvElemBytes));
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
