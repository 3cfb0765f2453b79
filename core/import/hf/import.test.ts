import { describe, expect, it } from 'vitest';
import { importHfConfig, importHfVisionConfig } from './index.js';
import { modelParams } from '../../params.js';
import { modelConfigSchema } from '../../schema/index.js';
import { hfFixture, importedModel } from '../../../test/fixtures/hf/index.js';

/**
 * Published totals: the safetensors parameter count on each Hugging Face model page (or the model
 * card's table where noted). The computed count must be within 1%.
 */
const PUBLISHED: Record<string, number> = {
  // text-only LLMs
  'llama-2-7b-hf': 6.74e9,
  'meta-llama-3-8b': 8.03e9,
  'llama-3.1-8b-instruct': 8.03e9,
  'llama-3.2-1b-instruct': 1.24e9,
  'llama-3.2-3b-instruct': 3.21e9,
  'gemma-2-2b-it': 2.61e9,
  'gemma-3-1b-it': 1.0e9, // Gemma 3 report, Tab. 1: 302M embedding + 698M non-embedding
  'qwen2-1.5b-instruct': 1.54e9,
  'qwen2.5-0.5b-instruct': 0.494e9,
  'qwen2.5-1.5b-instruct': 1.54e9,
  'qwen2.5-3b-instruct': 3.09e9,
  'qwen2.5-7b-instruct': 7.62e9,
  'phi-3.5-mini-instruct': 3.82e9,
  'phi-4-mini-instruct': 3.84e9,
  'tinyllama-1.1b-chat-v1.0': 1.1e9,
  'mistral-7b-v0.1': 7.24e9,
  'smollm2-1.7b-instruct': 1.71e9,
  'internlm2-7b': 7.74e9,
  'minicpm-2b-sft-bf16': 2.7e9, // MiniCPM README: "2.4B parameters excluding embeddings (2.7B in total)"
  // multimodal
  'internvl2-2b': 2.21e9,
  'internvl2-8b': 8.08e9,
  'internvl2_5-8b': 8.08e9,
  'llava-v1.6-mistral-7b-hf': 7.57e9,
  'qwen2-vl-2b-instruct': 2.21e9,
  'minicpm-v-2_6': 8.1e9,
  'minicpm-llama3-v-2_5': 8.54e9,
  'phi-3.5-vision-instruct': 4.15e9,
};

describe('importHfConfig: every fixture imports, validates and matches its published total', () => {
  for (const [name, published] of Object.entries(PUBLISHED)) {
    it(name, () => {
      const total = modelParams(importedModel(name)).total;
      expect(Math.abs(total / published - 1), `computed ${total}`).toBeLessThanOrEqual(0.01);
    });
  }
});

