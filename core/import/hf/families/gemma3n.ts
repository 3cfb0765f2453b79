import type { Fields } from '../fields.js';
import { importLlm } from '../llm.js';
import { stagedEncoderRef } from '../vision.js';
import type { Parts } from './parts.js';

/**
 * Gemma 3n (gemma3n): a MobileNet-V5 encoder named by vision_config.architecture (a shipped staged
 * encoder, models/encoders/), whose 16 x 16 output is already the vision_soft_tokens_per_image
 * tokens; Gemma3nMultimodalEmbedder projects them with one matrix (vision hidden -> text hidden,
 * between RMSNorms); the text model (text_config) has per-layer embeddings, shared KV, AltUp and
 * LAuReL (architecture.ts). The audio tower (audio_config) is not modelled: image and text
 * requests do not run it, and its weights are left out of the count.
 */
export function importGemma3n(f: Fields): Parts {
  const tf = f.sub('text_config');
  const vf = f.sub('vision_config');
  const llm = importLlm(tf, 'gemma3n_text', tf.label() ?? `language model of ${f.label() ?? 'Gemma 3n'}`);
  const encoder = stagedEncoderRef(vf, vf.str('architecture'));
  const tokens = f.int('vision_soft_tokens_per_image');
  return {
    vision: encoder,
    compression: { type: 'none' },
    projector: { dims: [vf.int('hidden_size'), llm.hidden as number] },
    llm,
    tiling: { policy: 'gemma3n_fixed', params: { image_size: 768, image_seq_length: tokens } },
    notes: [`vision: the shipped ${encoder} encoder (vision_config.architecture ${vf.str('architecture')}); the audio tower is not modelled`],
  };
}
