/**
 * lfm2_vl — LFM2-VL (LiquidAI/LFM2-VL-450M, -1.6B): SigLIP2 NaFlex encoder, 16 px patches, 2 x 2
 * pixel unshuffle into LLM tokens (so 32 px of image per token side).
 * 1) Split test (_is_image_too_large): each side rounded to a multiple of 32 with Python's
 *    round (half to even; a side rounding to 0 counts as 16, not 32, as the reference writes it);
 *    the image is "large" if that area exceeds max_image_tokens · 32² · max_pixels_tolerance
 *    (1.6B: 256 · 1024 · 1.5 = 393,216 px; 450M: tolerance 2.0, 524,288 px).
 * 2) smart_resize (always computed): sides rounded to multiples of 32 (at least 32); if the area is
 *    above max_image_tokens · 32² they become floor(side / beta / 32) · 32 (at least 32) with
 *    beta = sqrt(W·H / max); if below min_image_tokens · 32², ceil(side · beta / 32) · 32 with
 *    beta = sqrt(min / (W·H)).
 * 3) Large and splitting (do_image_splitting, and not min_tiles == max_tiles == 1): the grid is
 *    InternVL's find_closest_aspect_ratio over the grids with min_tiles <= c·r <= max_tiles (CPython
 *    set order, sorted by area; an exact tie goes to the later grid if W·H > 0.5 · 512² · c·r). The
 *    image is resized to 512c x 512r and cut into c·r tiles of 512 x 512; with use_thumbnail (and
 *    c·r != 1) the smart-resized image is appended as the thumbnail. Otherwise the smart-resized
 *    image is the only input.
 * 4) Placeholders (processing_lfm2_vl.py): each tile ceil((512/16)/2)² = 256 tokens; the thumbnail
 *    or the single image ceil((h/16)/2) · ceil((w/16)/2). tokens counts these <image> placeholders
 *    only; the prompt adds <|image_start|> and <|image_end|>, and when split one <|img_row_r_col_c|>
 *    per tile and <|img_thumbnail|> (extra.wrapper_tokens, with use_image_special_tokens).
 * 5) Every input is patchified and padded to max_num_patches = max(max_image_tokens · 2²,
 *    (512/16)² when splitting) = 1024 patches; the checkpoint's own max_num_patches key is not read.
 *    With do_pad (the processor's default) the encoder runs every input at that length (HF masks
 *    the padding but computes it), so encoder_inputs report each input as a 1024-patch frame
 *    (512 x 512) and extra.encoder_inputs_unpadded has the real sizes (llama.cpp-like runtimes
 *    that do not pad: do_pad false).
 * Rejected (TilingError), as the reference fails on them: min_tiles > max_tiles with splitting
 * (ValueError); an input holding more patches than max_num_patches (images beyond ~1000:1; padding
 * cannot shorten it, so the tiles cannot be stacked with it, or the model cannot unpad it); a split
 * into one tile (only with min_tiles 1) whose smart-resized size gives other than that tile's token
 * count (the processor counts the smart-resized image, the encoder gets the tile); tiles that are
 * not whole patches.
 * cols x rows = the tile grid, 0 x 0 when not split (the processor reports 1 x 1, and in the fast
 * processor its image_rows holds the grid width and image_cols the height: only the row/col marker
 * labels differ); thumbnail = a whole-image view is fed (the smart-resized image itself when not
 * split); resized_w/h = the tile canvas when split, the smart-resized image when not.
 * Sources: huggingface/transformers src/transformers/models/lfm2_vl/image_processing_lfm2_vl_fast.py
 * @ 6a7031ae838f7ef1183d4aa84ba9368e2174a610 (same arithmetic @ 052b1dcdbe751ed16e8da95261021318f170a130);
 * processing_lfm2_vl.py as fixed by transformers PR #42784 (an unsplit image got 0 placeholders with
 * use_thumbnail false before, @ 8652eb23e269ed13d0f1affa074374ae7ba4f56f), revision not seen;
 * golden vectors: test/fixtures/tiling-lfm2-vl.json (see its header).
 * Defaults = LFM2-VL-1.6B's processor_config.json (test/fixtures/hf/preprocessor/lfm2-vl-1.6b.json:
 * max_pixels_tolerance 1.5, use_thumbnail true). LFM2-VL-450M: max_pixels_tolerance 2.0,
 * use_thumbnail false (lfm2-vl-450m.json); the other values are the same.
 */
