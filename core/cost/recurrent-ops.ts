/**
 * The LLM layers that mix tokens without attention: LFM2's short convolutions and
 * state-space scans (Mamba2, and Gated DeltaNet linear attention as an ssm variant). Each keeps a
 * constant-size state per sequence instead of a KV cache, so its cost per token does not grow
 * with the context; that state is read and written once per call (stateOp), and the projections
 * around it are ordinary matmuls. Split from llm-ops.ts, which places these ops in a layer range.
 *
 *   conv   in_proj d -> 3d, depthwise conv over K taps (2·n·d·K + 4·n·d ops), out_proj d -> d
 *   ssm    in_proj, causal conv, selective scan (about 6 ops per state element per token), out_proj
 */
import type { LlmConfig } from '../schema/index.js';
import { ssmWidths, stateBytes } from '../architecture.js';
import { matmul, type Op, type OpPrecision } from './op.js';

/** An op that reads and writes a constant-size per-sequence state (conv window, SSM state). */
function stateOp(name: string, calls: number, n: number, ops: number, state: number, p: OpPrecision): Op {
  return { name, kind: 'elementwise', calls, ops, weightBytes: 0, weightCount: 0, kvBytes: 2 * state, rows: n, workingSet: 0, parts: 1, wbits: p.abits, abits: p.abits };
}

/** Short-convolution mixers (LFM2): in_proj d -> 3d (B, C, x), depthwise conv over K taps, out_proj. */
export function convOps(llm: LlmConfig, layers: number, n: number, p: OpPrecision): Op[] {
  const d = llm.hidden;
  const K = llm.conv!.kernel;
  return [matmul('llm.conv_in', layers, n, d, 3 * d, p), stateOp('llm.conv', layers, n, 2 * n * d * K + 4 * n * d, stateBytes(llm, 'conv'), p), matmul('llm.conv_out', layers, n, d, d, p)];
}

/**
 * State-space mixers (Mamba2): in_proj, causal conv, and the selective scan, which per token and
 * state element decays the state, adds B·x and reads out C·h: about 6 ops per element of the
 * H·P·N state (P = d_inner / H). Chunked prefill kernels do more arithmetic for parallelism; this
 * counts the recurrence.
 */
export function ssmOps(llm: LlmConfig, layers: number, n: number, p: OpPrecision): Op[] {
  const s = llm.ssm!;
  const { proj, convDim } = ssmWidths(llm);
  return [
    matmul('llm.ssm_in', layers, n, llm.hidden, proj, p),
    stateOp('llm.ssm_scan', layers, n, 2 * n * convDim * s.conv_kernel + 6 * n * s.d_inner * s.d_state, stateBytes(llm, 'ssm'), p),
    matmul('llm.ssm_out', layers, n, s.d_inner, llm.hidden, p),
  ];
}
