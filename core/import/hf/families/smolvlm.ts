import type { Fields } from '../fields.js';
import { importLlm, llmFamily } from '../llm.js';
import { importVision } from '../vision.js';
import type { Parts } from './parts.js';

/**
 * SmolVLM / SmolVLM2 (smolvlm) and Idefics3 (idefics3), transformers SmolVLMConfig / Idefics3Config:
 * a SigLIP tower (vision_config), a pixel shuffle of scale_factor (each s x s block of patch tokens
 * concatenated), one linear layer without bias into the text model (SmolVLMSimpleMLP), and a
 * Llama-style text_config. Tiling: the Idefics3 image splitting, tiles of the tower's image_size,
 * a longest edge of 4 tiles (the processors' defaults: 2048 at 512 px, 1536 at 384 px), and
 * (image_size / patch)² / scale² tokens per tile.
 */
export function importSmolVlm(f: Fields): Parts {
  const tf = f.sub('text_config');
  const llm = importLlm(tf, llmFamily(tf), tf.label() ?? `language model of ${f.label() ?? 'SmolVLM'}`);
  if (f.has('tie_word_embeddings')) llm.tied_embeddings = f.bool('tie_word_embeddings', false);
  const vf = f.sub('vision_config');
  const vision = importVision(vf, 'siglip_vision_model');
  const scale = f.optInt('scale_factor') ?? 2;
  const size = vision.image_size as number;
  const patch = vision.patch_size as number;
  const processor = f.str('model_type') === 'idefics3' ? 'idefics3' : 'smolvlm';
  return {
    vision: { ...vision, name: `SigLIP ${vision.layers}L/${vision.hidden} (${processor === 'smolvlm' ? 'SmolVLM' : 'Idefics3'})` },
    compression: { type: 'concat_merge', window: scale, pad_to_multiple: false, fuse_linear: false },
    projector: { dims: [(vision.hidden as number) * scale * scale, llm.hidden as number] },
    llm,
    tiling: {
      policy: 'idefics3',
      params: { longest_edge: 4 * size, max_image_size: size, image_seq_len: Math.floor(Math.floor(size / patch) ** 2 / (scale * scale)), do_resize: true, do_image_splitting: true, processor },
    },
    notes: ['tiling: longest_edge is taken as 4 tiles (the SmolVLM processors\' default); a checkpoint\'s processor_config.json may say otherwise'],
  };
}
