/**
 * Quantization: bytes per stored weight for one component, from its weight bits, group size and
 * the bytes each group stores for its scale (and zero point).
 *
 *   bytes/weight = wbits/8 + scale_bytes/group_size      (group_size 0 = per-channel: scales ignored)
 *   bytes/weight = bpw/8                                 (a named format that fixes its exact bits, e.g. a GGUF recipe)
 *
 * e.g. INT4 with 128-weight groups and an fp16 scale: 0.5 + 2/128 = 0.515625 B (4.125 bits).
 * Activation bits set activation and score bytes; KV bits set the cache's bytes per element.
 */
import type { ComponentQuant } from '../schema/index.js';
import type { OpPrecision } from '../cost/operators.js';

export function bytesPerWeight(q: ComponentQuant): number {
  if (q.bpw !== undefined) return q.bpw / 8;
  return q.wbits / 8 + (q.group_size > 0 ? q.scale_bytes / q.group_size : 0);
}

/** Bytes of one activation element (at least one byte). */
export function activationBytes(q: ComponentQuant): number {
  return Math.max(1, q.abits / 8);
}

/** Bytes per KV-cache element; sub-byte caches pack (4-bit = 0.5 B). */
export function kvBytes(kvBits: number): number {
  return kvBits / 8;
}

/** The element widths an operator graph is built with, for one component's quantization. */
export function precisionOf(q: ComponentQuant): OpPrecision {
  // One object per quantization object: the operator graphs are memoised by it (cost/llm-ops.ts).
  let p = precisionMemo.get(q);
  if (!p) precisionMemo.set(q, (p = Object.freeze({ weightBytes: bytesPerWeight(q), wbits: q.wbits, abits: q.abits, actBytes: activationBytes(q) })));
  return p;
}

const precisionMemo = new WeakMap<ComponentQuant, OpPrecision>();
