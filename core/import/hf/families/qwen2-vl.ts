import type { Fields } from '../fields.js';
import { importLlm, languageModelName } from '../llm.js';
import type { Parts } from './parts.js';

/** Qwen2-VL: native-resolution ViT with 2-D rotary positions, 2x2 merger MLP, Qwen2 LLM fields at the top level. */
export function importQwen2Vl(f: Fields): Parts {
  const vf = f.sub('vision_config');
  const dv = vf.int('embed_dim');
  const merge = vf.int('spatial_merge_size');
  const patch = vf.int('patch_size');
  const llm = importLlm(f, 'qwen2', languageModelName(f));
  return {
    vision: {
      name: `Qwen2-VL ViT ${vf.int('depth')}L/${dv}`,
      // No fixed input size: smart_resize picks it per image (qwen2_vl policy). 448 is a nominal tile
      // for per-tile estimates only; positions are rotary, so it adds no weights.
      image_size: 448,
      patch_size: patch,
      layers: vf.int('depth'),
      hidden: dv,
      heads: vf.int('num_heads'),
      intermediate: Math.round(dv * vf.num('mlp_ratio')),
      mlp: 'plain',
      cls_token: false,
      position_embedding: 'rope',
    },
    compression: { type: 'concat_merge', window: merge, pad_to_multiple: false, fuse_linear: false },
    // PatchMerger: LayerNorm(dv) -> Linear(dv·m², dv·m²) -> GELU -> Linear(dv·m², d)
    projector: { dims: [dv * merge * merge, dv * merge * merge, llm.hidden as number] },
    llm,
    tiling: {
      policy: 'qwen2_vl',
      // qwen-vl-utils defaults (min 4·28², max 16384·28²); factor = patch · merge.
      params: { min_pixels: 3136, max_pixels: 12845056, factor: patch * merge, patch_size: patch, merge_size: merge },
    },
    notes: ['vision.image_size is nominal: Qwen2-VL encodes each image at its own (smart_resize) resolution'],
  };
}
