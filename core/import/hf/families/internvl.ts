import type { Fields } from '../fields.js';
import { importLlm, llmFamily } from '../llm.js';
import { importVision } from '../vision.js';
import type { Parts } from './parts.js';

/** InternVL 1.5/2/2.5 (internvl_chat): InternViT + pixel shuffle + mlp1 + an InternLM2/Qwen2/Llama/Phi3 LLM. */
export function importInternVl(f: Fields): Parts {
  const lf = f.sub('llm_config');
  const llm = importLlm(lf, llmFamily(lf), lf.label() ?? 'LLM');
  const imageSize = f.optInt('force_image_size');
  const vision = importVision(f.sub('vision_config'), undefined, { image_size: imageSize });
  const ratio = f.num('downsample_ratio');
  const window = Math.round(1 / ratio);
  if (Math.abs(window * ratio - 1) > 1e-9) f.fail('downsample_ratio', `expected 1/k for an integer k, found ${ratio}`);
  const vImage = vision.image_size as number;
  const tokensPerTile = Math.floor(vImage / (vision.patch_size as number)) ** 2 / (window * window);
  const dynamic = f.bool('dynamic_image_size', false);
  return {
    vision,
    // pixel_shuffle: each window x window block of ViT tokens concatenated along channels; the class token is dropped.
    compression: { type: 'concat_merge', window, pad_to_multiple: false, fuse_linear: false },
    // mlp1 = LayerNorm(dv·k²) -> Linear(dv·k², d) -> GELU -> Linear(d, d)  (modeling_internvl_chat.py)
    projector: { dims: [window * window * (vision.hidden as number), llm.hidden, llm.hidden] },
    llm,
    tiling: {
      policy: 'internvl_dynamic',
      params: {
        min_num: dynamic ? (f.optInt('min_dynamic_patch') ?? 1) : 1,
        max_num: dynamic ? (f.optInt('max_dynamic_patch') ?? 12) : 1,
        image_size: vImage,
        use_thumbnail: f.bool('use_thumbnail', false),
        tokens_per_tile: tokensPerTile,
      },
    },
    notes: [],
  };
}
