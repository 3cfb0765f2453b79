/**
 * internvl3 — InternVL3 / InternVL3.5 `dynamic_preprocess`: the InternVL 1.5-2.5 algorithm
 * (internvl.ts) unchanged, 448 px tiles (InternViT, pixel shuffle 0.5: 256 tokens per tile),
 * thumbnail when tiled, closest-ratio grid of min_num..max_num tiles (ties: aspect.ts).
 * Default max_num 12: InternVL3's and InternVL3.5's fine-tuning scripts (--max_dynamic_patch 12,
 * --force_image_size 448, --down_sample_ratio 0.5, --use_thumbnail True), the limit the models were
 * trained with; README.md's chat example also calls load_image(..., max_num=12).
 * (InternVL3.5's "Flash" variants, with a visual resolution router that can compress a tile to 64
 * tokens, are not modelled.)
 * Sources: OpenGVLab/InternVL internvl_chat_gpt_oss/internvl/train/dataset.py (dynamic_preprocess,
 * find_closest_aspect_ratio), internvl_chat/shell/internvl3.0/2nd_finetune/
 * internvl3_2b_dynamic_res_2nd_finetune_full.sh, internvl_chat_gpt_oss/shell/internvl3_5_qwen3/
 * internvl3_5_2b_sft.sh, internvl_chat_gpt_oss/internvl/model/internvl_chat/modeling_internvl_chat.py
 * (num_image_token, <img> + IMG_CONTEXT * num_image_token * num_patches + </img>); snapshot
 * 2410d1dbf208f0e799459aff9376e5747dbf41a2.
 */
import { internvlDynamic, internvlDynamicDef, type InternvlParams } from './internvl.js';
import type { PolicyDef } from './types.js';

export const internvl3Def: PolicyDef<InternvlParams> = {
  description: 'InternVL3/3.5: closest-ratio grid of 448px tiles (1..12) + 448 thumbnail, 256 tokens each',
  params: internvlDynamicDef.params,
  defaults: { min_num: 1, max_num: 12, image_size: 448, use_thumbnail: true, tokens_per_tile: 256 },
  maxTilesParam: 'max_num',
  run: internvlDynamic,
};
