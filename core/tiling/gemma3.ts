/**
 * gemma3_pan_and_scan — Gemma 3 image processing, with its optional pan-and-scan.
 * By default (do_pan_and_scan false, the processor's default) the image is resized to
 * image_size x image_size (896, aspect not kept) and becomes image_seq_length (256) soft tokens.
 * With pan-and-scan, an image whose long/short ratio is at least min_ratio_to_activate (1.2) is also
 * cut along its long side into n crops, n = floor(long/short + 0.5) capped by floor(long /
 * min_crop_size), then clamped to [2, max_num_crops]; each crop is ceil(long/n) x short px and is
 * dropped (no crops at all) if its smaller side is under min_crop_size (256). The original image and
 * every crop are each resized to image_size and each gives image_seq_length tokens:
 * tokens = 256 * (1 + crops). No other tiling: the SigLIP encoder always sees 896 x 896 images.
 * cols x rows = crops along the width x height (0 x 0 without crops); tiles = crops; thumbnail =
 * the original image (always fed); resized_w/h = image_size. Each image also gets <start_of_image>
 * and <end_of_image> and, with crops, a short text ("Here is the original image ... and here are
 * some crops to help you see better"); those are not counted.
 * Sources: huggingface/transformers src/transformers/models/gemma3/image_processing_gemma3.py
 * (pan_and_scan, preprocess; commit 06053b84c14d72e9789fbf27844a75aa89b3ded7) and
 * models/gemma3/processing_gemma3.py (Gemma3ProcessorKwargs defaults: do_pan_and_scan False,
 * min crop 256, max crops 4, min ratio 1.2; image_seq_length 256; commit
 * 0068e97099241de217856337e672013cbd2863de). image_size 896: the Gemma 3 preprocessor_config.json
 * (size 896 x 896, image_seq_length 256), seen in a copy of google/gemma-3-4b-it
 * (huggingface.co/Synthetica-AI/gemma-3-4b-it, commit 09fcf0f); ai.google.dev/gemma/docs/capabilities/vision
 * ("Gemma 3: (4B and higher) 896x896 resolution, with pan and scan options").
 */
import { TilingError, groupInputs, type PolicyDef, type TilingOutcome } from './types.js';

export interface Gemma3Params {
  do_pan_and_scan: boolean;
  pan_and_scan_min_crop_size: number;
  pan_and_scan_max_num_crops: number;
  pan_and_scan_min_ratio_to_activate: number;
  image_size: number;
  image_seq_length: number;
}

/** pan_and_scan: [cols, rows, crop_w, crop_h], or undefined when no crops are made. */
function panAndScan(p: Gemma3Params, width: number, height: number): [number, number, number, number] | undefined {
  const minCrop = p.pan_and_scan_min_crop_size;
  const clamp = (n: number) => Math.min(p.pan_and_scan_max_num_crops, Math.max(2, n));
  let cols = 1;
  let rows = 1;
  if (width >= height) {
    if (width / height < p.pan_and_scan_min_ratio_to_activate) return undefined;
    cols = clamp(Math.min(Math.floor(width / minCrop), Math.floor(width / height + 0.5)));
  } else {
    if (height / width < p.pan_and_scan_min_ratio_to_activate) return undefined;
    rows = clamp(Math.min(Math.floor(height / minCrop), Math.floor(height / width + 0.5)));
  }
  const cropW = Math.ceil(width / cols);
  const cropH = Math.ceil(height / rows);
  if (Math.min(cropW, cropH) < minCrop) return undefined;
  return [cols, rows, cropW, cropH];
}

export function gemma3(p: Gemma3Params, width: number, height: number): TilingOutcome {
  const crops = p.do_pan_and_scan ? panAndScan(p, width, height) : undefined;
  const [cols, rows] = crops ?? [0, 0];
  const tiles = cols * rows;
  // The last crop of a row can be narrower than crop_w; it is resized to image_size all the same.
  if (crops && (cols - 1) * crops[2] >= width) throw new TilingError(`gemma3_pan_and_scan: an empty crop for ${width}x${height}`);
  return {
    cols,
    rows,
    tiles,
    thumbnail: true,
    resized_w: p.image_size,
    resized_h: p.image_size,
    tokens: p.image_seq_length * (1 + tiles),
    encoder_inputs: groupInputs([{ w: p.image_size, h: p.image_size, count: 1 + tiles }]),
    extra: { crop_wh: crops ? [crops[2], crops[3]] : null },
  };
}

export const gemma3Def: PolicyDef<Gemma3Params> = {
  description: 'Gemma 3: one 896x896 image, 256 tokens; pan-and-scan (off by default) adds 2..4 crops along the long side, 256 tokens each',
  params: {
    do_pan_and_scan: { kind: 'bool' },
    pan_and_scan_min_crop_size: { kind: 'int', min: 1 },
    pan_and_scan_max_num_crops: { kind: 'int', min: 1 },
    pan_and_scan_min_ratio_to_activate: { kind: 'number', min: 0 },
    image_size: { kind: 'int', min: 1 },
    image_seq_length: { kind: 'int', min: 1 },
  },
  defaults: {
    do_pan_and_scan: false,
    pan_and_scan_min_crop_size: 256,
    pan_and_scan_max_num_crops: 4,
    pan_and_scan_min_ratio_to_activate: 1.2,
    image_size: 896,
    image_seq_length: 256,
  },
  // No tile cap mapped: pan_and_scan_max_num_crops only acts with do_pan_and_scan, off by default,
  // so mapping --max-tiles onto it would silently do nothing.
  run: gemma3,
};
