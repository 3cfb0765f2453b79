/**
 * internvl_dynamic — InternVL 1.5 / 2 / 2.5 `dynamic_preprocess`.
 * Pick the grid (cols x rows, min_num <= cols*rows <= max_num) whose ratio is closest to W/H (ties:
 * see aspect.ts), resize the image to (448*cols, 448*rows) without keeping aspect (upscaling allowed,
 * a 200x150 image gets 4x3 tiles at max_num 12), cut it into 448px tiles and, when there is more than
 * one tile and use_thumbnail, append the whole image at 448x448. Each 448 image is 1024 ViT patches,
 * pixel-shuffled to 256 tokens; the LLM also sees <img> and </img>.
 * Source: OpenGVLab/InternVL internvl_chat/internvl/train/dataset.py and
 * internvl_chat/internvl/model/internvl_chat/modeling_internvl_chat.py,
 * snapshot 2410d1dbf208f0e799459aff9376e5747dbf41a2.
 */
import { findClosestAspectRatio, internvlCandidates } from './aspect.js';
import { TilingError, groupInputs, type PolicyDef } from './types.js';

export interface InternvlParams {
  min_num: number;
  max_num: number;
  image_size: number;
  use_thumbnail: boolean;
  tokens_per_tile: number;
}

/** The tokens wrapping an InternVL image in the LLM sequence: <img> and </img>. */
export const INTERNVL_WRAPPER_TOKENS = 2;

export function checkRange(minName: string, min: number, maxName: string, max: number): void {
  if (min > max) throw new TilingError(`${minName} (${min}) must not exceed ${maxName} (${max})`);
}

export function internvlDynamic(p: InternvlParams, width: number, height: number) {
  checkRange('min_num', p.min_num, 'max_num', p.max_num);
  const [cols, rows] = findClosestAspectRatio(internvlCandidates(p.min_num, p.max_num), width, height, p.image_size);
  const tiles = cols * rows;
  const thumbnail = p.use_thumbnail && tiles !== 1;
  const tokens = p.tokens_per_tile * (tiles + (thumbnail ? 1 : 0));
  return {
    cols,
    rows,
    tiles,
    thumbnail,
    resized_w: p.image_size * cols,
    resized_h: p.image_size * rows,
    tokens,
    encoder_inputs: groupInputs([{ w: p.image_size, h: p.image_size, count: tiles + (thumbnail ? 1 : 0) }]),
    extra: { llm_tokens_incl_wrappers: tokens + INTERNVL_WRAPPER_TOKENS },
  };
}

export const internvlDynamicDef: PolicyDef<InternvlParams> = {
  description: 'InternVL 1.5/2/2.5: closest-ratio grid of 448px tiles (min_num..max_num) + 448 thumbnail, 256 tokens each',
  params: {
    min_num: { kind: 'int', min: 1 },
    max_num: { kind: 'int', min: 1 },
    image_size: { kind: 'int', min: 1 },
    use_thumbnail: { kind: 'bool' },
    tokens_per_tile: { kind: 'int', min: 1 },
  },
  // max_num 12: what InternVL's chat/README inference examples pass (the function default is 6).
  defaults: { min_num: 1, max_num: 12, image_size: 448, use_thumbnail: true, tokens_per_tile: 256 },
  maxTilesParam: 'max_num',
  run: internvlDynamic,
};
