/**
 * Roofline per compute unit: the time of one operator on one unit.
 *
 *   t = max(ops / (peak[prec] · efficiency · util(M)),  dram_bytes / (bandwidth · bw_efficiency))
 *       + spill_bytes / (bandwidth · bw_efficiency)
 *       + dispatch
 *
 * - prec is the compute precision the unit runs a weight x activation pair at (precision_map, else
 *   the default rule below): an NPU may run W4A16 at its INT16 rate, not a mythical INT4 rate.
 * - util(M) = min(1, M / saturation_rows): a unit needs enough rows to fill its MAC array; decode
 *   (M = 1) uses a sliver of it.
 * - The working set beyond the on-chip buffer is written out and read back (2x). Spill traffic is
 *   added, not overlapped: the unit needs the data it just produced, so it cannot prefetch it.
 *   This is what makes very large prefill chunks and ViT batches lose on an NPU.
 * - A pair the unit has no fused kernel for (`dequantize`) first expands the weights to the compute
 *   precision in DRAM: weights x compute bytes written and read back, once per call, before the
 *   multiply can start (not overlapped). Batching amortizes it; this is why an NPU running INT8
 *   weights with FP16 activations wants ViT batches.
 */
import type { ComputePrecision, ComputeUnit, DeviceProfile } from '../schema/index.js';
import type { Op } from './operators.js';

const INT_ORDER: ComputePrecision[] = ['int4', 'int8', 'int16', 'fp16', 'bf16', 'fp32'];
const FLOAT16_FIRST: ComputePrecision[] = ['fp16', 'bf16', 'int16', 'fp32'];

/**
 * Default rule when the profile does not map the pair (nor a pair with wider weights and the same
 * activations, whose path narrower weights take): both operands <= 8 bits run on the
 * narrowest integer path that holds them; 16-bit activations run at fp16 (else bf16, int16,
 * fp32); 32-bit at fp32. Falls back to the widest precision the unit has.
 */
export function computePrecision(unit: ComputeUnit, wbits: number, abits: number): ComputePrecision {
  // Every op of every call asks, with a handful of pairs per unit: remember the answer per unit.
  let memo = precisionMemo.get(unit);
  if (!memo) precisionMemo.set(unit, (memo = new Map()));
  const key = wbits * 1024 + abits;
  let p = memo.get(key);
  if (p === undefined) memo.set(key, (p = choosePrecision(unit, wbits, abits)));
  return p;
}

const precisionMemo = new WeakMap<ComputeUnit, Map<number, ComputePrecision>>();

function choosePrecision(unit: ComputeUnit, wbits: number, abits: number): ComputePrecision {
  const mapped = unit.precision_map[`w${wbits}a${abits}`];
  if (mapped && unit.peak[mapped] !== undefined) return mapped;
  // Narrower weights than a mapped pair are unpacked into that pair's path (W2 and W3 into the W4A16
  // kernel), not onto another one: fewer bits never make the multiply slower.
  for (let w = wbits + 1; w <= 16; w++) {
    const wider = unit.precision_map[`w${w}a${abits}`];
    if (wider && unit.peak[wider] !== undefined) return wider;
  }
  const need = Math.max(wbits, abits);
  const order: ComputePrecision[] =
    need <= 4 ? INT_ORDER : need <= 8 ? INT_ORDER.slice(1) : need <= 16 ? FLOAT16_FIRST : ['fp32'];
  for (const p of order) if (unit.peak[p] !== undefined) return p;
  for (const p of [...INT_ORDER].reverse()) if (unit.peak[p] !== undefined) return p;
  throw new Error('compute unit has no peak');
}

export function peakOps(unit: ComputeUnit, wbits: number, abits: number): number {
  return unit.peak[computePrecision(unit, wbits, abits)]!;
}

/** Attainable bytes/s for a unit streaming from DRAM. */
export function attainableBandwidth(device: DeviceProfile, unit: ComputeUnit): number {
  return device.memory.bandwidth * unit.bandwidth_efficiency;
}

const COMPUTE_BYTES: Record<ComputePrecision, number> = { int4: 0.5, int8: 1, int16: 2, fp16: 2, bf16: 2, fp32: 4 };

/** Extra DRAM bytes per call to dequantize this op's weights, 0 when the unit has a fused kernel. */
export function dequantBytes(op: Op, unit: ComputeUnit): number {
  if (op.weightCount === 0 || unit.dequantize.length === 0) return 0;
  const pair = `w${op.wbits}a${op.abits}`;
  if (!unit.dequantize.includes(pair)) return 0;
  return 2 * op.weightCount * COMPUTE_BYTES[computePrecision(unit, op.wbits, op.abits)];
}

export type OpTime = {
  compute: number;
  memory: number;
  spill: number;
  dequant: number;
  dispatch: number;
  /** All calls of the op. */
  total: number;
  /** Which side of the roofline bound it (per call). */
  bound: 'compute' | 'memory';
};

export function spillBytes(op: Op, unit: ComputeUnit): number {
  const over = op.workingSet - unit.onchip_buffer;
  return over > 0 ? 2 * over * op.parts : 0;
}

export function utilization(unit: ComputeUnit, rows: number): number {
  return rows >= unit.saturation_rows ? 1 : rows / unit.saturation_rows;
}

/** Time of all calls of `op` on `unit`. */
export function opTime(op: Op, unit: ComputeUnit, bandwidth: number): OpTime {
  const rate = peakOps(unit, op.wbits, op.abits) * unit.compute_efficiency * utilization(unit, op.rows);
  const compute = op.ops / rate;
  const memory = (op.weightBytes + op.kvBytes) / bandwidth;
  const spill = spillBytes(op, unit) / bandwidth;
  const dequant = dequantBytes(op, unit) / bandwidth;
  const dispatch = unit.dispatch;
  return {
    compute: compute * op.calls,
    memory: memory * op.calls,
    spill: spill * op.calls,
    dequant: dequant * op.calls,
    dispatch: dispatch * op.calls,
    total: (Math.max(compute, memory) + spill + dequant + dispatch) * op.calls,
    bound: compute >= memory ? 'compute' : 'memory',
  };
}

/** Time of one forward call (a graph of ops) on a unit, including the per-call overhead. */
export function callTime(ops: readonly Op[], unit: ComputeUnit, bandwidth: number): number {
  let t = unit.call_overhead;
  for (const op of ops) t += opTime(op, unit, bandwidth).total;
  return t;
}

/** DRAM bytes one forward call moves (weights, KV, spills): for the "weights read once per call" invariant. */
export function callBytes(ops: readonly Op[], unit: ComputeUnit): { weights: number; kv: number; spill: number; dequant: number } {
  let weights = 0;
  let kv = 0;
  let spill = 0;
  let dequant = 0;
  for (const op of ops) {
    weights += op.weightBytes * op.calls;
    kv += op.kvBytes * op.calls;
    spill += spillBytes(op, unit) * op.calls;
    dequant += dequantBytes(op, unit) * op.calls;
  }
  return { weights, kv, spill, dequant };
}
