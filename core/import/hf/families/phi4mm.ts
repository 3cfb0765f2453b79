import type { Fields } from '../fields.js';
import { importLlm, languageModelName } from '../llm.js';
import { importVision } from '../vision.js';
import type { Parts } from './parts.js';

/**
 * Phi-4-multimodal (phi4_multimodal), transformers Phi4MultimodalConfig: a SigLIP-shaped tower at
 * 448 px (vision_config), its 32 x 32 patch grid average-pooled 2 x 2 to 256 tokens per crop, a
 * 2-layer GELU MLP, the Phi-4-mini text fields at the top level; dynamic HD crops. The audio
 * encoder and the vision/speech LoRA adapters are not modelled.
 */
export function importPhi4mm(f: Fields): Parts {
  const llm = importLlm(f, 'phi3', languageModelName(f));
  const vf = f.sub('vision_config');
  const vision = importVision(vf, 'phi4_multimodal_vision');
  return {
    vision,
    compression: { type: 'avg_pool', window: 2 },
    projector: { dims: [vision.hidden as number, llm.hidden as number, llm.hidden as number] },
    llm,
    tiling: { policy: 'phi4mm_dynamic', params: { dynamic_hd: 36, image_size: vision.image_size, patch_size: vision.patch_size } },
    notes: ['the audio encoder and the LoRA adapters are not modelled'],
  };
}
