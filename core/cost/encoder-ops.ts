/**
 * The vision encoder as operators: how many tokens an input of w x h pixels becomes, the patch
 * embedding, and the encoder's layers for a batch of same-size inputs: a plain ViT (full or
 * windowed attention) or a staged conv/hybrid encoder (FastViTHD, MobileNet-V5) costed from its
 * per-stage MACs. Split from the LLM graph (llm-ops.ts) because the encoder has no cache and runs
 * over whole inputs in batches; encode.ts times these ops per batch.
 *
 * A ViT layer over t tokens per image: 2·t·(4·dv² + 2·dv·fv) + 4·t²·dv ops; its weights are read
 * once per forward call (a batch of tiles).
 */
import type { StagedEncoder, VisionEncoder, VitEncoder } from '../schema/index.js';
import { elementwise, matmul, type Op, type OpPrecision } from './op.js';

/** Encoder output tokens for one input of w x h pixels (a staged encoder's patch_size is its output stride). */
export function vitTokens(v: VisionEncoder, w: number, h: number): number {
  return Math.floor(w / v.patch_size) * Math.floor(h / v.patch_size) + (v.type !== 'staged' && v.cls_token ? 1 : 0);
}

/**
 * Patch embedding (the Conv2D) for b images of t tokens; none for a staged encoder, whose stem is
 * its first stage.
 */
export function patchEmbedOps(v: VisionEncoder, b: number, t: number, p: OpPrecision): Op[] {
  return v.type === 'staged' ? [] : [matmul('vit.patch_embed', 1, b * t, 3 * v.patch_size * v.patch_size, v.hidden, p)];
}

/**
 * The encoder's layers for a batch of b inputs of t output tokens each (ViT or staged); `pixels`
 * per input, when known, sizes a staged encoder exactly (t is rounded down to whole tokens).
 */
export function encoderOps(v: VisionEncoder, b: number, t: number, p: OpPrecision, pixels?: number): Op[] {
  return v.type === 'staged' ? stagedOps(v, b, t, p, pixels) : vitLayerOps(v, b, t, p);
}

/**
 * A staged (conv/hybrid) encoder over b inputs whose output is t tokens each. The stages' MACs are
 * counted at image_size; at another size with s times the pixels (pixels / image_size², or
 * t / (image_size / patch_size)² when only tokens are known), convolution and projection MACs scale by s and attention's
 * QK^T/AV MACs by s² (tokens x keys). Each block is one call reading its share of the stage's
 * weights; its rows are the stage's spatial positions, its working set one stage activation in and out.
 * Depthwise convolutions reach a lower share of a unit's peak than dense matmuls; the roofline
 * does not know that, so a unit's calibrated efficiency carries it.
 */
export function stagedOps(v: StagedEncoder, b: number, t: number, p: OpPrecision, pixels?: number): Op[] {
  const s = pixels !== undefined ? pixels / v.image_size ** 2 : t / (v.image_size / v.patch_size) ** 2;
  const out: Op[] = [];
  for (const st of v.stages) {
    const rows = b * Math.max(1, Math.round((v.image_size / st.stride) ** 2 * s));
    const blocks = st.blocks;
    const dense = ((st.macs - st.attention_macs) * s) / blocks;
    out.push({
      name: `enc.${st.name}`,
      kind: 'matmul',
      calls: blocks,
      ops: 2 * b * dense,
      weightBytes: (st.params / blocks) * p.weightBytes,
      weightCount: st.params / blocks,
      kvBytes: 0,
      rows,
      workingSet: 2 * (rows / b) * st.width * p.actBytes,
      parts: b,
      wbits: p.wbits,
      abits: p.abits,
    });
    if (st.attention_macs > 0) {
      const heads = st.heads ?? 1;
      const attn = (st.attention_macs * s * s) / blocks;
      const tokens = rows / b;
      out.push({
        name: `enc.${st.name}.attention`,
        kind: 'attention',
        calls: blocks,
        ops: 2 * b * attn,
        weightBytes: 0,
        weightCount: 0,
        kvBytes: 0,
        rows,
        // Scores per head: tokens x keys, keys = attention MACs / (2 · tokens · width) per image.
        workingSet: (attn / (2 * tokens * st.width)) * tokens * Math.max(2, p.actBytes),
        parts: b * heads,
        wbits: p.abits,
        abits: p.abits,
      });
    }
  }
  return out;
}

/**
 * ViT transformer layers for a batch of b images of t tokens each. Attention costs 4·t·keys·dv per
 * image: keys = t in a full layer, at most the window's tokens in a windowed one (Qwen2.5-VL;
 * edge windows hold fewer, so t·W is an upper bound).
 */
export function vitLayerOps(v: VitEncoder, b: number, t: number, p: OpPrecision): Op[] {
  const dv = v.hidden;
  const L = v.layers;
  const rows = b * t;
  const up = v.mlp === 'gated' ? 2 : 1;
  const scoreBytes = Math.max(2, p.actBytes);
  const w = v.attention_window;
  const full = w ? new Set(w.full_layers.filter((l) => l < L)).size : L;
  const attention = (name: string, calls: number, keys: number): Op => ({
    name,
    kind: 'attention',
    calls,
    ops: 4 * b * t * keys * dv,
    weightBytes: 0,
    weightCount: 0,
    kvBytes: 0,
    rows,
    workingSet: t * keys * scoreBytes,
    parts: b * v.heads,
    wbits: p.abits,
    abits: p.abits,
  });
  const ops: Op[] = [elementwise('vit.norm+residual', 2 * L, rows, dv, p), matmul('vit.qkv', L, rows, dv, 3 * dv, p), attention('vit.attention', full, t)];
  if (w && L - full > 0) ops.push(attention('vit.attention_window', L - full, Math.min(w.tokens, t)));
  ops.push(matmul('vit.o', L, rows, dv, dv, p), matmul('vit.mlp_up', L, rows, dv, up * v.intermediate, p), matmul('vit.mlp_down', L, rows, v.intermediate, dv, p));
  return ops.filter((o) => o.calls > 0);
}
