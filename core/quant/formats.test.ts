import { describe, expect, it } from 'vitest';
import { bytesPerWeight } from './bits.js';
import { QUANT_PRESETS, findQuantPreset, presetBitsPerWeight } from './formats.js';

// Bits per weight by hand from what each format stores per group (see `stored` and `source` in formats.ts).
const HAND: Record<string, number> = {
  'awq-w4-g128': 4 + (8 * (2 + 0.5)) / 128, // fp16 scale + 4-bit zero per 128: 4.15625
  'gptq-w4-g128': 4 + (8 * (2 + 0.5)) / 128,
  'bnb-nf4': 4 + (8 * 4) / 64, // fp32 absmax per 64: 4.5
  'bnb-nf4-dq': 4 + (8 * 1) / 64 + 32 / (64 * 256), // uint8 absmax per 64 + fp32 per 256 blocks: 4.127
  'mlx-4bit': 4 + (8 * (2 + 2)) / 64, // fp16 scale + fp16 bias per 64: 4.5
  'mlx-8bit': 8 + (8 * (2 + 2)) / 64, // 8.5
  'mlx-mxfp8': 8 + 8 / 32, // E8M0 per 32: 8.25
  'mlx-mxfp4': 4 + 8 / 32, // 4.25
  'mlx-nvfp4': 4 + 8 / 16, // 4.5
  'mlc-q4f16_1': 4 + 16 / 32, // fp16 scale per 32: 4.5
  'mlc-q4f32_1': 4 + 32 / 32, // fp32 scale per 32: 5
  'mlc-q3f16_1': (4 * 32 + 16) / 40, // 4 uint32 words + fp16 scale per 40: 3.6
  'mlc-q0f16': 16,
  'qnn-w4a16': 4 + 4 / 64, // 4-bit integer block scale per 64 (assumed width): 4.0625
  'qnn-w8a16': 8,
  'executorch-8da4w': 4 + 16 / 128, // bf16 scale per 128: 4.125
  'executorch-8da4w-g32': 4 + 16 / 32, // 4.5
};

describe('non-GGUF quantization presets', () => {
  it('give the bits per weight of a hand count, for every preset', () => {
    expect(QUANT_PRESETS.map((p) => p.id).sort()).toEqual(Object.keys(HAND).sort());
    for (const p of QUANT_PRESETS) expect([p.id, presetBitsPerWeight(p.quant)]).toEqual([p.id, HAND[p.id]]);
  });
  it('agree with core/quant.ts bytesPerWeight', () => {
    for (const p of QUANT_PRESETS) expect(8 * bytesPerWeight(p.quant)).toBeCloseTo(presetBitsPerWeight(p.quant), 12);
  });
  it('are valid per-component quants and each cites a source; estimates say why', () => {
    for (const p of QUANT_PRESETS) {
      expect(Number.isInteger(p.quant.wbits) && Number.isInteger(p.quant.abits)).toBe(true);
      expect(Number.isInteger(p.quant.group_size) && p.quant.group_size >= 0).toBe(true);
      expect(p.source).toMatch(/https:\/\/github\.com\/[^ ]+\/blob\/[0-9a-f]{40}\//);
      if (p.estimated) expect(p.why).toBeTruthy();
    }
  });
  it('find a preset by the names engineers use', () => {
    expect(findQuantPreset('AWQ')?.id).toBe('awq-w4-g128');
    expect(findQuantPreset('MLX 4-bit')?.id).toBe('mlx-4bit');
    expect(findQuantPreset('q4f16_1')?.id).toBe('mlc-q4f16_1');
    expect(findQuantPreset('W4A16')?.id).toBe('qnn-w4a16');
    expect(findQuantPreset('8da4w')?.quant).toEqual({ wbits: 4, abits: 8, group_size: 128, scale_bytes: 2 });
    expect(findQuantPreset('NF4 double quant')?.id).toBe('bnb-nf4-dq');
    expect(findQuantPreset('Q4_K_M')).toBeUndefined(); // GGUF file types live in gguf.ts
  });
  it('names are unique across presets', () => {
    const key = (n: string): string => n.toLowerCase().replace(/[\s_-]+/g, '');
    const all = QUANT_PRESETS.flatMap((p) => [...new Set([p.id, ...p.names].map(key))]);
    expect(new Set(all).size).toBe(all.length);
  });
});
