/**
 * Weights a unit has no fused kernel for (the pair is listed in the profile's `dequantize`): what
 * an engine does with them, per component.
 *
 *   fused       the multiply reads the narrow weights directly (every pair not listed);
 *   per call    each call first expands the weights to the compute precision in DRAM:
 *               2·W·c extra bytes per call (roofline.dequantBytes), amortized by batching;
 *   once        expand at load and keep the wide copy resident: every call reads W·c bytes, and
 *               memory holds W·c instead of W·w.
 *
 * Per request, "once" reads calls·W·c bytes against calls·W·(w + 2c) for "per call", so it is
 * the cheaper choice whenever its wider copy fits; the price is memory. The LLM runs one call per
 * output token and stays loaded, so its weights are expanded once (a runtime that re-expanded an
 * 8-bit LLM on every decode step would decode slower at W8 than at W16, which no engine does).
 * The vision encoder keeps the per-call expansion: it runs a few calls per image and is freed
 * after encoding, and per-call expansion is what BlueLM-V-3B's ViT batch measurements on the
 * Dimensity 9300 APU show (arXiv 2411.10640, Fig. 5; device profile `dequantize` note).
 */
import type { ComponentQuant, ComputeUnit } from '../schema/index.js';
import { computePrecision } from './roofline.js';

const BITS = { int4: 4, int8: 8, int16: 16, fp16: 16, bf16: 16, fp32: 32 } as const;

const memo = new WeakMap<ComputeUnit, WeakMap<ComponentQuant, ComponentQuant>>();

/**
 * The quantization an LLM component is held and read at on `unit`: `q` itself when the unit has a
 * fused kernel for it, else the compute precision it is expanded to once at load.
 */
export function residentQuant(unit: ComputeUnit, q: ComponentQuant): ComponentQuant {
  // Asked once per estimate (a sweep's inner loop): the answer, fused or expanded, is remembered.
  if (unit.dequantize.length === 0) return q;
  let byQ = memo.get(unit);
  if (!byQ) memo.set(unit, (byQ = new WeakMap()));
  let r = byQ.get(q);
  if (!r) {
    const fused = !unit.dequantize.includes(`w${q.wbits}a${q.abits}`);
    byQ.set(q, (r = fused ? q : { ...q, wbits: BITS[computePrecision(unit, q.wbits, q.abits)], group_size: 0, scale_bytes: 0, bpw: undefined }));
  }
  return r;
}
