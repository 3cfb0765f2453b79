/**
 * phi4mm_dynamic — Phi-4-multimodal dynamic HD.
 * With 448 px crops: if ceil(W/448) * ceil(H/448) <= dynamic_hd (36) that grid is used as is;
 * otherwise the InternVL grid search (closest cols/rows ratio among 1..dynamic_hd tiles, CPython set
 * order, ties to the later grid when the image is large; aspect.ts) picks it. The image is resized
 * to fit the grid's canvas keeping aspect (int() of the scaled side) and white-padded on the right
 * or bottom. A 32 x 32 patch mask per crop (448/14) zeroes the floor(padding/14) padded patch
 * columns/rows; the mask is subsampled [0::2, 0::2] to the 16 x 16 token grid of each crop.
 * tokens = 256 (global 448 image) + 1 (separator) + valid crop tokens + one newline per valid
 * token row + 16 (global newlines) — the processor's num_img_tokens, with its literal 256 and 16.
 * The reference rejects images whose fitted side falls under 10 px ("the aspect ratio is very
 * extreme"): a TilingError here.
 * cols x rows = crop grid; thumbnail = global image (448 x 448, bicubic); resized_w/h = the fit
 * before padding (extra.padded_wh = the canvas).
 * Source: huggingface/transformers src/transformers/models/phi4_multimodal/
 * image_processing_phi4_multimodal_fast.py (class defaults image_size 448, patch_size 14,
 * dynamic_hd 36; find_closest_aspect_ratio, dynamic_preprocess, preprocess; commit
 * 017789380092228c4f8ecc372753b6bca2849eb9).
 */
import { findClosestAspectRatio, internvlCandidates, type Grid } from './aspect.js';
import { TilingError, groupInputs, type PolicyDef, type TilingOutcome } from './types.js';

export interface Phi4mmParams {
  dynamic_hd: number;
  image_size: number;
  patch_size: number;
}

/** Of `n` mask cells split into blocks of `block`, those kept by a per-block [0::2] subsample and valid (< limit). */
function subsampledValid(blocks: number, block: number, limit: number): number {
  let count = 0;
  for (let b = 0; b < blocks; b++) for (let i = 0; i < block; i += 2) if (b * block + i < limit) count++;
  return count;
}

export function phi4mm(p: Phi4mmParams, width: number, height: number): TilingOutcome {
  const size = p.image_size;
  const maskSize = Math.floor(size / p.patch_size);
  const wCrops = Math.ceil(width / size);
  const hCrops = Math.ceil(height / size);
  let grid: Grid = [wCrops, hCrops];
  if (wCrops * hCrops > p.dynamic_hd) grid = findClosestAspectRatio(internvlCandidates(1, p.dynamic_hd), width, height, size);
  const [cols, rows] = grid;
  const targetW = size * cols;
  const targetH = size * rows;
  const ratioW = targetW / width;
  const ratioH = targetH / height;
  let newW: number;
  let newH: number;
  let padW = 0;
  let padH = 0;
  if (ratioW < ratioH) {
    newW = targetW;
    newH = Math.trunc(height * ratioW);
    padH = targetH - newH;
  } else {
    newW = Math.trunc(width * ratioH);
    newH = targetH;
    padW = targetW - newW;
  }
  if (Math.min(newH, targetH) < 10 || Math.min(newW, targetW) < 10)
    throw new TilingError(`phi4mm_dynamic: the aspect ratio of ${width}x${height} is too extreme (fits as ${newW}x${newH})`);
  const maskH = maskSize * rows;
  const maskW = maskSize * cols;
  const zeroCols = padW >= p.patch_size ? Math.floor(padW / p.patch_size) : 0;
  const zeroRows = padH >= p.patch_size ? Math.floor(padH / p.patch_size) : 0;
  const validCols = subsampledValid(cols, maskSize, maskW - zeroCols);
  const validRows = subsampledValid(rows, maskSize, maskH - zeroRows);
  // mask[:, 0].sum(): the valid rows, if the first token column is valid at all.
  const firstColumn = maskW - zeroCols > 0 ? validRows : 0;
  const tiles = cols * rows;
  return {
    cols,
    rows,
    tiles,
    thumbnail: true,
    resized_w: newW,
    resized_h: newH,
    tokens: 256 + 1 + validRows * validCols + firstColumn + 16,
    encoder_inputs: groupInputs([{ w: size, h: size, count: tiles + 1 }]),
    extra: { padded_wh: [targetW, targetH], valid_token_rows: firstColumn, valid_token_cols: firstColumn ? validCols : 0 },
  };
}

export const phi4mmDef: PolicyDef<Phi4mmParams> = {
  description: 'Phi-4-multimodal: ceil(W/448) x ceil(H/448) crops (closest-ratio grid if over dynamic_hd 36), padded-token mask + 448 global',
  params: {
    dynamic_hd: { kind: 'int', min: 1 },
    image_size: { kind: 'int', min: 1 },
    patch_size: { kind: 'int', min: 1 },
  },
  defaults: { dynamic_hd: 36, image_size: 448, patch_size: 14 },
  maxTilesParam: 'dynamic_hd',
  run: phi4mm,
};
