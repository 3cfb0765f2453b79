/**
 * minicpm_v25 / minicpm_v26 — MiniCPM-V 2.5 / 2.6 adaptive slicing.
 * m = min(ceil(W*H / 448^2), max_slice_nums); m <= 1 means no slicing: one source image, upscaled to
 * about 448^2 keeping aspect. Otherwise the slice counts m-1, m, m+1 (not 1, not above the max) give
 * grids [k, n/k] for every divisor k; the grid whose log-ratio is closest to the image's wins (first
 * on ties). The source image is downscaled to about 448^2 (sides multiples of 14); the refine image
 * is sized so every slice is about 448^2 too, then cut into cols x rows slices. Each image (source
 * and slices) is resampled to query_num tokens: tokens = query_num * (1 + cols*rows).
 * 2.5 and 2.6 slice identically; they differ in query_num (96 / 64) and 2.6's <image_id> prefix.
 * Source: image_processing_minicpmv.py of openbmb/MiniCPM-V-2_6 (get_sliced_grid, find_best_resize,
 * get_refine_size, ensure_divide); OpenBMB/MiniCPM-V finetune/dataset.py.
 */
import type { Grid } from './aspect.js';
import { roundHalfEven } from './round.js';
import { groupInputs, type PolicyDef, type TilingOutcome } from './types.js';

export interface MinicpmParams {
  max_slice_nums: number;
  scale_resolution: number;
  patch_size: number;
  query_num: number;
}

/** ensure_divide: nearest multiple of p (Python round, so halves go to even), at least p. */
const ensureDivide = (x: number, p: number) => Math.max(roundHalfEven(x / p) * p, p);

/** find_best_resize: shrink (or, if allowed, grow) to about res^2 keeping aspect; sides to patch. */
function bestResize(w: number, h: number, res: number, patch: number, upscale: boolean): [number, number] {
  if (w * h > res * res || upscale) {
    const r = w / h;
    h = Math.trunc(res / Math.sqrt(r));
    w = Math.trunc(h * r);
  }
  return [ensureDivide(w, patch), ensureDivide(h, patch)];
}

/** get_sliced_grid: [cols, rows], or undefined when the image is not sliced. */
function slicedGrid(width: number, height: number, p: MinicpmParams): Grid | undefined {
  const logRatio = Math.log(width / height);
  const multiple = Math.min(Math.ceil((width * height) / (p.scale_resolution * p.scale_resolution)), p.max_slice_nums);
  if (multiple <= 1) return undefined;
  let best: Grid = [1, 1];
  let minError = Infinity;
  for (const n of [multiple - 1, multiple, multiple + 1]) {
    if (n === 1 || n > p.max_slice_nums) continue;
    for (let k = 1; k <= n; k++) {
      if (n % k !== 0) continue;
      const error = Math.abs(logRatio - Math.log(k / (n / k)));
      if (error < minError) {
        best = [k, n / k];
        minError = error;
      }
    }
  }
  return best;
}

export function minicpm(p: MinicpmParams, width: number, height: number, imageId: boolean): TilingOutcome {
  const res = p.scale_resolution;
  const grid = slicedGrid(width, height, p);
  const [srcW, srcH] = bestResize(width, height, res, p.patch_size, grid === undefined);
  const source = { w: srcW, h: srcH, count: 1 };
  // Wrapper tokens, counting each marker, "\n" and a one-digit image id as one token:
  // <image>..</image>, <slice>..</slice> per slice, "\n" between slice rows, 2.6's <image_id>i</image_id>.
  const idTokens = imageId ? 3 : 0;
  const common = { patch_grid_source: [srcH / p.patch_size, srcW / p.patch_size] };
  if (grid === undefined) {
    return {
      cols: 0,
      rows: 0,
      tiles: 0,
      thumbnail: true,
      resized_w: srcW,
      resized_h: srcH,
      tokens: p.query_num,
      encoder_inputs: [source],
      extra: { slice_w: null, slice_h: null, ...common, wrapper_tokens: 2 + idTokens },
    };
  }
  const [cols, rows] = grid;
  // get_refine_size: each side to a multiple of the grid, one slice's (float) size resized with
  // upscaling to about res^2, times the grid.
  const [sliceW, sliceH] = bestResize(ensureDivide(width, cols) / cols, ensureDivide(height, rows) / rows, res, p.patch_size, true);
  const tiles = cols * rows;
  return {
    cols,
    rows,
    tiles,
    thumbnail: true,
    resized_w: srcW,
    resized_h: srcH,
    tokens: p.query_num * (1 + tiles),
    encoder_inputs: groupInputs([source, { w: sliceW, h: sliceH, count: tiles }]),
    extra: {
      refine_w: sliceW * cols,
      refine_h: sliceH * rows,
      slice_w: sliceW,
      slice_h: sliceH,
      ...common,
      wrapper_tokens: 2 + 2 * tiles + (rows - 1) + idTokens,
    },
  };
}

export const minicpmParamKinds = {
  max_slice_nums: { kind: 'int', min: 1 },
  scale_resolution: { kind: 'int', min: 1 },
  patch_size: { kind: 'int', min: 1 },
  query_num: { kind: 'int', min: 1 },
} as const;

export const minicpmV25Def: PolicyDef<MinicpmParams> = {
  description: 'MiniCPM-Llama3-V 2.5: up to max_slice_nums ~448^2 slices by log-ratio + source image, 96 query tokens each',
  params: minicpmParamKinds,
  defaults: { max_slice_nums: 9, scale_resolution: 448, patch_size: 14, query_num: 96 },
  maxTilesParam: 'max_slice_nums',
  run: (p, w, h) => minicpm(p, w, h, false),
};

export const minicpmV26Def: PolicyDef<MinicpmParams> = {
  description: 'MiniCPM-V 2.6: same slicing as 2.5, 64 query tokens per image and slice, <image_id> prefix',
  params: minicpmParamKinds,
  defaults: { ...minicpmV25Def.defaults, query_num: 64 },
  maxTilesParam: 'max_slice_nums',
  run: (p, w, h) => minicpm(p, w, h, true),
};
