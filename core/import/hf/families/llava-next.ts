import { unsupported, show, type Fields } from '../fields.js';
import { importLlm, TEXT_CLASS_DEFAULTS } from '../llm.js';
import { importVision } from '../vision.js';
import type { Parts } from './parts.js';

/** LLaVA-NeXT (llava_next): CLIP/SigLIP tower + 2-layer MLP projector + nested text_config; anyres tiling. */
export function importLlavaNext(f: Fields): Parts {
  const textType = f.sub('text_config').str('model_type');
  const defaults = TEXT_CLASS_DEFAULTS[textType] ?? unsupported(f.sub('text_config'), 'model_type', textType, Object.keys(TEXT_CLASS_DEFAULTS));
  const tf = f.sub('text_config', defaults);
  const llm = importLlm(tf, textType, tf.label() ?? textType);
  const vision = importVision(f.sub('vision_config'));
  const crop = vision.image_size as number;
  const patch = vision.patch_size as number;
  const pinpoints = f.obj.image_grid_pinpoints;
  if (!Array.isArray(pinpoints) || pinpoints.length === 0) f.fail('image_grid_pinpoints', pinpoints === undefined ? 'missing' : `expected a list of [h, w] pairs, found ${show(pinpoints)}`);
  return {
    vision,
    compression: { type: 'none' },
    // multi_modal_projector: linear_1(dv, d) -> GELU -> linear_2(d, d)
    projector: { dims: [vision.hidden, llm.hidden, llm.hidden] },
    llm,
    tiling: {
      policy: 'llava_next_hf',
      params: {
        grid_pinpoints: pinpoints,
        pinpoint_order: 'height,width',
        crop_size: crop,
        patch_size: patch,
        base_tokens: Math.floor(crop / patch) ** 2,
        newline_per_row: true,
        unpad_round7: true,
      },
    },
    notes: tf.filled.length ? [`filled from transformers ${textType} defaults: ${tf.filled.join(', ')}`] : [],
  };
}
