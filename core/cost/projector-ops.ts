/**
 * The connector between the vision encoder and the LLM as operators: a stack of linear layers (the
 * projector MLP, a fusing linear layer) or a cross-attention resampler with learned queries.
 * compression.ts decides which a model has and over how many tokens it runs.
 */
import { matmul, type Op, type OpPrecision } from './op.js';

/** A stack of linear layers (projector MLP, fuse linear) over `rows` tokens. */
export function mlpOps(name: string, dims: number[], rows: number, p: OpPrecision): Op[] {
  const out: Op[] = [];
  for (let i = 0; i + 1 < dims.length; i++) out.push(matmul(`${name}.fc${i + 1}`, 1, rows, dims[i], dims[i + 1], p));
  return out;
}

/** Cross-attention resampler: `queries` learned queries attend to t ViT tokens of width dv, output width dOut. */
export function resamplerOps(dv: number, dOut: number, queries: number, t: number, images: number, p: OpPrecision): Op[] {
  return [
    matmul('resampler.kv_proj', 1, images * t, dv, 2 * dOut, p),
    matmul('resampler.q_proj', 1, images * queries, dOut, dOut, p),
    {
      name: 'resampler.attention',
      kind: 'attention',
      calls: 1,
      ops: 4 * images * queries * t * dOut,
      weightBytes: 0,
      weightCount: 0,
      kvBytes: 0,
      rows: images * queries,
      workingSet: queries * t * Math.max(2, p.actBytes),
      parts: images,
      wbits: p.abits,
      abits: p.abits,
    },
    matmul('resampler.out_proj', 1, images * queries, dOut, dOut, p),
  ];
}
