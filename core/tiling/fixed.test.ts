import { describe, expect, test } from 'vitest';
import { DEFAULT_PARAMS, POLICY_PARAMS, TILING_POLICIES, TilingError, maxTilesParam, tile } from './index.js';

describe('fixed_resize (LLaVA-1.5, MobileVLM)', () => {
  test('is registered, with LLaVA-1.5 defaults and no tile cap', () => {
    expect(TILING_POLICIES).toContain('fixed_resize');
    expect(POLICY_PARAMS.fixed_resize.sort()).toEqual(['image_size', 'patch_size', 'tokens']);
    expect(DEFAULT_PARAMS.fixed_resize).toEqual({ image_size: 336, patch_size: 14, tokens: 576 });
    expect(maxTilesParam('fixed_resize')).toBeUndefined();
  });

  test.each([
    [336, 336],
    [1920, 1080],
    [100, 3000],
    [1, 1],
  ])('%ix%i: one 336 px encoder input, 576 tokens', (w, h) => {
    const r = tile('fixed_resize', {}, w, h);
    expect([r.cols, r.rows, r.tiles, r.thumbnail, r.resized_w, r.resized_h, r.tokens]).toEqual([1, 1, 1, false, 336, 336, 576]);
    expect(r.encoder_inputs).toEqual([{ w: 336, h: 336, count: 1 }]);
    expect(r.extra.vit_patches).toBe(576);
  });

  test('MobileVLM: 576 patches compressed to 144 tokens', () => {
    const r = tile('fixed_resize', { tokens: 144 }, 768, 1536);
    expect(r.tokens).toBe(144);
    expect(r.encoder_inputs).toEqual([{ w: 336, h: 336, count: 1 }]);
  });

  test('rejects sizes that are not whole patches and more tokens than patches', () => {
    expect(() => tile('fixed_resize', { image_size: 340 }, 100, 100)).toThrow(TilingError);
    expect(() => tile('fixed_resize', { image_size: 340 }, 100, 100)).toThrow(/multiple of patch_size/);
    expect(() => tile('fixed_resize', { tokens: 577 }, 100, 100)).toThrow(/cannot exceed the 576 patches/);
    expect(() => tile('fixed_resize', { tokens: 0 }, 100, 100)).toThrow(/tokens/);
    expect(() => tile('fixed_resize', { size: 336 }, 100, 100)).toThrow(/unknown parameter "size"/);
  });
});
