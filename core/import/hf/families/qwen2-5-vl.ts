import type { Fields } from '../fields.js';
import { importLlm, languageModelName } from '../llm.js';
import type { Parts } from './parts.js';

/**
 * Qwen2_5_VLVisionConfig defaults (transformers models/qwen2_5_vl/configuration_qwen2_5_vl.py): the
 * 7B and larger checkpoints save a short vision_config that leaves these out.
 */
const VISION_DEFAULTS = { depth: 32, intermediate_size: 3420, num_heads: 16, patch_size: 14, spatial_merge_size: 2, window_size: 112, fullatt_block_indexes: [7, 15, 23, 31] };

/**
 * Qwen2.5-VL: the Qwen2-VL ViT with a gated (SiLU) MLP, RMSNorm and windowed attention: every layer
 * but fullatt_block_indexes attends within window_size px windows (112 px / 14 px = 8 x 8 = 64
 * patches); 2x2 merger MLP; Qwen2.5 LLM fields at the top level.
 */
export function importQwen25Vl(f: Fields): Parts {
  const vf = f.sub('vision_config', VISION_DEFAULTS);
  const dv = vf.int('hidden_size');
  const merge = vf.int('spatial_merge_size');
  const patch = vf.int('patch_size');
  const windowPx = vf.int('window_size');
  const full = vf.obj.fullatt_block_indexes ?? VISION_DEFAULTS.fullatt_block_indexes;
  if (!Array.isArray(full) || !full.every((i) => Number.isInteger(i) && i >= 0)) vf.fail('fullatt_block_indexes', 'expected a list of layer indexes');
  const llm = importLlm(f, 'qwen2', languageModelName(f));
  const notes = ['vision.image_size is nominal: Qwen2.5-VL encodes each image at its own (smart_resize) resolution'];
  if (vf.filled.length) notes.push(`filled from transformers Qwen2_5_VLVisionConfig defaults: ${vf.filled.join(', ')}`);
  return {
    vision: {
      name: `Qwen2.5-VL ViT ${vf.int('depth')}L/${dv}`,
      image_size: 448,
      patch_size: patch,
      layers: vf.int('depth'),
      hidden: dv,
      heads: vf.int('num_heads'),
      intermediate: vf.int('intermediate_size'),
      mlp: 'gated',
      cls_token: false,
      position_embedding: 'rope',
      attention_window: { tokens: (windowPx / patch) ** 2, full_layers: full },
    },
    compression: { type: 'concat_merge', window: merge, pad_to_multiple: false, fuse_linear: false },
    // Qwen2_5_VLPatchMerger: RMSNorm(dv) -> Linear(dv·m², dv·m²) -> GELU -> Linear(dv·m², out_hidden_size)
    projector: { dims: [dv * merge * merge, dv * merge * merge, llm.hidden as number] },
    llm,
    tiling: {
      policy: 'qwen2_5_vl',
      // preprocessor_config.json of Qwen2.5-VL-3B-Instruct: min_pixels 3136, max_pixels 12845056 (= 4·28², 16384·28²).
      params: { min_pixels: 3136, max_pixels: 12845056, factor: patch * merge, patch_size: patch, merge_size: merge },
    },
    notes,
  };
}
