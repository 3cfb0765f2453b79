/**
 * qwen2_vl — Qwen2-VL `smart_resize` (no tiling).
 * Reject aspect ratios above 200. Round each side to a multiple of 28 (round half to even, at least
 * 28); if the area exceeds max_pixels scale both sides down by sqrt(area/max_pixels) and floor to 28,
 * if below min_pixels scale up and ceil to 28. One image of that size goes to the ViT (14px patches,
 * the frame duplicated for temporal patch 2); 2x2 merging gives (h/28)*(w/28) tokens, plus
 * <|vision_start|>/<|vision_end|>. cols/rows are the merged token grid; tiles = 0.
 * The HF image processor differs only in where it clamps to >= 28 (reported in extra.hf_resized_wh).
 * Source: QwenLM/Qwen2-VL qwen-vl-utils/src/qwen_vl_utils/vision_process.py (commit 487a12d6);
 * HF transformers image_processing_qwen2_vl.py.
 */
import { roundHalfEven } from './round.js';
import { TilingError, type PolicyDef, type TilingOutcome } from './types.js';

export interface Qwen2vlParams {
  min_pixels: number;
  max_pixels: number;
  factor: number;
  patch_size: number;
  merge_size: number;
}

export const QWEN2VL_MAX_RATIO = 200;

/** smart_resize, returning [h, w]; `hf` selects the HF processor's clamping. */
function smartResize(p: Qwen2vlParams, height: number, width: number, hf: boolean): [number, number] {
  const f = p.factor;
  const byRound = (x: number) => roundHalfEven(x / f) * f;
  const clamp = (x: number) => Math.max(f, x);
  let h = hf ? byRound(height) : clamp(byRound(height));
  let w = hf ? byRound(width) : clamp(byRound(width));
  if (h * w > p.max_pixels) {
    const beta = Math.sqrt((height * width) / p.max_pixels);
    h = Math.floor(height / beta / f) * f;
    w = Math.floor(width / beta / f) * f;
    if (hf) [h, w] = [clamp(h), clamp(w)];
  } else if (h * w < p.min_pixels) {
    const beta = Math.sqrt(p.min_pixels / (height * width));
    h = Math.ceil((height * beta) / f) * f;
    w = Math.ceil((width * beta) / f) * f;
  }
  return [h, w];
}

export function qwen2vl(p: Qwen2vlParams, width: number, height: number): TilingOutcome {
  if (p.factor !== p.patch_size * p.merge_size)
    throw new TilingError(`factor (${p.factor}) must equal patch_size * merge_size (${p.patch_size * p.merge_size})`);
  if (p.min_pixels > p.max_pixels) throw new TilingError(`min_pixels (${p.min_pixels}) must not exceed max_pixels (${p.max_pixels})`);
  const ratio = Math.max(width, height) / Math.min(width, height);
  if (ratio > QWEN2VL_MAX_RATIO)
    throw new TilingError(`qwen2_vl: aspect ratio ${ratio.toFixed(1)} of ${width}x${height} exceeds the limit of ${QWEN2VL_MAX_RATIO}`);
  const [h, w] = smartResize(p, height, width, false);
  // Flooring under max_pixels can reach 0 for a thin image and a small budget; the reference would
  // then fail to resize, so this is an error, not a zero-token image.
  if (h === 0 || w === 0)
    throw new TilingError(`qwen2_vl: max_pixels ${p.max_pixels} is too small for a ${width}x${height} image (a side resizes to 0)`);
  const [hfH, hfW] = smartResize(p, height, width, true);
  const cols = w / p.factor;
  const rows = h / p.factor;
  const tokens = cols * rows;
  return {
    cols,
    rows,
    tiles: 0,
    thumbnail: false,
    resized_w: w,
    resized_h: h,
    tokens,
    encoder_inputs: [{ w, h, count: 1 }],
    extra: {
      patch_grid_thw: [1, h / p.patch_size, w / p.patch_size],
      llm_tokens_incl_wrappers: tokens + 2,
      hf_resized_wh: [hfW, hfH],
    },
  };
}

export const qwen2vlDef: PolicyDef<Qwen2vlParams> = {
  description: 'Qwen2-VL smart_resize: sides rounded to 28 within [min_pixels, max_pixels], one image, (h/28)*(w/28) tokens',
  params: {
    min_pixels: { kind: 'int', min: 1 },
    max_pixels: { kind: 'int', min: 1 },
    factor: { kind: 'int', min: 1 },
    patch_size: { kind: 'int', min: 1 },
    merge_size: { kind: 'int', min: 1 },
  },
  // qwen_vl_utils defaults (what the Qwen2-VL README's inference path uses); the HF image
  // processor's own class default is max_pixels 1280*28*28 = 1003520.
  defaults: { min_pixels: 4 * 28 * 28, max_pixels: 16384 * 28 * 28, factor: 28, patch_size: 14, merge_size: 2 },
  // No tile cap: max_pixels is a pixel budget, not a tile count (see maxTilesParam in index.ts).
  run: qwen2vl,
};
