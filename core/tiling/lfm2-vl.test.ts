/**
 * LFM2-VL: the golden vectors derived from transformers' Lfm2VlImageProcessorFast and Lfm2VlProcessor
 * (test/fixtures/tiling-lfm2-vl.json, see its header), the padded encoder frame, and a hand-worked case.
 * lfm2Vl is called directly (the policy is not in the registry yet), so params are the full set.
 *
 * 1920 x 1080 by hand (LFM2-VL-1.6B: tolerance 1.5, thumbnail on):
 *   split test: round(1080/32) = round(33.75) = 34 -> 1088, round(1920/32) = 60 -> 1920;
 *     1088 · 1920 = 2,088,960 > 256 · 16² · 2² · 1.5 = 393,216, so the image is split.
 *   smart_resize: 1088 · 1920 > 262,144, beta = sqrt(2,073,600 / 262,144) = sqrt(7.91015625) = 2.8125
 *     exactly; h = floor(1080 / 2.8125 / 32) · 32 = 12 · 32 = 384, w = floor(682.67 / 32) · 32 = 672.
 *   grid: W/H = 1.778; among grids of 2..10 tiles the nearest ratio is 2 ((2,1), diff 0.222); (4,2) ties
 *     exactly and wins because 2,073,600 > 0.5 · 512² · 8 = 1,048,576; nothing closer ((3,2) = 1.5).
 *   -> 4 x 2 = 8 tiles of 512 x 512 (canvas 2048 x 1024) + a 672 x 384 thumbnail.
 *   tokens: 8 · (32/2)² = 2048, thumbnail (384/16/2) · (672/16/2) = 12 · 21 = 252 -> 2300
 *     (+ image_start, image_end, 8 row/col markers, 1 thumbnail marker = 2311 with wrappers).
 *   encoder: 9 inputs, each padded to 1024 patches (the thumbnail has 1008).
 * LFM2-VL-450M (tolerance 2.0, no thumbnail): 2,088,960 > 524,288, same 4 x 2 grid, 2048 tokens, 8 inputs.
 * (1280 x 720 has the same ratio but 921,600 < 1,048,576, so the tie keeps (2,1): 2 tiles.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { lfm2Vl, lfm2VlDef, type Lfm2VlParams } from './lfm2-vl.js';
import { TilingError } from './types.js';

type Input = { w: number; h: number; count: number };
type Rec = {
  width: number;
  height: number;
  checkpoint: string;
  params: Omit<Lfm2VlParams, 'do_pad' | 'use_image_special_tokens'>;
  note: string;
  error?: string;
  cols: number;
  rows: number;
  tiles: number;
  thumbnail: boolean;
  resized_w: number;
  resized_h: number;
  tokens: number;
  encoder_inputs: Input[];
  split: boolean;
  smart_resize_wh: [number, number];
  tokens_per_tile: number;
  image_tokens_whole: number;
  max_num_patches: number;
  wrapper_tokens: number;
};
const fixture: { header: { records: number }; records: Rec[] } = JSON.parse(
  readFileSync(new URL('../../test/fixtures/tiling-lfm2-vl.json', import.meta.url), 'utf8'),
);
const ok = fixture.records.filter((r) => r.error === undefined);
const bad = fixture.records.filter((r) => r.error !== undefined);
const full = (r: Rec, over: Partial<Lfm2VlParams> = {}): Lfm2VlParams => ({ do_pad: true, use_image_special_tokens: true, ...r.params, ...over });
const label = (r: Rec) => `${r.width}x${r.height} ${r.checkpoint} (${r.note})`;

describe('lfm2_vl policy', () => {
  test('the fixture holds its 52 records, 48 of them computable', () => {
    expect(fixture.records).toHaveLength(fixture.header.records);
    expect(fixture.records).toHaveLength(52);
    expect(ok).toHaveLength(48);
  });

  test.each(ok.map((r) => [label(r), r] as const))('%s', (_n, r) => {
    const got = lfm2Vl(full(r, { do_pad: false }), r.width, r.height);
    expect({
      cols: got.cols,
      rows: got.rows,
      tiles: got.tiles,
      thumbnail: got.thumbnail,
      resized_w: got.resized_w,
      resized_h: got.resized_h,
      tokens: got.tokens,
      encoder_inputs: got.encoder_inputs,
      split: got.extra.split,
      smart_resize_wh: got.extra.smart_resize_wh,
      tokens_per_tile: got.extra.tokens_per_tile,
      image_tokens_whole: got.extra.image_tokens_whole,
      max_num_patches: got.extra.max_num_patches,
      wrapper_tokens: got.extra.wrapper_tokens,
    }).toEqual({
      cols: r.cols,
      rows: r.rows,
      tiles: r.tiles,
      thumbnail: r.thumbnail,
      resized_w: r.resized_w,
      resized_h: r.resized_h,
      tokens: r.tokens,
      encoder_inputs: r.encoder_inputs,
      split: r.split,
      smart_resize_wh: r.smart_resize_wh,
      tokens_per_tile: r.tokens_per_tile,
      image_tokens_whole: r.image_tokens_whole,
      max_num_patches: r.max_num_patches,
      wrapper_tokens: r.wrapper_tokens,
    });
    // Padded (the default): the same images, each run at max_num_patches patches.
    const padded = lfm2Vl(full(r), r.width, r.height);
    const fed = r.encoder_inputs.reduce((a, i) => a + i.count, 0);
    expect(fed).toBe(r.tiles + (r.thumbnail ? 1 : 0));
    expect(padded.encoder_inputs).toHaveLength(1);
    expect(padded.encoder_inputs[0].count).toBe(fed);
    expect((padded.encoder_inputs[0].w / 16) * (padded.encoder_inputs[0].h / 16)).toBe(r.max_num_patches);
    expect(padded.extra.encoder_inputs_unpadded).toEqual(r.encoder_inputs);
    expect(padded.tokens).toBe(r.tokens);
  });

  test.each(bad.map((r) => [label(r), r] as const))('rejected as the reference fails: %s', (_n, r) => {
    expect(() => lfm2Vl(full(r), r.width, r.height)).toThrow(TilingError);
  });

  test('1920x1080, worked by hand above', () => {
    const r16 = lfm2Vl(lfm2VlDef.defaults, 1920, 1080);
    expect([r16.cols, r16.rows, r16.tiles, r16.thumbnail, r16.tokens, r16.extra.llm_tokens_incl_wrappers]).toEqual([4, 2, 8, true, 2300, 2311]);
    expect(r16.encoder_inputs).toEqual([{ w: 512, h: 512, count: 9 }]);
    expect(r16.extra.encoder_inputs_unpadded).toEqual([
      { w: 512, h: 512, count: 8 },
      { w: 672, h: 384, count: 1 },
    ]);
    const r450 = lfm2Vl({ ...lfm2VlDef.defaults, max_pixels_tolerance: 2.0, use_thumbnail: false }, 1920, 1080);
    expect([r450.cols, r450.rows, r450.tiles, r450.thumbnail, r450.tokens, r450.extra.llm_tokens_incl_wrappers]).toEqual([4, 2, 8, false, 2048, 2058]);
    expect(r450.encoder_inputs).toEqual([{ w: 512, h: 512, count: 8 }]);
  });

  test('defaults are the LFM2-VL-1.6B processor config', () => {
    const cfg = JSON.parse(readFileSync(new URL('../../test/fixtures/hf/preprocessor/lfm2-vl-1.6b.json', import.meta.url), 'utf8'));
    for (const [k, v] of Object.entries(lfm2VlDef.defaults)) if (k !== 'do_pad') expect([k, cfg[k]]).toEqual([k, v]);
  });

  test('a small image is padded too: 256 real patches run as 1024', () => {
    const r = lfm2Vl(lfm2VlDef.defaults, 224, 224);
    expect([r.tokens, r.extra.patches, r.extra.padded_patches]).toEqual([64, 256, 1024]);
  });

  test('tiles that are not whole patches are refused', () => {
    expect(() => lfm2Vl({ ...lfm2VlDef.defaults, tile_size: 500 }, 1920, 1080)).toThrow(TilingError);
  });
});
