/**
 * fastvlm_fixed — FastVLM: one image_size x image_size input (1024), FastViTHD, 256 tokens.
 * The CLIP-style processor built in mobileclip_encoder.py resizes the shortest edge to image_size
 * and centre-crops image_size x image_size (with image_aspect_ratio "pad" the image is first padded
 * to a square with the mean colour, LLaVA's expand2square); either way the encoder sees one square
 * image, so only its size matters here. FastViTHD downsamples by 64: a stride-4 convolutional stem
 * (two 3x3 stride-2 MobileOne blocks) and 4 stride-2 7x7 PatchEmbed layers (padding 3) between its 5
 * stages, each mapping n to ceil(n/2): a ceil(image_size/64)^2 grid, 16 x 16 = 256 tokens at 1024.
 * The checkpoints' own config (image_aspect_ratio, mm_vision_tower "mobileclip_l_1024") was not seen:
 * mm_utils.py also has an "anyres" branch (LLaVA-NeXT tiling), assumed unused by the released
 * FastVLM checkpoints. image_size 1024 is mobileclip_l.json's image_cfg.image_size.
 * cols = rows = tiles = 1; no thumbnail; resized_w/h = image_size.
 * Sources: apple/ml-fastvlm llava/model/multimodal_encoder/mobileclip_encoder.py,
 * llava/model/multimodal_encoder/mobileclip/mci.py (convolutional_stem, PatchEmbed, fastvithd),
 * llava/model/multimodal_encoder/mobileclip/configs/mobileclip_l.json (image_size 1024, patch_size
 * 64), llava/mm_utils.py (process_images, expand2square); commit 592b4add3c1c8a518e77d95dc6248e76c1dd591f.
 */
import type { PolicyDef, TilingOutcome } from './types.js';

export interface FastvlmParams {
  image_size: number;
  downsample: number;
}

export function fastvlm(p: FastvlmParams, _width: number, _height: number): TilingOutcome {
  // Six ceil-halvings (stem x2, PatchEmbed x4) compose to one ceil division by 64.
  const g = Math.ceil(p.image_size / p.downsample);
  return {
    cols: 1,
    rows: 1,
    tiles: 1,
    thumbnail: false,
    resized_w: p.image_size,
    resized_h: p.image_size,
    tokens: g * g,
    encoder_inputs: [{ w: p.image_size, h: p.image_size, count: 1 }],
    extra: { feature_grid: [g, g] },
  };
}

export const fastvlmDef: PolicyDef<FastvlmParams> = {
  description: 'FastVLM: one 1024x1024 input, FastViTHD downsamples by 64 -> 16x16 = 256 tokens',
  params: {
    image_size: { kind: 'int', min: 1 },
    downsample: { kind: 'int', min: 1 },
  },
  defaults: { image_size: 1024, downsample: 64 },
  // No tile cap: always one tile.
  run: fastvlm,
};
