/**
 * The operator record every cost in core/cost/ is computed from, and its two basic builders. An
 * operator carries its arithmetic (ops; one multiply-accumulate = 2 ops), the DRAM bytes it must
 * move (weights, KV reads and writes), the rows M of its matrix work (for unit utilization), and
 * its on-chip working set (activations, or attention scores per head) whose overflow spills to
 * DRAM. The graphs themselves are built per part of the model (llm-ops.ts, encoder-ops.ts,
 * projector-ops.ts); they share these shapes so the roofline (roofline.ts) times any of them alike.
 *
 *   matmul       rows x k by k x n: 2·rows·k·n ops, k·n weights read, rows·(k + n) activations live
 *   elementwise  about 4 ops per element (norms, residual adds, activations), no weights
 */
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

/** A dense linear layer: `rows` tokens through a k x n weight matrix, `calls` times per forward. */
export function matmul(name: string, calls: number, rows: number, k: number, n: number, p: OpPrecision): Op {
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

/** Norms, residual adds and activations over rows x width elements: memory-light, no weights. */
export function elementwise(name: string, calls: number, rows: number, width: number, p: OpPrecision): Op {
  return { name, kind: 'elementwise', calls, ops: 4 * rows * width, weightBytes: 0, weightCount: 0, kvBytes: 0, rows, workingSet: 0, parts: 1, wbits: p.abits, abits: p.abits };
}

/** Sum of ops over calls (for FLOP reporting and tests). */
export function totalOps(ops: Op[]): number {
  let s = 0;
  for (const o of ops) s += o.ops * o.calls;
  return s;
}
