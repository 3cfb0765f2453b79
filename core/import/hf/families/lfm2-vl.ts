import type { Fields } from '../fields.js';
import { importLlm } from '../llm.js';
import { importVision } from '../vision.js';
import type { Parts } from './parts.js';

/**
 * LFM2-VL (lfm2_vl), transformers Lfm2VlConfig: a SigLIP2 NaFlex tower (vision_config), a pixel
 * unshuffle of downsample_factor, an MLP (LayerNorm, Linear to projector_hidden_size, GELU, Linear
 * to the text width), and an LFM2 text_config (hybrid convolution + attention). Tiling: the
 * lfm2_vl policy (512 px tiles, NaFlex patches).
 */
export function importLfm2Vl(f: Fields): Parts {
  const tf = f.sub('text_config');
  const llm = importLlm(tf, 'lfm2', tf.label() ?? `language model of ${f.label() ?? 'LFM2-VL'}`);
  if (f.has('tie_word_embeddings')) llm.tied_embeddings = f.bool('tie_word_embeddings', true);
  const vision = importVision(f.sub('vision_config'), 'siglip2_vision_model');
  const k = f.optInt('downsample_factor') ?? 2;
  const hiddenProj = f.optInt('projector_hidden_size') ?? 2560;
  return {
    vision,
    compression: { type: 'concat_merge', window: k, pad_to_multiple: false, fuse_linear: false },
    projector: { dims: [(vision.hidden as number) * k * k, hiddenProj, llm.hidden as number] },
    llm,
    tiling: { policy: 'lfm2_vl', params: {} },
    notes: ['vision.image_size is nominal (the NaFlex position grid); the lfm2_vl policy sizes each tile'],
  };
}
