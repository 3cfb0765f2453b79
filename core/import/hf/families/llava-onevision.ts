import type { Fields } from '../fields.js';
import { importLlm, llmFamily } from '../llm.js';
import { importVision } from '../vision.js';
import type { Parts } from './parts.js';

/**
 * LLaVA-OneVision (llava_onevision), transformers LlavaOnevisionConfig: a SigLIP tower (vision_config;
 * the converted checkpoints already drop its last layer: 26 of 27), a 2-layer GELU MLP, a Qwen2
 * text_config; anyres_max_9 tiling over image_grid_pinpoints (384 px crops, 729 tokens each).
 */
export function importLlavaOnevision(f: Fields): Parts {
  const tf = f.sub('text_config');
  const llm = importLlm(tf, llmFamily(tf), tf.label() ?? `language model of ${f.label() ?? 'LLaVA-OneVision'}`);
  if (f.has('tie_word_embeddings')) llm.tied_embeddings = f.bool('tie_word_embeddings', false);
  const vision = importVision(f.sub('vision_config'), 'siglip_vision_model');
  const aspect = f.optStr('vision_aspect_ratio') ?? 'anyres_max_9';
  const m = /^anyres_max_(\d+)$/.exec(aspect);
  if (!m) f.fail('vision_aspect_ratio', `unsupported '${aspect}'; expected anyres_max_<n>`);
  const pinpoints = f.obj.image_grid_pinpoints;
  return {
    vision,
    compression: { type: 'none' },
    projector: { dims: [vision.hidden as number, llm.hidden as number, llm.hidden as number] },
    llm,
    tiling: {
      policy: 'llava_onevision',
      params: {
        ...(Array.isArray(pinpoints) ? { grid_pinpoints: pinpoints } : {}),
        crop_size: vision.image_size,
        patch_size: vision.patch_size,
        max_num_patches: Number(m[1]),
      },
    },
    notes: [],
  };
}
