/**
 * qwen2_5_vl — Qwen2.5-VL `smart_resize` (no tiling), the Qwen2-VL arithmetic (qwen2-vl.ts) with
 * Qwen2.5-VL's own defaults.
 * Reject aspect ratios above 200; round each side to a multiple of 28 (round half to even, at least
 * 28); above max_pixels scale both sides down by sqrt(area / max_pixels) and floor to 28, below
 * min_pixels scale up and ceil to 28. One image goes to the ViT (14 px patches, 2x2 merge):
 * (h/28)*(w/28) tokens, plus <|vision_start|>/<|vision_end|>. Qwen2.5-VL's window attention and
 * MLP changes are inside the encoder and do not change sizes or token counts.
 * Defaults: qwen-vl-utils' MIN_PIXELS 4*28*28 and MAX_PIXELS 16384*28*28 (what the README's
 * inference path uses unless min_pixels/max_pixels are passed; the README suggests 256*28*28 ..
 * 1280*28*28 "to balance performance and cost").
 * cols/rows = merged-token grid; tiles = 0. extra.hf_resized_wh is qwen2-vl.ts's model of the HF
 * Qwen2VLImageProcessor's clamping (the HF processor Qwen2.5-VL ships was not read here).
 * Source: QwenLM/Qwen2.5-VL qwen-vl-utils/src/qwen_vl_utils/vision_process.py (IMAGE_FACTOR,
 * MIN_PIXELS, MAX_PIXELS, MAX_RATIO, smart_resize; file commit c15045f8829fee29d4b3996e068775fe6a5855db,
 * snapshot f0af2996e843cf46aa5f778c38d6694500c2ca81) and README.md of the same snapshot.
 */
import { qwen2vl, type Qwen2vlParams } from './qwen2-vl.js';
import type { PolicyDef } from './types.js';

export const qwen25vlDef: PolicyDef<Qwen2vlParams> = {
  description: 'Qwen2.5-VL smart_resize: sides rounded to 28 within [min_pixels, max_pixels], one image, (h/28)*(w/28) tokens',
  params: {
    min_pixels: { kind: 'int', min: 1 },
    max_pixels: { kind: 'int', min: 1 },
    factor: { kind: 'int', min: 1 },
    patch_size: { kind: 'int', min: 1 },
    merge_size: { kind: 'int', min: 1 },
  },
  defaults: { min_pixels: 4 * 28 * 28, max_pixels: 16384 * 28 * 28, factor: 28, patch_size: 14, merge_size: 2 },
  // No tile cap: max_pixels is a pixel budget, not a tile count.
  run: (p, w, h) => {
    try {
      return qwen2vl(p, w, h);
    } catch (e) {
      // qwen2vl names itself in its messages; this policy is qwen2_5_vl.
      if (e instanceof Error) e.message = e.message.replace(/^qwen2_vl:/, 'qwen2_5_vl:');
      throw e;
    }
  },
};
