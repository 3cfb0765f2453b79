/**
 * idefics3 — Idefics3 / SmolVLM / SmolVLM2 image splitting.
 * 1) With do_resize, the longest edge is set to longest_edge (upscaling too), the other side to
 *    int(longest_edge / aspect), bumped to even, at least 1; then scaled under an upper bound
 *    (SmolVLM: 4096; Idefics3: 1820, which also rejects longest_edge > 1820).
 * 2) With do_image_splitting, the long side is rounded up to a multiple of max_image_size (M), the
 *    short side set to int(long / aspect) and rounded up to a multiple of M too (aspect not kept
 *    exactly); if the result exceeds M it is cut into rows x cols tiles of M x M, and a global image
 *    resized to M x M is appended. Without splitting the image is just resized to M x M.
 * 3) Every tile and the global image become image_seq_len tokens (pixel shuffle of the SigLIP
 *    patches): tokens = image_seq_len * (rows*cols + 1).
 * cols x rows = the tile grid (0 x 0 when not split); thumbnail = the global image; resized_w/h =
 * the image after step 2 (M x M when not splitting). Wrapper tokens (<fake_token_around_image>,
 * <row_r_col_c>, <global-img>, newlines) are not counted.
 * Sources: huggingface/transformers src/transformers/models/smolvlm/image_processing_smolvlm.py
 * (_resize_output_size_rescale_to_max_len, _resize_output_size_scale_below_upper_bound,
 * MAX_IMAGE_SIZE 4096, resize_for_vision_encoder, split_image, preprocess; commit
 * 00964605f206d1f8b86e63d0e9afade4762c58c0) and models/idefics3/image_processing_idefics3.py (the same
 * steps with the 1820 bound; commit 000c8eae5ab53d70bc0ee1cbe3600f78b380ed4a).
 * Defaults = SmolVLM2-256M / 500M: size.longest_edge 2048, max_image_size 512
 * (HuggingFaceTB/SmolVLM2-256M-Video-Instruct preprocessor_config.json, commit 017ae74, refs/pr/6),
 * image_seq_len 64 (processor_config.json of SmolVLM2-256M-Video-Instruct, commit e62441b, and of
 * SmolVLM2-500M-Video-Instruct, commit d52b9cd). SmolVLM2-2.2B: longest_edge 1536, max_image_size 384,
 * image_seq_len 81 (81: HuggingFaceTB/SmolVLM2-2.2B-Base processor_config.json, commit cd3ead3;
 * 1536/384: HuggingFaceTB/SmolVLM-Instruct preprocessor_config.json as duplicated at
 * alvarobartt/SmolVLM-Instruct-Handler commit 739c23c — SmolVLM2-2.2B's own file not seen).
 */
import { TilingError, groupInputs, type PolicyDef, type TilingOutcome } from './types.js';

export interface Idefics3Params {
  longest_edge: number;
  max_image_size: number;
  image_seq_len: number;
  do_resize: boolean;
  do_image_splitting: boolean;
  processor: 'smolvlm' | 'idefics3';
}

/** SmolVLM's MAX_IMAGE_SIZE and Idefics3's get_resize_output_image_size default max_image_size. */
const UPPER_BOUND = { smolvlm: 4096, idefics3: 1820 } as const;

/** _resize_output_size_rescale_to_max_len, returning [h, w]. */
function rescaleToMaxLen(height: number, width: number, maxLen: number): [number, number] {
  const aspect = width / height;
  if (width >= height) {
    width = maxLen;
    height = Math.trunc(width / aspect);
    if (height % 2 !== 0) height += 1;
  } else {
    height = maxLen;
    width = Math.trunc(height * aspect);
    if (width % 2 !== 0) width += 1;
  }
  return [Math.max(height, 1), Math.max(width, 1)];
}

/** _resize_output_size_scale_below_upper_bound, returning [h, w]. */
function scaleBelowUpperBound(height: number, width: number, maxLen: number): [number, number] {
  const aspect = width / height;
  if (width >= height && width > maxLen) {
    width = maxLen;
    height = Math.trunc(width / aspect);
  } else if (height > width && height > maxLen) {
    height = maxLen;
    width = Math.trunc(height * aspect);
  }
  return [Math.max(height, 1), Math.max(width, 1)];
}

/** resize_for_vision_encoder, returning [h, w]: both sides rounded up to multiples of m. */
function resizeForVisionEncoder(height: number, width: number, m: number): [number, number] {
  const aspect = width / height;
  if (width >= height) {
    width = Math.ceil(width / m) * m;
    height = Math.ceil(Math.trunc(width / aspect) / m) * m;
  } else {
    height = Math.ceil(height / m) * m;
    width = Math.ceil(Math.trunc(height * aspect) / m) * m;
  }
  return [height, width];
}

export function idefics3(p: Idefics3Params, width: number, height: number): TilingOutcome {
  const m = p.max_image_size;
  let h = height;
  let w = width;
  if (p.do_resize) {
    const bound = UPPER_BOUND[p.processor];
    if (p.processor === 'idefics3' && p.longest_edge > bound)
      throw new TilingError(`idefics3: longest_edge (${p.longest_edge}) cannot exceed ${bound} with the Idefics3 processor`);
    [h, w] = rescaleToMaxLen(h, w, p.longest_edge);
    [h, w] = scaleBelowUpperBound(h, w, bound);
  }
  const resizedLongestEdge = [w, h];
  let rows = 0;
  let cols = 0;
  let resized: [number, number] = [m, m];
  let frames = [{ w: m, h: m, count: 1 }];
  if (p.do_image_splitting) {
    const [h2, w2] = resizeForVisionEncoder(h, w, m);
    if (h2 === 0 || w2 === 0) throw new TilingError(`idefics3: ${width}x${height} resizes to a 0 px side`);
    resized = [w2, h2];
    if (h2 > m || w2 > m) {
      rows = Math.ceil(h2 / m);
      cols = Math.ceil(w2 / m);
      // split_image: crops of ceil(side / n) px, the last ones clipped to the image.
      const ow = Math.ceil(w2 / cols);
      const oh = Math.ceil(h2 / rows);
      const crops = [];
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) crops.push({ w: Math.min(ow, w2 - c * ow), h: Math.min(oh, h2 - r * oh), count: 1 });
      frames = [...crops, { w: m, h: m, count: 1 }];
    } else {
      frames = [{ w: w2, h: h2, count: 1 }];
    }
  }
  const tiles = rows * cols;
  return {
    cols,
    rows,
    tiles,
    thumbnail: true,
    resized_w: resized[0],
    resized_h: resized[1],
    tokens: p.image_seq_len * (tiles + 1),
    encoder_inputs: groupInputs(frames),
    extra: { longest_edge_resized_wh: resizedLongestEdge },
  };
}

export const idefics3Def: PolicyDef<Idefics3Params> = {
  description: 'Idefics3 / SmolVLM(2): longest edge to 2048, sides up to multiples of 512, 512px tiles + global image, 64 tokens each',
  params: {
    longest_edge: { kind: 'int', min: 1 },
    max_image_size: { kind: 'int', min: 1 },
    image_seq_len: { kind: 'int', min: 1 },
    do_resize: { kind: 'bool' },
    do_image_splitting: { kind: 'bool' },
    processor: { kind: 'enum', values: ['smolvlm', 'idefics3'] },
  },
  defaults: { longest_edge: 2048, max_image_size: 512, image_seq_len: 64, do_resize: true, do_image_splitting: true, processor: 'smolvlm' },
  // No tile cap: the tile count follows from longest_edge / max_image_size (4 x 4 at most by default).
  run: idefics3,
};
