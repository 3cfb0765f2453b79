/**
 * Token pruning inside the LLM: after `l` of its L layers, keep only part of the image tokens.
 *
 *   keep_ratio (FastV, arXiv 2403.06764): layers [0, l) see all N prompt tokens, layers [l, L) only
 *     the N' kept ones. Prefill runs the first l layers over N and the rest over N'; each decode
 *     step is one call in which the later layers attend to the pruned context; the KV cache holds
 *     N + out positions in the first l layers and N' + out in the rest.
 *   scm (Mini-Monkey's Scale Compression Mechanism, arXiv 2408.02034): the first l layers run over
 *     all N tokens to score them, then generation restarts on the kept N' tokens through all L
 *     layers; decode and the KV cache see only the kept context.
 *
 * The kept count comes from the policy's own arithmetic for SCM (Mini-Monkey's tiler reports it)
 * and from round(image tokens x keep_ratio) otherwise.
 */
import type { LlmConfig } from '../schema/index.js';
import type { OpPrecision } from './operators.js';
import { prefillTime, type PrefillResult } from './prefill.js';
import { decodeStepTime, type LayerSplit } from './decode.js';
import { kvCacheBytes } from './memory.js';
import type { UnitCtx } from './unit-ctx.js';

export type Pruning = { method: 'keep_ratio' | 'scm'; layer: number; keep_ratio: number };

/** The LLM phases of one request: prefill, one decode step as a function of context, and the KV cache. */
export type LlmPhases = { prefill: PrefillResult; decodeStep: (k: number) => number; kvBytes: number };

export type LlmPhaseInputs = {
  llm: LlmConfig;
  /** Prompt tokens (text + image) and the image tokens kept after pruning. */
  total: number;
  keptTotal: number;
  chunk: number;
  ctx: UnitCtx;
  p: OpPrecision;
  pHead: OpPrecision;
  kvBits: number;
  kvElemBytes: number;
  samples: number;
  /** Positions the KV cache is allocated for. */
  kvCapacity: number;
  /** Positions a fixed-shape graph attends over in every call (its preallocated context), if any. */
  span?: number;
};

const NONE: PrefillResult = { time: 0, flops: 0, weightBytes: 0, chunks: 0, spillBytes: 0 };

function plus(a: PrefillResult, b: PrefillResult): PrefillResult {
  return { time: a.time + b.time, flops: a.flops + b.flops, weightBytes: a.weightBytes + b.weightBytes, chunks: a.chunks + b.chunks, spillBytes: a.spillBytes + b.spillBytes };
}

/** Without pruning: every layer sees the whole prompt. */
export function llmPhases(x: LlmPhaseInputs): LlmPhases {
  return {
    prefill: prefillTime(x.llm, x.total, x.chunk, x.ctx, x.p, x.kvElemBytes, 0, undefined, x.span),
    decodeStep: (k) => decodeStepTime(x.llm, x.span ?? k, x.ctx, x.p, x.pHead, x.kvElemBytes, x.samples),
    kvBytes: kvCacheBytes(x.llm, x.kvBits, x.kvCapacity),
  };
}

export function prunedLlmPhases(x: LlmPhaseInputs, pr: Pruning): LlmPhases {
  const { llm } = x;
  const layer = Math.min(pr.layer, llm.layers);
  // SCM restarts on the kept tokens through every layer; FastV-style pruning continues from `layer`.
  const restFrom = pr.method === 'scm' ? 0 : layer;
  const head = layer > 0 ? prefillTime(llm, x.total, x.chunk, x.ctx, x.p, x.kvElemBytes, 0, { from: 0, to: layer }) : NONE;
  const rest = restFrom < llm.layers ? prefillTime(llm, x.keptTotal, x.chunk, x.ctx, x.p, x.kvElemBytes, 0, { from: restFrom, to: llm.layers }) : NONE;
  // A context of k positions before pruning holds k - total + keptTotal after it.
  const pruned = (k: number) => k - x.total + x.keptTotal;
  if (pr.method === 'scm') {
    return {
      prefill: plus(head, rest),
      decodeStep: (k) => decodeStepTime(llm, pruned(k), x.ctx, x.p, x.pHead, x.kvElemBytes, x.samples),
      kvBytes: kvCacheBytes(llm, x.kvBits, pruned(x.kvCapacity)),
    };
  }
  return {
    prefill: plus(head, rest),
    decodeStep: (k) => decodeStepTime(llm, k, x.ctx, x.p, x.pHead, x.kvElemBytes, x.samples, { layer, context: pruned(k) } satisfies LayerSplit),
    kvBytes: kvCacheBytes(llm, x.kvBits, x.kvCapacity, { layer, laterTokens: pruned(x.kvCapacity) }),
  };
}
