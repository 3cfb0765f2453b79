import type { Fields } from '../fields.js';
import { importLlm, languageModelName } from '../llm.js';
import { importVision } from '../vision.js';
import type { Parts } from './parts.js';

/** The LLM family of each MiniCPM-V version: 2.5 Llama 3, 2.6 Qwen2, 4.5 Qwen3 (the `version` field). */
function llmFamilyOf(version: number | undefined): string {
  if (version === undefined || version < 2.6) return 'llama';
  if (version >= 4.5) return 'qwen3';
  if (version >= 4) return 'minicpm';
  return 'qwen2';
}

/** MiniCPM-V 2.5/2.6/4.x (minicpmv): SigLIP + one-layer perceiver resampler; LLM fields at the top level. */
export function importMiniCpmV(f: Fields): Parts {
  const version = typeof f.obj.version === 'number' ? f.obj.version : undefined;
  const llm = importLlm(f, llmFamilyOf(version), languageModelName(f));
  const slice = f.optSub('slice_config');
  const scale = slice?.optInt('scale_resolution') ?? f.int('image_size');
  const vf = f.sub('vision_config');
  const dropLast = f.bool('drop_vision_last_layer', false);
  const vision = importVision(vf, 'siglip', {
    // The slices are ~scale_resolution px; vision_config.image_size (980) only sizes the position table.
    image_size: scale,
    layers: vf.int('num_hidden_layers') - (dropLast ? 1 : 0),
  });
  const queries = f.int('query_num');
  return {
    vision,
    // Resampler(num_queries=query_num, embed_dim=hidden_size, num_heads=hidden_size // 128)
    compression: { type: 'resampler', queries, heads: Math.floor((llm.hidden as number) / 128) },
    llm,
    tiling: {
      policy: version !== undefined && version >= 4 ? 'minicpm_v4' : version !== undefined && version >= 2.6 ? 'minicpm_v26' : 'minicpm_v25',
      params: {
        max_slice_nums: slice?.optInt('max_slice_nums') ?? 9,
        scale_resolution: scale,
        patch_size: slice?.optInt('patch_size') ?? f.int('patch_size'),
        query_num: queries,
      },
    },
    notes: [`vision_config.image_size ${vf.optInt('image_size') ?? '?'} sizes the position table; tiles are ${scale} px slices`],
  };
}
