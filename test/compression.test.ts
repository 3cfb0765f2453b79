import { describe, expect, it } from 'vitest';
import { compressedTokens, compressionOps } from '../core/cost/compression.js';
import { loadModel } from '../cli/load.js';

const m = (id: string) => loadModel(id).value;
const p = { weightBytes: 1, wbits: 8, abits: 16, actBytes: 2 };

describe('token compression per encoder input', () => {
  it('BlueLM downsampler: 27x27 padded to 28x28, 2x2 concat -> 196 tokens of 4 x 1152', () => {
    expect(compressedTokens(m('bluelm-v-3b'), 384, 384)).toEqual({ tokens: 196, width: 4608 });
  });
  it('InternVL pixel shuffle 0.5: 32x32 -> 256', () => {
    expect(compressedTokens(m('internvl2-2b'), 448, 448)).toEqual({ tokens: 256, width: 4096 });
  });
  it('InternLM-XComposer2-4KHD: 24x24 -> 144 per 336 patch', () => {
    expect(compressedTokens(m('internlm-xcomposer2-4khd-7b'), 336, 336).tokens).toBe(144);
  });
  it("Qwen2-VL's 2x2 merge over a non-square resized image", () => {
    // 1932x1092 -> 138x78 patches -> 69x39 merged tokens
    expect(compressedTokens(m('qwen2-vl-2b'), 1932, 1092).tokens).toBe(69 * 39);
  });
  it('MiniCPM-V resampler: a fixed number of queries whatever the slice size', () => {
    expect(compressedTokens(m('minicpm-v-2.6'), 448, 448).tokens).toBe(64);
    expect(compressedTokens(m('minicpm-v-2.6'), 602, 336).tokens).toBe(64);
    expect(compressedTokens(m('minicpm-llama3-v-2.5'), 448, 448).tokens).toBe(96);
  });
  it('projector FLOPs: 2 x rows x (Σ d_i d_{i+1}), rows = merged tokens', () => {
    const bluelm = m('bluelm-v-3b');
    const ops = compressionOps(bluelm, [{ w: 384, h: 384, tokens: 729, count: 9 }], p);
    const flops = ops.reduce((s, o) => s + o.ops * o.calls, 0);
    const rows = 196 * 9;
    // fuse linear 4608x4608, then projector 4608 -> 2304 -> 2304
    expect(flops).toBe(2 * rows * (4608 * 4608 + 4608 * 2304 + 2304 * 2304));
  });
});