describe('importHfConfig: what each family maps to', () => {
  it('Llama: a text-only model with the config shape, no vision or tiling', () => {
    const raw = importHfConfig(hfFixture('llama-2-7b-hf'), { id: 'llama-2-7b', source: 'https://huggingface.co/meta-llama/Llama-2-7b-hf/blob/main/config.json' });
    expect(raw).toMatchObject({
      id: 'llama-2-7b',
      name: 'meta-llama/Llama-2-7b-hf',
      source: 'https://huggingface.co/meta-llama/Llama-2-7b-hf/blob/main/config.json',
      llm: { layers: 32, hidden: 4096, heads: 32, kv_heads: 32, intermediate: 11008, vocab: 32000, mlp: 'gated', tied_embeddings: false, max_context: 4096 },
    });
    expect(raw).not.toHaveProperty('vision');
    expect(raw).not.toHaveProperty('tiling');
    expect(modelConfigSchema.safeParse(raw).success).toBe(true);
  });

  it('Gemma 2: explicit head_dim, and tied embeddings by the config class default', () => {
    const m = importedModel('gemma-2-2b-it');
    expect(m.llm).toMatchObject({ head_dim: 256, heads: 8, kv_heads: 4, tied_embeddings: true });
  });

  it('InternVL: pixel shuffle 0.5 -> 2x2 concat merge, mlp1 widths, internvl_dynamic with max_dynamic_patch', () => {
    const m = importedModel('internvl2-2b');
    expect(m.vision).toMatchObject({ image_size: 448, patch_size: 14, layers: 24, hidden: 1024, cls_token: true });
    expect(m.compression).toEqual({ type: 'concat_merge', window: 2, pad_to_multiple: false, fuse_linear: false });
    expect(m.projector?.dims).toEqual([4096, 2048, 2048]);
    expect(m.llm).toMatchObject({ name: 'internlm/internlm2-chat-1_8b', layers: 24, hidden: 2048, heads: 16, kv_heads: 8, vocab: 92553 });
    expect(m.tiling).toEqual({ policy: 'internvl_dynamic', params: { min_num: 1, max_num: 12, image_size: 448, use_thumbnail: true, tokens_per_tile: 256 } });
  });

  it('LLaVA-NeXT: nested text_config filled from MistralConfig defaults and said so; anyres tiling', () => {
    const raw = importHfConfig(hfFixture('llava-v1.6-mistral-7b-hf'), { id: 'llava-next-mistral-7b' });
    const m = modelConfigSchema.parse(raw);
    expect(m.llm).toMatchObject({ hidden: 4096, layers: 32, heads: 32, kv_heads: 8, intermediate: 14336, vocab: 32064, max_context: 32768 });
    expect(m.notes).toContain('text_config.hidden_size');
    expect(m.notes).toContain('text_config.num_hidden_layers');
    expect(m.vision).toMatchObject({ name: 'CLIP 24L/1024', image_size: 336, cls_token: true });
    expect(m.compression).toEqual({ type: 'none' });
    expect(m.projector?.dims).toEqual([1024, 4096, 4096]);
    expect(m.tiling?.policy).toBe('llava_next_hf');
    expect(m.tiling?.params).toMatchObject({ crop_size: 336, patch_size: 14, base_tokens: 576, grid_pinpoints: [[336, 672], [672, 336], [672, 672], [1008, 336], [336, 1008]] });
  });

  it('Qwen2-VL: rotary ViT, 2x2 merger MLP, qwen2_vl tiling', () => {
    const m = importedModel('qwen2-vl-2b-instruct');
    expect(m.vision).toMatchObject({ layers: 32, hidden: 1280, heads: 16, intermediate: 5120, position_embedding: 'rope' });
    expect(m.compression).toMatchObject({ type: 'concat_merge', window: 2 });
    expect(m.projector?.dims).toEqual([5120, 5120, 1536]);
    expect(m.llm).toMatchObject({ hidden: 1536, tied_embeddings: true });
    expect(m.tiling).toEqual({ policy: 'qwen2_vl', params: { min_pixels: 3136, max_pixels: 12845056, factor: 28, patch_size: 14, merge_size: 2 } });
  });

  it('MiniCPM-V: resampler of query_num queries with hidden/128 heads; version picks the slicing policy', () => {
    const v26 = importedModel('minicpm-v-2_6');
    expect(v26.compression).toEqual({ type: 'resampler', queries: 64, heads: 28 });
    expect(v26.projector).toBeUndefined();
    expect(v26.vision).toMatchObject({ image_size: 448, layers: 27, hidden: 1152 });
    expect(v26.tiling).toEqual({ policy: 'minicpm_v26', params: { max_slice_nums: 9, scale_resolution: 448, patch_size: 14, query_num: 64 } });
    const v25 = importedModel('minicpm-llama3-v-2_5');
    expect(v25.compression).toEqual({ type: 'resampler', queries: 96, heads: 32 });
    expect(v25.tiling?.policy).toBe('minicpm_v25');
  });

  it('MiniCPM-V: drop_vision_last_layer removes one ViT layer', () => {
    const cfg = { ...(hfFixture('minicpm-v-2_6') as object), drop_vision_last_layer: true };
    expect(modelConfigSchema.parse(importHfConfig(cfg, { id: 'x' })).vision).toMatchObject({ layers: 26 });
  });

  it('Phi-3.5-vision: the named CLIP tower, 2x2 merge, and its own HD transform with 16 crops', () => {
    const m = importedModel('phi-3.5-vision-instruct');
    expect(m.vision).toMatchObject({ name: 'CLIP ViT-L/14-336', layers: 24, hidden: 1024, cls_token: true });
    expect(m.projector?.dims).toEqual([4096, 3072, 3072]);
    expect(m.tiling).toEqual({ policy: 'phi3_hd', params: { num_crops: 16, crop_size: 336, tokens_per_crop: 144 } });
  });
});

