import type { Fields } from '../fields.js';
import { importLlm } from '../llm.js';
import type { Parts } from './parts.js';

/**
 * Gemma 4 E2B/E4B (gemma4): a 16-layer ViT with 16 px patches, gated MLPs and a 2 x
 * position_embedding_size position table (one for x, one for y), its patches average-pooled
 * pooling_kernel_size² into soft tokens; an RMSNorm and one projection to the text model
 * (Gemma4MultimodalEmbedder); the text model with Gemma 4's layers (architecture.ts). The audio
 * tower is not modelled (image and text requests do not run it). Shapes: transformers
 * modeling_gemma4.py, see test/fixtures/hf/gemma4-architecture.md.
 */
export function importGemma4(f: Fields): Parts {
  const tf = f.sub('text_config');
  const vf = f.sub('vision_config');
  const llm = importLlm(tf, 'gemma4_text', tf.label() ?? `language model of ${f.label() ?? 'Gemma 4'}`);
  const pool = vf.int('pooling_kernel_size');
  const patch = vf.int('patch_size');
  const budget = f.int('vision_soft_tokens_per_image');
  return {
    vision: {
      name: `Gemma 4 ViT ${vf.int('num_hidden_layers')}L/${vf.int('hidden_size')}`,
      // Nominal: the padded frame the encoder runs at the default budget is 960 x 672 (gemma4 policy).
      image_size: 960,
      patch_size: patch,
      layers: vf.int('num_hidden_layers'),
      hidden: vf.int('hidden_size'),
      heads: vf.int('num_attention_heads'),
      intermediate: vf.int('intermediate_size'),
      mlp: 'gated',
      cls_token: false,
      position_embedding: 'learned',
      position_entries: 2 * vf.int('position_embedding_size'),
    },
    compression: { type: 'avg_pool', window: pool },
    projector: { dims: [vf.int('hidden_size'), llm.hidden as number] },
    llm,
    tiling: { policy: 'gemma4', params: { max_soft_tokens: budget, patch_size: patch, pooling_kernel_size: pool, pad_to_budget: true } },
    notes: ['the audio tower is not modelled; vision.image_size is nominal (the gemma4 policy sizes each image)'],
  };
}
