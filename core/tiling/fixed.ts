/**
 * fixed_resize — one fixed-size encoder input per image (LLaVA-1.5, MobileVLM / MobileVLM V2).
 * The image is made square and resized to image_size x image_size whatever its size: LLaVA-1.5
 * (image_aspect_ratio "pad") pads it to a square with the mean colour first, the CLIP processor
 * alone would resize the short side and center-crop; either way the encoder sees exactly one
 * image_size^2 input, which is all this policy models. No tiles, no thumbnail.
 * The LLM sees `tokens` visual tokens per image: the (image_size/patch_size)^2 ViT patch tokens
 * (class token dropped) after the model's own compression, e.g. 576 for LLaVA-1.5 (24 x 24, no
 * compression) and 144 for MobileVLM's LDP / LDPv2 projectors (24 x 24 downsampled to 12 x 12).
 * Sources: haotian-liu/LLaVA llava/mm_utils.py (expand2square, process_images) and the llava-hf
 * processor (crop_size 336); Meituan-AutoML/MobileVLM mobilevlm/model/vision_projector.py.
 */
import { TilingError, type PolicyDef, type TilingOutcome } from './types.js';

export interface FixedResizeParams {
  image_size: number;
  patch_size: number;
  tokens: number;
}

export function fixedResize(p: FixedResizeParams, _width: number, _height: number): TilingOutcome {
  if (p.image_size % p.patch_size !== 0)
    throw new TilingError(`fixed_resize: image_size (${p.image_size}) must be a multiple of patch_size (${p.patch_size})`);
  const patches = (p.image_size / p.patch_size) ** 2;
  if (p.tokens > patches)
    throw new TilingError(`fixed_resize: tokens (${p.tokens}) cannot exceed the ${patches} patches of a ${p.image_size} px image at patch_size ${p.patch_size}`);
  return {
    cols: 1,
    rows: 1,
    tiles: 1,
    thumbnail: false,
    resized_w: p.image_size,
    resized_h: p.image_size,
    tokens: p.tokens,
    encoder_inputs: [{ w: p.image_size, h: p.image_size, count: 1 }],
    extra: { vit_patches: patches },
  };
}

export const fixedResizeDef: PolicyDef<FixedResizeParams> = {
  description: 'LLaVA-1.5 / MobileVLM: one image_size x image_size input per image (padded/resized to square), a fixed token count',
  params: {
    image_size: { kind: 'int', min: 1 },
    patch_size: { kind: 'int', min: 1 },
    tokens: { kind: 'int', min: 1 },
  },
  // LLaVA-1.5: CLIP ViT-L/14 at 336 px, 24 x 24 = 576 patch tokens fed to the LLM.
  defaults: { image_size: 336, patch_size: 14, tokens: 576 },
  // No tile cap: there is always exactly one tile (see maxTilesParam in index.ts).
  run: fixedResize,
};
