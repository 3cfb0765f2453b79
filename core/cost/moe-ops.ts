/**
 * Mixture-of-experts MLP layers: the router, the routed experts and any shared experts. What sets
 * them apart from a dense MLP is which weights one call reads: every expert any of its tokens was
 * routed to, so a decode step reads k experts and a long prefill chunk up to all E of them, while
 * the arithmetic stays that of n·k expert rows. Split from llm-ops.ts, which places these ops in a
 * layer range next to the dense MLP layers.
 */
import type { LlmConfig } from '../schema/index.js';
import { expertsTouched } from '../architecture.js';
import { elementwise, matmul, type Op, type OpPrecision } from './op.js';

/**
 * Routed experts: n tokens each go to k of E experts. The call reads the weights of every expert
 * any token touched (T = expertsTouched(E, k, n): k for one decode token, up to E for a long
 * chunk) and does the arithmetic of n·k expert rows, about n·k/T rows per expert matrix.
 */
function expertMatmul(name: string, layers: number, n: number, inDim: number, outDim: number, p: OpPrecision, E: number, kPerToken: number): Op {
  const T = expertsTouched(E, kPerToken, n);
  const rows = (n * kPerToken) / T;
  const one = matmul(name, layers, rows, inDim, outDim, p);
  return { ...one, ops: one.ops * T, weightBytes: one.weightBytes * T, weightCount: one.weightCount * T };
}

export function moeOps(llm: LlmConfig, layers: number, n: number, p: OpPrecision): Op[] {
  const m = llm.moe!;
  const d = llm.hidden;
  const f = m.expert_intermediate;
  const ops = [
    matmul('llm.router', layers, n, d, m.experts, p),
    expertMatmul('llm.experts_up', layers, n, d, 2 * f, p, m.experts, m.experts_per_token),
    elementwise('llm.experts_act', layers, n * m.experts_per_token, f, p),
    expertMatmul('llm.experts_down', layers, n, f, d, p, m.experts, m.experts_per_token),
  ];
  if (m.shared_experts > 0) {
    const fs = m.shared_experts * (m.shared_intermediate ?? f);
    ops.push(matmul('llm.shared_up', layers, n, d, 2 * fs, p), elementwise('llm.shared_act', layers, n, fs, p), matmul('llm.shared_down', layers, n, fs, d, p));
  }
  return ops;
}
