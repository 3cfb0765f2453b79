import { unsupported, type Fields } from '../fields.js';
import { importLlm, languageModelName } from '../llm.js';
import { KNOWN_VISION_TOWERS } from '../vision.js';
import type { Parts } from './parts.js';

/** Phi-3/3.5-vision (phi3_v): CLIP-L/14-336 named in img_processor, 2x2 merge, 2-layer MLP, Phi-3 LLM at the top level. */
export function importPhi3V(f: Fields): Parts {
  const ip = f.sub('img_processor');
  const towerName = ip.str('model_name');
  const vision = KNOWN_VISION_TOWERS[towerName] ?? unsupported(ip, 'model_name', towerName, Object.keys(KNOWN_VISION_TOWERS));
  const dimOut = ip.int('image_dim_out');
  if (dimOut !== vision.hidden) ip.fail('image_dim_out', `expected ${vision.hidden} for ${towerName}, found ${dimOut}`);
  const llm = importLlm(f, 'phi3', languageModelName(f));
  return {
    vision: { ...vision },
    // HD transform: 24x24 CLIP features per crop, 2x2 neighbours concatenated -> 12x12 tokens of 4·dv.
    compression: { type: 'concat_merge', window: 2, pad_to_multiple: false, fuse_linear: false },
    // img_projection: Linear(4·dv, d) -> GELU -> Linear(d, d)
    projector: { dims: [4 * dimOut, llm.hidden, llm.hidden] },
    llm,
    tiling: {
      policy: 'phi3_hd',
      // Phi-3-V's own HD_transform; num_crops 16, as the model card recommends for single images
      // (the processor's preprocessor_config.json default is 4).
      params: { num_crops: 16, crop_size: vision.image_size, tokens_per_crop: 144 },
    },
    notes: ['tiling: num_crops 16 (model card, single images); the processor default is 4'],
  };
}
