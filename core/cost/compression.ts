/**
 * Token compression: how the vision encoder's tokens become fewer LLM tokens before (or inside)
 * the LLM, and what that costs.
 *
 * - concat_merge: each k x k neighbourhood is concatenated into one token of k²·dv channels
 *   (InternVL pixel shuffle 0.5: 1024 -> 256; BlueLM's VILA downsampler, 27x27 padded to 28x28:
 *   729 -> 196, then a fusing linear layer; 4KHD 24x24 -> 12x12 = 144; Qwen2-VL's 2x2 merge).
 * - resampler: a fixed number of learned queries cross-attend to all ViT tokens (MiniCPM-V: 64/96).
 * - avg_pool: each k x k neighbourhood averaged into one token (Gemma 3: 4096 -> 256), no weights.
 * - The projector MLP then maps each merged token to the LLM width.
 * Pruning inside the LLM (FastV-style keep_ratio at layer k, Mini-Monkey's SCM) is a scenario
 * choice; estimate.ts runs the first k layers on all tokens and the rest on the kept ones.
 */
import type { ModelConfig } from '../schema/index.js';
import { mlpOps, resamplerOps, type Op, type OpPrecision } from './operators.js';

/** Tokens one encoder input of w x h pixels becomes after compression, and the projector's input width. */
export function compressedTokens(model: ModelConfig, w: number, h: number): { tokens: number; width: number } {
  const v = model.vision;
  if (!v) return { tokens: 0, width: 0 };
  const c = model.compression;
  const gw = Math.floor(w / v.patch_size);
  const gh = Math.floor(h / v.patch_size);
  if (c.type === 'concat_merge') {
    const side = (g: number) => (c.pad_to_multiple ? Math.ceil(g / c.window) : Math.floor(g / c.window));
    return { tokens: side(gw) * side(gh), width: c.window * c.window * v.hidden };
  }
  if (c.type === 'resampler') return { tokens: c.queries, width: model.llm.hidden };
  if (c.type === 'avg_pool') return { tokens: Math.floor(gw / c.window) * Math.floor(gh / c.window), width: v.hidden };
  return { tokens: gw * gh, width: v.hidden };
}

/** Compression and projector operators for groups of same-size encoder inputs. */
export function compressionOps(model: ModelConfig, groups: Array<{ w: number; h: number; tokens: number; count: number }>, p: OpPrecision): Op[] {
  const v = model.vision;
  if (!v) return [];
  const ops: Op[] = [];
  for (const { w, h, tokens: t, count } of groups) {
    const c = compressedTokens(model, w, h);
    const rows = c.tokens * count;
    if (model.compression.type === 'resampler') ops.push(...resamplerOps(v.hidden, model.llm.hidden, model.compression.queries, t, count, p));
    else if (model.compression.type === 'concat_merge' && model.compression.fuse_linear) ops.push(...mlpOps('compression.fuse', [c.width, c.width], rows, p));
    if (model.projector) ops.push(...mlpOps('projector', model.projector.dims, rows, p));
  }
  return ops;
}
