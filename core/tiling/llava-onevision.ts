/**
 * llava_onevision — LLaVA-OneVision anyres_max_9.
 * Tiling as LLaVA-NeXT (llava-next.ts): pick the grid pinpoint keeping the most image pixels
 * (ties: least waste, first wins), fit the image into it keeping aspect, pad, cut 384 px crops, and
 * add a base image squashed to 384 x 384; 36 pinpoints (1..6 x 1..6 crops of 384). Each 384 image
 * gives 27 x 27 = 729 SigLIP features. Tokens: the base image's 729, plus the crops' (27*rows) x
 * (27*cols) feature map unpadded back to the image's aspect, plus one newline per feature row. The
 * anyres_max_9 step: if ratio = sqrt(h*w / (9 * 27^2)) of the unpadded map exceeds 1.1, the map is
 * bilinearly shrunk to int(h // ratio) x int(w // ratio) (Python float floor division), so the crops
 * give at most about 9 crops' worth of tokens while up to 36 crops + the base go through the encoder.
 * vision_feature_select_strategy "default" would drop one token (CLS); SigLIP has none, "full".
 * The processor read here truncates in the unpad without HF LLaVA-NeXT's round(x, 7)
 * (unpad_round7 false); no difference for any golden size. The original LLaVA-NeXT code reads a
 * pinpoint as (width, height) (pinpoint_order); with this symmetric list no golden size differs.
 * cols x rows = crop grid; thumbnail = base image; resized_w/h = the aspect-preserving fit before
 * centre padding.
 * Sources: huggingface/transformers src/transformers/models/llava_onevision/processing_llava_onevision.py
 * (_get_number_of_features, _get_unpadded_features; commit 04ea11d8880b62cea38d4eafaf47b49608287719)
 * and image_processing_llava_onevision.py (default image_grid_pinpoints, size 384, get_image_patches;
 * commit 03eac6f6d2af7e8562113f0b78d3d2d59a7d843d); LLaVA-VL/LLaVA-NeXT llava/model/llava_arch.py
 * (anyres_max, unpad_image; commit 85d0cd55ccac405e0e653586971d6c2aee41bb40).
 */
import { patchOutputSize, selectBestResolution } from './llava-next.js';
import { pyFloorDiv, pyRound } from './round.js';
import { TilingError, groupInputs, type PolicyDef, type TilingOutcome } from './types.js';

export interface LlavaOnevisionParams {
  grid_pinpoints: number[][];
  pinpoint_order: 'height,width' | 'width,height';
  crop_size: number;
  patch_size: number;
  max_num_patches: number;
  vision_feature_select_strategy: 'full' | 'default';
  unpad_round7: boolean;
}

export function llavaOnevision(p: LlavaOnevisionParams, width: number, height: number): TilingOutcome {
  if (p.grid_pinpoints.length === 0) throw new TilingError('grid_pinpoints: expected at least one [a, b] pair');
  const asWH = p.grid_pinpoints.map(([a, b]): [number, number] => (p.pinpoint_order === 'height,width' ? [b, a] : [a, b]));
  for (const [w, h] of asWH)
    if (w % p.crop_size !== 0 || h % p.crop_size !== 0)
      throw new TilingError(`grid_pinpoints: ${w}x${h} is not a multiple of crop_size ${p.crop_size}`);
  const [bestW, bestH] = selectBestResolution(asWH, width, height);
  const cols = bestW / p.crop_size;
  const rows = bestH / p.crop_size;
  const [resizedW, resizedH] = patchOutputSize(width, height, bestW, bestH);

  const side = Math.floor(p.crop_size / p.patch_size);
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
  let featH = curH;
  let featW = curW;
  const ratio = Math.sqrt((curH * curW) / (p.max_num_patches * side ** 2));
  if (ratio > 1.1) {
    featH = Math.trunc(pyFloorDiv(curH, ratio));
    featW = Math.trunc(pyFloorDiv(curW, ratio));
  }
  const base = side * side;
  const tiles = cols * rows;
  return {
    cols,
    rows,
    tiles,
    thumbnail: true,
    resized_w: resizedW,
    resized_h: resizedH,
    tokens: featH * featW + featH + base - (p.vision_feature_select_strategy === 'default' ? 1 : 0),
    encoder_inputs: groupInputs([{ w: p.crop_size, h: p.crop_size, count: tiles + 1 }]),
    extra: {
      best_resolution_wh: [bestW, bestH],
      unpadded_feature_hw: [curH, curW],
      reduced_feature_hw: [featH, featW],
      newline_tokens: featH,
    },
  };
}

/** The 36 default pinpoints, [h, w] from 384 x 384 to 2304 x 2304, first side outer. */
const ONEVISION_PINPOINTS = [1, 2, 3, 4, 5, 6].flatMap((a) => [1, 2, 3, 4, 5, 6].map((b) => [384 * a, 384 * b]));

export const llavaOnevisionDef: PolicyDef<LlavaOnevisionParams> = {
  description: 'LLaVA-OneVision anyres_max_9: up to 6x6 384px crops + base, unpadded features shrunk to ~9 crops, 729 base tokens',
  params: {
    grid_pinpoints: { kind: 'pairs' },
    pinpoint_order: { kind: 'enum', values: ['height,width', 'width,height'] },
    crop_size: { kind: 'int', min: 1 },
    patch_size: { kind: 'int', min: 1 },
    max_num_patches: { kind: 'int', min: 1 },
    vision_feature_select_strategy: { kind: 'enum', values: ['full', 'default'] },
    unpad_round7: { kind: 'bool' },
  },
  defaults: {
    grid_pinpoints: ONEVISION_PINPOINTS,
    pinpoint_order: 'height,width',
    crop_size: 384,
    patch_size: 14,
    max_num_patches: 9,
    vision_feature_select_strategy: 'full',
    unpad_round7: false,
  },
  // No tile cap: the pinpoint list bounds the grid (36 crops + base), max_num_patches only the tokens.
  run: llavaOnevision,
};
