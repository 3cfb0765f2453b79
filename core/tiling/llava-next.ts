/**
 * llava_next_hf / llava_next_orig — LLaVA-NeXT (1.6) anyres.
 * Pick the pinpoint resolution that keeps the most of the image's pixels (effective resolution),
 * breaking ties by least wasted canvas, first strict improvement wins; cut it into 336px crops and
 * add a base image squashed to 336x336. The 24x24 feature grid of the crops is "unpadded" back to
 * the image's aspect, plus one newline per feature row; the base image adds 576.
 * The two variants differ only in how they read a pinpoint: HF as (height, width), the original
 * repo as (width, height); with the symmetric default list the tie order differs (200x150: HF picks
 * 672w x 336h, original 336w x 672h). HF also rounds to 7 decimals before truncating in the unpad.
 * Sources: huggingface/transformers image_processing_utils.py (select_best_resolution,
 * get_patch_output_size) and models/llava_next/processing_llava_next.py, commit
 * d05a9215b4f311963e465b99753ac711fb828893; haotian-liu/LLaVA llava/mm_utils.py and
 * llava/model/llava_arch.py (unpad_image).
 */
import { pyRound } from './round.js';
import { TilingError, groupInputs, type PolicyDef, type TilingOutcome } from './types.js';

export interface LlavaNextParams {
  grid_pinpoints: number[][];
  pinpoint_order: 'height,width' | 'width,height';
  crop_size: number;
  patch_size: number;
  base_tokens: number;
  newline_per_row: boolean;
  unpad_round7: boolean;
}

/** select_best_resolution over [w, h] pairs: most effective pixels, then least waste; first wins. */
export function selectBestResolution(resolutions: [number, number][], width: number, height: number): [number, number] {
  // The first pinpoint always passes the test below (its waste is < Infinity), even when no pixel
  // row survives the fit, so starting from it equals the reference's None start.
  let best = resolutions[0];
  let maxEffective = 0;
  let minWasted = Infinity;
  for (const [pw, ph] of resolutions) {
    const scale = Math.min(pw / width, ph / height);
    const effective = Math.min(Math.trunc(width * scale) * Math.trunc(height * scale), width * height);
    const wasted = pw * ph - effective;
    if (effective > maxEffective || (effective === maxEffective && wasted < minWasted)) {
      maxEffective = effective;
      minWasted = wasted;
      best = [pw, ph];
    }
  }
  return best;
}

/** get_patch_output_size: aspect-preserving fit inside the target (before centre padding). */
export function patchOutputSize(width: number, height: number, targetW: number, targetH: number): [number, number] {
  // The reference multiplies by the precomputed scale (H * (tw / W)), not H * tw / W; the two
  // differ in the last bit, and ceil exposes it (200x150 into 672x336 gives 449, not 448).
  const scaleW = targetW / width;
  const scaleH = targetH / height;
  if (scaleW < scaleH) return [targetW, Math.min(Math.ceil(height * scaleW), targetH)];
  return [Math.min(Math.ceil(width * scaleH), targetW), targetH];
}

export function llavaNext(p: LlavaNextParams, width: number, height: number): TilingOutcome {
  if (p.crop_size % p.patch_size !== 0) throw new TilingError(`crop_size (${p.crop_size}) must be a multiple of patch_size (${p.patch_size})`);
  if (p.grid_pinpoints.length === 0) throw new TilingError('grid_pinpoints: expected at least one [a, b] pair');
  const asWH = p.grid_pinpoints.map(([a, b]): [number, number] => (p.pinpoint_order === 'height,width' ? [b, a] : [a, b]));
  for (const [w, h] of asWH)
    if (w % p.crop_size !== 0 || h % p.crop_size !== 0)
      throw new TilingError(`grid_pinpoints: ${w}x${h} is not a multiple of crop_size ${p.crop_size}`);
  const [bestW, bestH] = selectBestResolution(asWH, width, height);
  const cols = bestW / p.crop_size;
  const rows = bestH / p.crop_size;
  const [resizedW, resizedH] = patchOutputSize(width, height, bestW, bestH);

  // Unpad the (side*rows) x (side*cols) feature map back to the image's aspect.
  const side = p.crop_size / p.patch_size;
  let curH = side * rows;
  let curW = side * cols;
  const fit = (x: number) => Math.trunc(p.unpad_round7 ? pyRound(x, 7) : x);
  if (width / height > curW / curH) {
    const newH = fit(height * (curW / width));
    curH -= 2 * Math.floor((curH - newH) / 2);
  } else {
    const newW = fit(width * (curH / height));
    curW -= 2 * Math.floor((curW - newW) / 2);
  }
  const unpadded = curH * curW;
  const newlines = p.newline_per_row ? curH : 0;
  const tiles = cols * rows;
  return {
    cols,
    rows,
    tiles,
    thumbnail: true,
    resized_w: resizedW,
    resized_h: resizedH,
    tokens: unpadded + newlines + p.base_tokens,
    encoder_inputs: groupInputs([{ w: p.crop_size, h: p.crop_size, count: tiles + 1 }]),
    extra: {
      best_resolution_wh: [bestW, bestH],
      unpadded_feature_hw: [curH, curW],
      unpadded_tokens: unpadded,
      newline_tokens: newlines,
    },
  };
}

const LLAVA_PINPOINTS = [[336, 672], [672, 336], [672, 672], [1008, 336], [336, 1008]];

const llavaParamKinds = {
  grid_pinpoints: { kind: 'pairs' },
  pinpoint_order: { kind: 'enum', values: ['height,width', 'width,height'] },
  crop_size: { kind: 'int', min: 1 },
  patch_size: { kind: 'int', min: 1 },
  base_tokens: { kind: 'int', min: 0 },
  newline_per_row: { kind: 'bool' },
  unpad_round7: { kind: 'bool' },
} as const;

export const llavaNextHfDef: PolicyDef<LlavaNextParams> = {
  description: 'LLaVA-NeXT anyres as in HF transformers: best pinpoint read as (h, w), 336px crops + base, unpadded features + newlines',
  params: llavaParamKinds,
  defaults: {
    grid_pinpoints: LLAVA_PINPOINTS,
    pinpoint_order: 'height,width',
    crop_size: 336,
    patch_size: 14,
    base_tokens: 576,
    newline_per_row: true,
    unpad_round7: true,
  },
  // No tile cap: the pinpoint list itself bounds the grid (3 tiles + base at most by default).
  run: llavaNext,
};

export const llavaNextOrigDef: PolicyDef<LlavaNextParams> = {
  description: 'LLaVA-NeXT anyres as in the original haotian-liu/LLaVA code: best pinpoint read as (w, h), truncating unpad',
  params: llavaParamKinds,
  defaults: { ...llavaNextHfDef.defaults, pinpoint_order: 'width,height', unpad_round7: false },
  run: llavaNext,
};
