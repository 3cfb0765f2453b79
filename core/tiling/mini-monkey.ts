/**
 * mini_monkey_demo / mini_monkey_eval_default — Mini-Monkey multi-scale adaptive cropping (MSAC).
 * Detailed layer: the InternVL grid search over detail_min..detail_max gives D = (dc, dr).
 * Adaptive layer: InternVL's candidates for adaptive_min..adaptive_max minus the grids "aligned"
 * with D, then the same search (an emptied list yields InternVL's (1,1) default). The demo drops a
 * candidate only if it divides D on both axes; the training/eval dataset code drops it if it
 * divides either. Images fed to the ViT: D's tiles, the adaptive tiles, and one 448 thumbnail of
 * the adaptive layer (a 1x1 adaptive layer is itself the whole-image view), 256 tokens each.
 * SCM (demo only, reported in extra) drops half of the first dc*dr*256 image tokens plus one.
 * Source: Yuliang-Liu/Monkey snapshot 498e1d92baffad55ced3f661ecaa9c4c53b400c6,
 * project/mini_monkey/demo.py, project/mini_monkey/internvl/train/dataset.py, eval/vqa/evaluate_vqa.py,
 * internvl/model/internvl_chat/modeling_minimonkey_chat.py.
 */
import { findClosestAspectRatio, internvlCandidates, type Grid } from './aspect.js';
import { INTERNVL_WRAPPER_TOKENS, checkRange } from './internvl.js';
import { groupInputs, type PolicyDef, type TilingOutcome } from './types.js';

export interface MiniMonkeyParams {
  detail_min: number;
  detail_max: number;
  adaptive_min: number;
  adaptive_max: number;
  exclusion_rule: 'drop_if_both_divide' | 'drop_if_either_divides';
  image_size: number;
  tokens_per_tile: number;
  scm_keep_ratio: number;
}

/** Is the adaptive grid kept, given the detailed grid? (the two filters of the reference code) */
function keepsAdaptive(rule: MiniMonkeyParams['exclusion_rule'], [dc, dr]: Grid, [c, r]: Grid): boolean {
  const colDivides = dc % c === 0;
  const rowDivides = dr % r === 0;
  return rule === 'drop_if_both_divide' ? !(colDivides && rowDivides) : !(colDivides || rowDivides);
}

export function miniMonkey(p: MiniMonkeyParams, width: number, height: number, demoOrder: boolean): TilingOutcome {
  checkRange('detail_min', p.detail_min, 'detail_max', p.detail_max);
  checkRange('adaptive_min', p.adaptive_min, 'adaptive_max', p.adaptive_max);
  const detail = findClosestAspectRatio(internvlCandidates(p.detail_min, p.detail_max), width, height, p.image_size);
  const adaptiveCandidates = internvlCandidates(p.adaptive_min, p.adaptive_max).filter((g) => keepsAdaptive(p.exclusion_rule, detail, g));
  const adaptive = findClosestAspectRatio(adaptiveCandidates, width, height, p.image_size);
  const [dc, dr] = detail;
  const detailTiles = dc * dr;
  const adaptiveTiles = adaptive[0] * adaptive[1];

  // The adaptive layer is built with use_thumbnail=True: its tiles plus a thumbnail when tiled, or
  // the single whole image when 1x1; either way it ends in one whole-image 448 view.
  const adaptiveLocal = adaptiveTiles > 1 ? adaptiveTiles : 0;
  // Demo: torch.cat([adaptive[:-1], detail[:-1], adaptive[-1:]]), the detailed layer also built with
  // a thumbnail, so [:-1] drops exactly that thumbnail — or its only tile when D is 1x1.
  // Eval: the detailed layer has use_thumbnail False, so all its tiles are kept.
  const detailFed = demoOrder && detailTiles === 1 ? 0 : detailTiles;
  const vitImages = detailFed + adaptiveLocal + 1;
  const tokens = p.tokens_per_tile * vitImages;
  // SCM keeps the top keep_ratio of the H = dc*dr*256 tokens and (index quirk) drops one more.
  const scmSpan = detailTiles * p.tokens_per_tile;
  const tokensWithScm = tokens - (scmSpan - Math.trunc(scmSpan * p.scm_keep_ratio)) - 1;
  const s = p.image_size;
  return {
    cols: dc,
    rows: dr,
    tiles: detailTiles,
    thumbnail: true,
    resized_w: s * dc,
    resized_h: s * dr,
    tokens,
    encoder_inputs: groupInputs([{ w: s, h: s, count: vitImages }]),
    extra: {
      adaptive_cols: adaptive[0],
      adaptive_rows: adaptive[1],
      adaptive_tiles: adaptiveTiles,
      adaptive_fallback: adaptiveCandidates.length === 0,
      vit_images: vitImages,
      tokens_with_scm: tokensWithScm,
      llm_tokens_incl_wrappers: tokens + INTERNVL_WRAPPER_TOKENS,
    },
  };
}

const miniMonkeyParamKinds = {
  detail_min: { kind: 'int', min: 1 },
  detail_max: { kind: 'int', min: 1 },
  adaptive_min: { kind: 'int', min: 1 },
  adaptive_max: { kind: 'int', min: 1 },
  exclusion_rule: { kind: 'enum', values: ['drop_if_both_divide', 'drop_if_either_divides'] },
  image_size: { kind: 'int', min: 1 },
  tokens_per_tile: { kind: 'int', min: 1 },
  scm_keep_ratio: { kind: 'number', min: 0, max: 1, minExclusive: true },
} as const;

export const miniMonkeyDemoDef: PolicyDef<MiniMonkeyParams> = {
  description: 'Mini-Monkey demo.py: detailed InternVL layer 4..12 + adaptive layer 3..7 (drop grids dividing it on both axes) + thumbnail',
  params: miniMonkeyParamKinds,
  defaults: {
    detail_min: 4,
    detail_max: 12,
    adaptive_min: 3,
    adaptive_max: 7,
    exclusion_rule: 'drop_if_both_divide',
    image_size: 448,
    tokens_per_tile: 256,
    scm_keep_ratio: 0.5,
  },
  // The detailed layer's max caps its tiles; the adaptive layer adds at most adaptive_max + 1 more.
  maxTilesParam: 'detail_max',
  run: (p, w, h) => miniMonkey(p, w, h, true),
};

export const miniMonkeyEvalDefaultDef: PolicyDef<MiniMonkeyParams> = {
  description: 'Mini-Monkey eval scripts (default dataset): detailed layer 12..23 + adaptive 3..7 (drop grids dividing it on either axis)',
  params: miniMonkeyParamKinds,
  defaults: { ...miniMonkeyDemoDef.defaults, detail_min: 12, detail_max: 23, exclusion_rule: 'drop_if_either_divides' },
  maxTilesParam: 'detail_max',
  run: (p, w, h) => miniMonkey(p, w, h, false),
};
