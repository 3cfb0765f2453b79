/**
 * ixc2_4khd — InternLM-XComposer2-4KHD `HD_transform`.
 * Work in landscape (transpose portrait images). With ratio = long/short, take the largest scale with
 * scale * ceil(scale / ratio) <= hd_num; resize so the long side is 336*scale (upscaling allowed: the
 * size depends only on aspect and hd_num), pad the short side with white to a multiple of 336, and
 * cut into 336px patches. A global view (whole padded image at 336) is added. Each 336 patch is 144
 * tokens after the 2x2 merge; a newline token ends each of the 12 token rows of every patch row and
 * of the global view, and one separator sits between global and local views:
 * tokens = (cols*rows + 1)*144 + 1 + (rows + 1)*12.
 * Source: InternLM/InternLM-XComposer InternLM-XComposer-2.0/finetune/ixc_utils.py (file commit
 * 72abe4fda1cef7d3dcd528eca9b0eda3315569b5); token layout from build_mlp.py of the
 * internlm-xcomposer2-4khd-7b model files.
 */
import { TilingError, groupInputs, type PolicyDef, type TilingOutcome } from './types.js';

export interface Ixc4khdParams {
  hd_num: number;
  patch: number;
  tokens_per_patch: number;
  newline_per_row: boolean;
  global_view: boolean;
}

export function ixc2Hd(p: Ixc4khdParams, width: number, height: number): TilingOutcome {
  const transposed = width < height;
  const [long, short] = transposed ? [height, width] : [width, height];
  const ratio = long / short;
  let scale = 1;
  while (scale * Math.ceil(scale / ratio) <= p.hd_num) scale++;
  scale--; // >= 1: scale 1 always fits since ratio >= 1 and hd_num >= 1
  const newLong = scale * p.patch;
  const newShort = Math.trunc(newLong / ratio);
  if (newShort === 0)
    throw new TilingError(`ixc2_4khd: a ${width}x${height} image is too elongated (its short side resizes to 0 px at hd_num ${p.hd_num})`);
  const paddedShort = Math.ceil(newShort / p.patch) * p.patch;
  const [finalW, finalH] = transposed ? [paddedShort, newLong] : [newLong, paddedShort];
  const cols = finalW / p.patch;
  const rows = finalH / p.patch;
  const tiles = cols * rows;

  // Newlines: one per token row, i.e. sqrt(tokens_per_patch) per patch row (12 for 144).
  const tokenSide = Math.sqrt(p.tokens_per_patch);
  if (p.newline_per_row && !Number.isInteger(tokenSide))
    throw new TilingError(`tokens_per_patch (${p.tokens_per_patch}) must be a perfect square when newline_per_row is true`);
  const rowNewlines = p.newline_per_row ? tokenSide : 0;
  const local = tiles * p.tokens_per_patch + rows * rowNewlines;
  const global = p.global_view ? p.tokens_per_patch + rowNewlines + 1 /* separator (glb_GN) */ : 0;
  return {
    cols,
    rows,
    tiles,
    thumbnail: p.global_view,
    resized_w: finalW,
    resized_h: finalH,
    tokens: local + global,
    encoder_inputs: groupInputs([{ w: p.patch, h: p.patch, count: tiles + (p.global_view ? 1 : 0) }]),
    extra: {
      resize_before_pad_wh: transposed ? [newShort, newLong] : [newLong, newShort],
      newline_tokens: (rows + (p.global_view ? 1 : 0)) * rowNewlines,
      separator_tokens: p.global_view ? 1 : 0,
    },
  };
}

export const ixc2HdDef: PolicyDef<Ixc4khdParams> = {
  description: 'InternLM-XComposer2-4KHD: long side to 336*scale with scale*ceil(scale/ratio) <= hd_num, white-padded 336 patches + global view',
  params: {
    hd_num: { kind: 'int', min: 1 },
    patch: { kind: 'int', min: 1 },
    tokens_per_patch: { kind: 'int', min: 1 },
    newline_per_row: { kind: 'bool' },
    global_view: { kind: 'bool' },
  },
  // hd_num 25: the paper's general inference setting (HD-25 pretraining, "dynamic up to HD-25" in
  // SFT); the README's 4K OCR examples use 55, which a scenario can set explicitly.
  defaults: { hd_num: 25, patch: 336, tokens_per_patch: 144, newline_per_row: true, global_view: true },
  maxTilesParam: 'hd_num',
  run: ixc2Hd,
};