import { findClosestAspectRatio, internvlCandidates } from './aspect.js';
import { roundHalfEven } from './round.js';
import { TilingError, groupInputs, type EncoderInput, type PolicyDef, type TilingOutcome } from './types.js';

export interface Lfm2VlParams {
  tile_size: number;
  min_tiles: number;
  max_tiles: number;
  min_image_tokens: number;
  max_image_tokens: number;
  encoder_patch_size: number;
  downsample_factor: number;
  max_pixels_tolerance: number;
  use_thumbnail: boolean;
  do_image_splitting: boolean;
  /** Pad every encoder input to max_num_patches (the processor's do_pad, default true). */
  do_pad: boolean;
  /** Only changes extra.wrapper_tokens (processor_config.json: true for both checkpoints). */
  use_image_special_tokens: boolean;
}

const roundByFactor = (x: number, f: number) => roundHalfEven(x / f) * f;

/** smart_resize, returning [w, h]. */
function smartResize(p: Lfm2VlParams, height: number, width: number): [number, number] {
  const f = p.encoder_patch_size * p.downsample_factor;
  const minPixels = p.min_image_tokens * p.encoder_patch_size ** 2 * p.downsample_factor ** 2;
  const maxPixels = p.max_image_tokens * p.encoder_patch_size ** 2 * p.downsample_factor ** 2;
  let h = Math.max(f, roundByFactor(height, f));
  let w = Math.max(f, roundByFactor(width, f));
  if (h * w > maxPixels) {
    const beta = Math.sqrt((height * width) / maxPixels);
    h = Math.max(f, Math.floor(height / beta / f) * f);
    w = Math.max(f, Math.floor(width / beta / f) * f);
  } else if (h * w < minPixels) {
    const beta = Math.sqrt(minPixels / (height * width));
    h = Math.ceil((height * beta) / f) * f;
    w = Math.ceil((width * beta) / f) * f;
  }
  return [w, h];
}

/** _is_image_too_large (its floor is the patch size, not the 32 px factor, as written there). */
function isImageTooLarge(p: Lfm2VlParams, height: number, width: number): boolean {
  const f = p.encoder_patch_size * p.downsample_factor;
  const h = Math.max(p.encoder_patch_size, roundByFactor(height, f));
  const w = Math.max(p.encoder_patch_size, roundByFactor(width, f));
  return h * w > p.max_image_tokens * p.encoder_patch_size ** 2 * p.downsample_factor ** 2 * p.max_pixels_tolerance;
}

/** LLM tokens of one view: its patch grid, pixel-unshuffled (odd sides padded up). */
function viewTokens(p: Lfm2VlParams, w: number, h: number): number {
  const ps = p.encoder_patch_size;
  const d = p.downsample_factor;
  return Math.ceil(Math.floor(h / ps) / d) * Math.ceil(Math.floor(w / ps) / d);
}

/** The padded encoder input as an image: n patches as a x b, b <= a, as square as n divides. */
function padFrame(n: number, ps: number): { w: number; h: number } {
  let b = Math.floor(Math.sqrt(n));
  while (n % b !== 0) b--;
  return { w: (n / b) * ps, h: b * ps };
}

