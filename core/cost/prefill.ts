/**
 * Prefill: the prompt's tokens run through the LLM in chunks of c; each chunk is one forward call
 * that reads all weights again and attends to everything cached so far.
 *
 *   t = Σ_chunks call(llm layers over min(c, left) rows at context k)
 *
 * On a static graph the last partial chunk is padded up to c (its rows cost as c), and a graph built
 * over a preallocated context attends over all of it (span) whatever is cached: its attention mask
 * hides the empty positions but the matmuls still run over them (Genie, MECHANICS.md sec. 3).
 */
import type { LlmConfig } from '../schema/index.js';
import { llmLayerOps, lmHeadOp, type LayerRange, type OpPrecision } from './operators.js';
import { callBytes, callTime, opTime } from './roofline.js';
import type { UnitCtx } from './unit-ctx.js';

export type PrefillResult = { time: number; chunks: number; flops: number; weightBytes: number; spillBytes: number };

/**
 * Prefill `tokens` new tokens after `cached` in chunks of c through the layers of `llm` in `range`
 * (all by default). Each chunk is one forward call: all weights are read again. On a static graph the
 * last partial chunk is padded up to c.
 */
export function prefillTime(llm: LlmConfig, tokens: number, c: number, ctx: UnitCtx, p: OpPrecision, kvElemBytes: number, cached = 0, range?: LayerRange, span?: number): PrefillResult {
  let time = 0;
  let flops = 0;
  let weightBytes = 0;
  let spill = 0;
  let chunks = 0;
  for (let k = 0; k < tokens; k += c) {
    const n = Math.min(c, tokens - k);
    const rows = ctx.unit.graph === 'static' ? c : n;
    const ops = llmLayerOps(llm, rows, span ?? cached + k, p, kvElemBytes, range);
    time += callTime(ops, ctx.unit, ctx.bandwidth);
    const bytes = callBytes(ops, ctx.unit);
    weightBytes += bytes.weights;
    spill += bytes.spill;
    for (const op of ops) flops += op.ops * op.calls;
    chunks++;
  }
  return { time, chunks, flops, weightBytes, spillBytes: spill };
}

/**
 * The LM head over the prompt's last position (only its logits are needed), which yields the first
 * output token. It runs inside the last prefill call, so it adds no call overhead of its own.
 */
export function lmHeadTime(llm: LlmConfig, rows: number, ctx: UnitCtx, p: OpPrecision): number {
  return opTime(lmHeadOp(llm, rows, p), ctx.unit, ctx.bandwidth).total;
}
