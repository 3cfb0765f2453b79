/**
 * Gemma 4: the 23 golden vectors derived from transformers' get_aspect_ratio_preserving_size
 * (test/fixtures/tiling-gemma4.json, see its header), and the padded encoder frame.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { tile, TilingError } from './index.js';

type Rec = { width: number; height: number; params: Record<string, unknown>; resized_w: number; resized_h: number; patches: number; tokens: number; note: string };
const fixture: { records: Rec[] } = JSON.parse(readFileSync(new URL('../../test/fixtures/tiling-gemma4.json', import.meta.url), 'utf8'));

describe('gemma4 policy', () => {
  test('23 golden records', () => expect(fixture.records).toHaveLength(23));
  test.each(fixture.records.map((r) => [`${r.width}x${r.height} ${JSON.stringify(r.params)}`, r] as const))('%s', (_n, r) => {
    const got = tile('gemma4', r.params, r.width, r.height);
    expect([got.resized_w, got.resized_h, got.extra.patches, got.tokens]).toEqual([r.resized_w, r.resized_h, r.patches, r.tokens]);
  });
  test('the encoder runs the padded budget (960 x 672 = 2520 patches at 280), or the image itself without padding', () => {
    expect(tile('gemma4', {}, 1920, 1080).encoder_inputs).toEqual([{ w: 960, h: 672, count: 1 }]);
    expect(tile('gemma4', { max_soft_tokens: 70 }, 1920, 1080).encoder_inputs).toEqual([{ w: 480, h: 336, count: 1 }]);
    expect(tile('gemma4', { pad_to_budget: false }, 1920, 1080).encoder_inputs).toEqual([{ w: 1056, h: 576, count: 1 }]);
  });
  test('an unsupported budget is refused, as the processor refuses it', () => {
    expect(() => tile('gemma4', { max_soft_tokens: 300 }, 640, 480)).toThrow(TilingError);
  });
});
