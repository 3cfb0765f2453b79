import type { Fields } from '../fields.js';
import { importLlm } from '../llm.js';
import type { Parts } from './parts.js';

/**
 * Qwen3-VL (qwen3_vl, qwen3_vl_moe): a native-resolution ViT (16 px patches, a learned position
 * table of num_position_embeddings interpolated per image, plus 2-D rotary), a 2x2 patch merger
 * and one DeepStack merger per deepstack_visual_indexes layer (their outputs are added to the
 * first LLM layers' hidden states), and a Qwen3 (dense or MoE) LLM in text_config.
 * The four mergers have the same shape and run on the same merged tokens, so they are written as
 * one MLP: first layers side by side (m²·dv -> n·m²·dv), second layers as one matrix
 * (n·m²·dv -> d): the same weights and FLOPs (transformers models/qwen3_vl/modeling_qwen3_vl.py,
 * Qwen3VLVisionPatchMerger).
 */
export function importQwen3Vl(f: Fields): Parts {
  const tf = f.sub('text_config');
  const textType = tf.str('model_type');
  // Qwen3.5 (qwen3_5) has the same vision side and a hybrid text model: Gated DeltaNet linear
  // attention with a gated full-attention layer every full_attention_interval (architecture.ts).
  const family = textType === 'qwen3_vl_moe_text' || textType === 'qwen3_5_text' ? textType : 'qwen3';
  const llm = importLlm(tf, family, tf.label() ?? `language model of ${f.label() ?? 'Qwen3-VL'}`);
  // The VLM's own tie flag is the one transformers applies to the language model head.
  if (f.has('tie_word_embeddings')) llm.tied_embeddings = f.bool('tie_word_embeddings', false);
  // A checkpoint described without its vision tower is taken as the language model alone.
  if (!f.has('vision_config')) return { llm, notes: ['no vision_config: the language model alone'] };
  const vf = f.sub('vision_config');
  const dv = vf.int('hidden_size');
  const merge = vf.int('spatial_merge_size');
  const patch = vf.int('patch_size');
  const positions = vf.int('num_position_embeddings');
  const side = Math.round(Math.sqrt(positions));
  if (side * side !== positions) vf.fail('num_position_embeddings', `expected a square table, found ${positions}`);
  const deepstack = Array.isArray(vf.obj.deepstack_visual_indexes) ? vf.obj.deepstack_visual_indexes.length : 0;
  const merged = dv * merge * merge;
  return {
    vision: {
      name: `Qwen3-VL ViT ${vf.int('depth')}L/${dv}`,
      // Nominal: the size whose patch grid the position table covers, so its weights count exactly.
      image_size: side * patch,
      patch_size: patch,
      layers: vf.int('depth'),
      hidden: dv,
      heads: vf.int('num_heads'),
      intermediate: vf.int('intermediate_size'),
      mlp: 'plain',
      cls_token: false,
      position_embedding: 'learned',
    },
    compression: { type: 'concat_merge', window: merge, pad_to_multiple: false, fuse_linear: false },
    projector: { dims: [merged, (1 + deepstack) * merged, llm.hidden as number] },
    llm,
    tiling: {
      policy: 'qwen2_vl',
      // qwen-vl-utils for Qwen3-VL: factor = patch x merge = 32; 4 to 16384 merged tokens per image.
      params: { min_pixels: 4 * (patch * merge) ** 2, max_pixels: 16384 * (patch * merge) ** 2, factor: patch * merge, patch_size: patch, merge_size: merge },
    },
    notes: [`vision.image_size is nominal (the ${side}x${side} position table)${deepstack ? `; the ${1 + deepstack} mergers are written as one MLP` : ''}`],
  };
}