describe('importHfVisionConfig', () => {
  it('reads the image tower of a dual encoder and standalone towers', () => {
    expect(importHfVisionConfig(hfFixture('siglip-so400m-patch14-384'))).toMatchObject({ image_size: 384, patch_size: 14, layers: 27, hidden: 1152, heads: 16, intermediate: 4304, cls_token: false });
    expect(importHfVisionConfig(hfFixture('clip-vit-large-patch14-336'))).toMatchObject({ image_size: 336, layers: 24, hidden: 1024, cls_token: true });
    expect(importHfVisionConfig(hfFixture('internvit-300m-448px'))).toMatchObject({ image_size: 448, layers: 24, hidden: 1024, cls_token: true });
  });
});

describe('importHfConfig: one-line errors naming the field', () => {
  const llama = hfFixture('llama-2-7b-hf') as Record<string, unknown>;
  const opts = { id: 'x' };

  it('rejects an unknown model_type, listing the supported ones', () => {
    expect(() => importHfConfig({ ...llama, model_type: 'foo' }, opts)).toThrow(/^model_type: unsupported 'foo'; expected one of llama, mistral, .*internvl_chat/);
  });

  it('names a missing or mistyped field, with its nesting', () => {
    const { hidden_size: _, ...noHidden } = llama;
    expect(() => importHfConfig(noHidden, opts)).toThrow(/^hidden_size: missing$/);
    expect(() => importHfConfig({ ...llama, num_hidden_layers: '32' }, opts)).toThrow(/^num_hidden_layers: expected a positive integer, found "32"$/);
    const internvl = hfFixture('internvl2-2b') as { llm_config: Record<string, unknown> };
    const { hidden_size: __, ...llmNoHidden } = internvl.llm_config;
    expect(() => importHfConfig({ ...internvl, llm_config: llmNoHidden }, opts)).toThrow(/^llm_config\.hidden_size: missing$/);
    expect(() => importHfConfig({ ...internvl, downsample_ratio: 0.3 }, opts)).toThrow(/^downsample_ratio: expected 1\/k/);
    expect(() => importHfConfig({ ...llama, model_type: undefined }, opts)).toThrow(/^model_type: missing$/);
    expect(() => importHfConfig([1, 2], opts)).toThrow(/^config: expected a JSON object/);
  });

  it('refuses a lone vision encoder as a model, pointing to importHfVisionConfig', () => {
    expect(() => importHfConfig(hfFixture('siglip-so400m-patch14-384'), opts)).toThrow(/^model_type: 'siglip' is a vision encoder config with no language model; import it with importHfVisionConfig/);
  });

  it('rejects a Phi-3-V tower it does not know', () => {
    const phi = hfFixture('phi-3.5-vision-instruct') as { img_processor: object };
    expect(() => importHfConfig({ ...phi, img_processor: { ...phi.img_processor, model_name: 'foo/bar' } }, opts)).toThrow(/^img_processor\.model_name: unsupported 'foo\/bar'/);
  });
});
