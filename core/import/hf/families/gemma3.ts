import type { Fields } from '../fields.js';
import { importLlm, TEXT_CLASS_DEFAULTS } from '../llm.js';
import { importVision } from '../vision.js';
import type { Parts } from './parts.js';

/**
 * Gemma 3 (gemma3, 4B-27B): a SigLIP tower at 896 px (64 x 64 patches), average-pooled 4 x 4 to
 * mm_tokens_per_image = 256 tokens, an RMSNorm and one projection matrix to the LLM width
 * (Gemma3MultiModalProjector, transformers models/gemma3/modeling_gemma3.py), and a Gemma 3 text
 * model in text_config (saved as a diff against Gemma3TextConfig's defaults).
 */
export function importGemma3(f: Fields): Parts {
  const tf = f.sub('text_config', TEXT_CLASS_DEFAULTS.gemma3_text);
  const llm = importLlm(tf, 'gemma3_text', tf.label() ?? `language model of ${f.label() ?? 'Gemma 3'}`);
  const vision = importVision(f.sub('vision_config'));
  const grid = Math.floor((vision.image_size as number) / (vision.patch_size as number));
  const tokens = f.int('mm_tokens_per_image');
  const side = Math.round(Math.sqrt(tokens));
  if (side * side !== tokens || grid % side !== 0) f.fail('mm_tokens_per_image', `expected a square that divides the ${grid}x${grid} patch grid, found ${tokens}`);
  const notes = tf.filled.length ? [`filled from transformers Gemma3TextConfig defaults: ${tf.filled.join(', ')}`] : [];
  return {
    vision,
    compression: { type: 'avg_pool', window: grid / side },
    projector: { dims: [vision.hidden as number, llm.hidden as number] },
    llm,
    tiling: {
      policy: 'gemma3_pan_and_scan',
      // Gemma3ProcessorKwargs: pan-and-scan off by default; one image_size px image, mm_tokens_per_image tokens.
      params: { image_size: vision.image_size, image_seq_length: tokens },
    },
    notes,
  };
}
