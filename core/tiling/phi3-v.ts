/**
 * phi3_hd — Phi-3 / Phi-3.5-vision HD transform (the InternLM-XComposer2-4KHD scheme).
 * Work in landscape (transpose portrait images). With ratio = long/short, take the largest scale
 * with scale * ceil(scale / ratio) <= num_crops; resize so the long side is 336*scale (upscaling
 * allowed) and the short side int(336*scale / ratio), pad the short side with white (centred) to a
 * multiple of 336, and cut into 336 px crops; a global view (the padded image resized to 336 x 336)
 * comes first. Each 336 image is 24 x 24 CLIP patches, 2x2-merged to 12 x 12 = 144 tokens; a
 * newline token ends each of the 12 token rows per crop row and of the global view, and one
 * separator sits between global and local views:
 * tokens = (rows*cols + 1)*144 + 1 + (rows + 1)*12, exactly the processor's num_img_tokens.
 * Sizes and tokens equal ixc2_4khd with hd_num = num_crops. pixel_values is zero-padded to
 * num_crops + 1 images per image (extra.pixel_values_images); encoder_inputs lists only the real
 * crops + global view (whether the padding images also run through CLIP is decided in
 * image_embedding_phi3_v.py, not checked here).
 * cols x rows = crop grid; thumbnail = global view; resized_w/h = after white padding.
 * Source: microsoft/Phi-3.5-vision-instruct processing_phi3_v.py (padding_336, calc_padded_size,
 * HD_transform, calc_hd_transform_size, pad_to_max_num_crops_tensor, Phi3VImageProcessor: class
 * default num_crops 1, calc_num_image_tokens_from_image_size, preprocess), https://huggingface.co/
 * microsoft/Phi-3.5-vision-instruct/blob/main/processing_phi3_v.py, revision not seen (read from a
 * verbatim copy of that file in the public GitHub index).
 * Default num_crops 4: https://huggingface.co/microsoft/Phi-3.5-vision-instruct/blob/refs%2Fpr%2F2/
 * preprocessor_config.json (commit 249c1c2; "num_crops": 4, "num_img_tokens": 144; a duplicate of
 * the main branch, FriendliAI/Phi-3.5-vision-instruct commit 36c852d, says the same and points
 * AutoImageProcessor at processing_phi3_v.Phi3VImageProcessor). Phi-3-vision-128k-instruct ships
 * num_crops 16 (microsoft/Phi-3-vision-128k-instruct refs/pr/36 preprocessor_config.json, commit 44c7c8b).
 */
import { TilingError, groupInputs, type PolicyDef, type TilingOutcome } from './types.js';

export interface Phi3HdParams {
  num_crops: number;
  crop_size: number;
  tokens_per_crop: number;
}

export function phi3Hd(p: Phi3HdParams, width: number, height: number): TilingOutcome {
  const side = Math.sqrt(p.tokens_per_crop);
  if (!Number.isInteger(side)) throw new TilingError(`phi3_hd: tokens_per_crop (${p.tokens_per_crop}) must be a perfect square`);
  const c = p.crop_size;
  const transposed = width < height;
  const [long, short] = transposed ? [height, width] : [width, height];
  const ratio = long / short;
  let scale = 1;
  while (scale * Math.ceil(scale / ratio) <= p.num_crops) scale++;
  scale--;
  const newLong = Math.trunc(scale * c);
  const newShort = Math.trunc(newLong / ratio);
  if (newShort === 0)
    throw new TilingError(`phi3_hd: a ${width}x${height} image is too elongated (its short side resizes to 0 px at num_crops ${p.num_crops})`);
  const paddedShort = Math.trunc(Math.ceil(newShort / c) * c);
  const [w, h] = transposed ? [paddedShort, newLong] : [newLong, paddedShort];
  const cols = w / c;
  const rows = h / c;
  const tiles = cols * rows;
  return {
    cols,
    rows,
    tiles,
    thumbnail: true,
    resized_w: w,
    resized_h: h,
    tokens: (tiles + 1) * p.tokens_per_crop + 1 + (rows + 1) * side,
    encoder_inputs: groupInputs([{ w: c, h: c, count: tiles + 1 }]),
    extra: {
      resize_before_pad_wh: transposed ? [newShort, newLong] : [newLong, newShort],
      pixel_values_images: p.num_crops + 1,
    },
  };
}

export const phi3HdDef: PolicyDef<Phi3HdParams> = {
  description: 'Phi-3/3.5-vision HD transform: long side to 336*scale with scale*ceil(scale/ratio) <= num_crops, white-padded 336 crops + global view',
  params: {
    num_crops: { kind: 'int', min: 1 },
    crop_size: { kind: 'int', min: 1 },
    tokens_per_crop: { kind: 'int', min: 1 },
  },
  defaults: { num_crops: 4, crop_size: 336, tokens_per_crop: 144 },
  maxTilesParam: 'num_crops',
  run: phi3Hd,
};