export function lfm2Vl(p: Lfm2VlParams, width: number, height: number): TilingOutcome {
  const ps = p.encoder_patch_size;
  // _preprocess
  const minTiles = p.do_image_splitting ? p.min_tiles : 1;
  const maxTiles = p.do_image_splitting ? p.max_tiles : 1;
  if (p.do_image_splitting && minTiles > maxTiles)
    throw new TilingError(`lfm2_vl: min_tiles (${minTiles}) must be less than or equal to max_tiles (${maxTiles})`);
  const maxNumPatches = Math.max(p.max_image_tokens * p.downsample_factor ** 2, p.do_image_splitting ? Math.floor(p.tile_size / ps) ** 2 : 0);
  // resize_and_split
  const splitting = !(minTiles === 1 && maxTiles === 1);
  const large = isImageTooLarge(p, height, width);
  const [sw, sh] = smartResize(p, height, width);
  const split = large && splitting;
  let cols = 0;
  let rows = 0;
  let views: EncoderInput[];
  let resized: [number, number];
  let thumbnail: boolean;
  if (split) {
    if (p.tile_size % ps !== 0) throw new TilingError(`lfm2_vl: tile_size (${p.tile_size}) must be a multiple of encoder_patch_size (${ps}) to patchify the tiles`);
    [cols, rows] = findClosestAspectRatio(internvlCandidates(minTiles, maxTiles), width, height, p.tile_size);
    thumbnail = p.use_thumbnail && cols * rows !== 1;
    views = [{ w: p.tile_size, h: p.tile_size, count: cols * rows }, { w: sw, h: sh, count: thumbnail ? 1 : 0 }];
    resized = [p.tile_size * cols, p.tile_size * rows];
  } else {
    thumbnail = true;
    views = [{ w: sw, h: sh, count: 1 }];
    resized = [sw, sh];
  }
  views = groupInputs(views);
  const patchesOf = (v: EncoderInput) => Math.floor(v.w / ps) * Math.floor(v.h / ps);
  for (const v of views)
    if (patchesOf(v) > maxNumPatches)
      throw new TilingError(
        `lfm2_vl: a ${width}x${height} image gives a ${v.w}x${v.h} encoder input of ${patchesOf(v)} patches, more than max_num_patches (${maxNumPatches}); the processor cannot pad it to a common length (aspect ratio too extreme)`,
      );
  // processing_lfm2_vl.py: placeholders
  const tokensPerTile = Math.ceil(Math.floor(p.tile_size / ps) / p.downsample_factor) ** 2;
  const tokensForImage = viewTokens(p, sw, sh);
  const multiTile = cols > 1 || rows > 1;
  const tokens = multiTile ? cols * rows * tokensPerTile + (p.use_thumbnail ? tokensForImage : 0) : tokensForImage;
  const features = views.reduce((a, v) => a + v.count * viewTokens(p, v.w, v.h), 0);
  if (features !== tokens)
    throw new TilingError(
      `lfm2_vl: a ${width}x${height} image splits into one ${p.tile_size} px tile (${features} features) but the processor counts ${tokens} placeholders for its ${sw}x${sh} resize; the model rejects the mismatch (min_tiles 1)`,
    );
  const fed = views.reduce((a, v) => a + v.count, 0);
  const patches = views.reduce((a, v) => a + v.count * patchesOf(v), 0);
  const wrapperTokens = p.use_image_special_tokens ? 2 + (multiTile ? cols * rows + (p.use_thumbnail ? 1 : 0) : 0) : 0;
  return {
    cols,
    rows,
    tiles: cols * rows,
    thumbnail,
    resized_w: resized[0],
    resized_h: resized[1],
    tokens,
    encoder_inputs: p.do_pad ? [{ ...padFrame(maxNumPatches, ps), count: fed }] : views,
    extra: {
      split,
      smart_resize_wh: [sw, sh],
      tokens_per_tile: tokensPerTile,
      image_tokens_whole: tokensForImage,
      max_num_patches: maxNumPatches,
      patches,
      padded_patches: p.do_pad ? fed * maxNumPatches : patches,
      encoder_inputs_unpadded: views,
      wrapper_tokens: wrapperTokens,
      llm_tokens_incl_wrappers: tokens + wrapperTokens,
    },
  };
}

export const lfm2VlDef: PolicyDef<Lfm2VlParams> = {
  description:
    'LFM2-VL: images over ~1.5x (1.6B; 450M: 2x) the 256-token budget cut into 2-10 tiles of 512 px (256 tokens each) + a smart-resized thumbnail (1.6B only); smaller ones smart-resized to 64-256 tokens; inputs padded to 1024 patches',
  params: {
    tile_size: { kind: 'int', min: 1 },
    min_tiles: { kind: 'int', min: 1 },
    max_tiles: { kind: 'int', min: 1 },
    min_image_tokens: { kind: 'int', min: 1 },
    max_image_tokens: { kind: 'int', min: 1 },
    encoder_patch_size: { kind: 'int', min: 1 },
    downsample_factor: { kind: 'int', min: 1 },
    max_pixels_tolerance: { kind: 'number', min: 0 },
    use_thumbnail: { kind: 'bool' },
    do_image_splitting: { kind: 'bool' },
    do_pad: { kind: 'bool' },
    use_image_special_tokens: { kind: 'bool' },
  },
  defaults: {
    tile_size: 512,
    min_tiles: 2,
    max_tiles: 10,
    min_image_tokens: 64,
    max_image_tokens: 256,
    encoder_patch_size: 16,
    downsample_factor: 2,
    max_pixels_tolerance: 1.5,
    use_thumbnail: true,
    do_image_splitting: true,
    do_pad: true,
    use_image_special_tokens: true,
  },
  maxTilesParam: 'max_tiles',
  run: lfm2Vl,
};
