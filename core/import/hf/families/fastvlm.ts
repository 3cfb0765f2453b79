import type { Fields } from '../fields.js';
import { importLlm, languageModelName } from '../llm.js';
import { stagedEncoderRef } from '../vision.js';
import type { Parts } from './parts.js';

/**
 * FastVLM as Apple ships it (llava_qwen2, apple/ml-fastvlm): mm_vision_tower names the encoder
 * ("mobileclip_l_1024": FastViTHD at 1024 px, a shipped staged encoder), mm_hidden_size its width,
 * mm_projector_type the MLP ("mlp2x_gelu": two layers), and the Qwen2 fields sit at the top level.
 * One fixed input per image (fastvlm_fixed).
 */
export function importFastVlm(f: Fields): Parts {
  const llm = importLlm(f, 'qwen2', languageModelName(f));
  const tower = f.str('mm_vision_tower');
  const encoder = stagedEncoderRef(f, tower.replace(/^.*\//, ''));
  const size = Number(/_(\d+)$/.exec(tower)?.[1] ?? 1024);
  const type = f.optStr('mm_projector_type') ?? 'mlp2x_gelu';
  const m = /^mlp(\d+)x_gelu$/.exec(type);
  if (!m) f.fail('mm_projector_type', `unsupported '${type}'; expected mlp<n>x_gelu`);
  const d = llm.hidden as number;
  return {
    vision: encoder,
    compression: { type: 'none' },
    projector: { dims: [f.int('mm_hidden_size'), ...Array<number>(Number(m[1])).fill(d)] },
    llm,
    tiling: { policy: 'fastvlm_fixed', params: { image_size: size, downsample: 64 } },
    notes: [`vision: the shipped ${encoder} encoder (mm_vision_tower ${tower})`],
  };
}
