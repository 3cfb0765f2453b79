import { describe, expect, it } from 'vitest';
import { compressionParams, llmParams, modelParams, projectorParams, vitParams, type VitParams } from './params.js';
import { llmSchema, modelConfigSchema, vitEncoderSchema } from './schema/index.js';
import { importedModel, importedVision } from '../test/fixtures/hf/index.js';

/** |computed / published - 1| <= tol. */
function expectNear(computed: number, published: number, tol = 0.01) {
  expect(Math.abs(computed / published - 1), `computed ${computed}, published ${published}`).toBeLessThanOrEqual(tol);
}

const tinyLlm = llmSchema.parse({ name: 'tiny', layers: 2, hidden: 8, heads: 2, kv_heads: 1, intermediate: 16, vocab: 10, max_context: 64 });
const tinyVit = vitEncoderSchema.parse({ name: 'tiny-vit', image_size: 28, patch_size: 14, layers: 1, hidden: 8, heads: 2, intermediate: 16, cls_token: true });

describe('llmParams, by hand', () => {
  // d=8, h=2, g=1, e=8/2=4, f=16, V=10, 2 layers, gated, untied.
  it('counts attention, gated MLP, norms, embedding and LM head', () => {
    const p = llmParams(tinyLlm);
    expect(p.attention_per_layer).toBe(8 * 2 * 4 + 2 * 8 * 1 * 4 + 2 * 4 * 8); // 64 + 64 + 64 = 192
    expect(p.mlp_per_layer).toBe(3 * 8 * 16); // 384
    expect(p.norms_per_layer).toBe(16);
    expect(p.per_layer).toBe(592);
    expect(p.layers_total).toBe(1184);
    expect(p.embedding).toBe(80);
    expect(p.lm_head).toBe(80);
    expect(p.final_norm).toBe(8);
    expect(p.total).toBe(1352);
  });

  it('counts a tied LM head once', () => {
    const p = llmParams({ ...tinyLlm, tied_embeddings: true });
    expect(p.lm_head).toBe(0);
    expect(p.total).toBe(1352 - 80);
  });

  it('uses an explicit head_dim and a plain MLP', () => {
    // e=8 instead of 4: q 8·16, k,v 2·8·8, o 16·8 = 128 + 128 + 128; plain MLP 2·8·16 = 256.
    const p = llmParams({ ...tinyLlm, head_dim: 8, mlp: 'plain' });
    expect(p.attention_per_layer).toBe(384);
    expect(p.mlp_per_layer).toBe(256);
  });

  it('adds Partial LoRA: rank · (in + out) for each linear layer', () => {
    // qkv 8 -> 16 (24), o 8 -> 8 (16), gate/up/down 3·(8 + 16) = 72; (24 + 16 + 72) · r=2 = 224 per layer.
    const p = llmParams({ ...tinyLlm, partial_lora_rank: 2 });
    expect(p.partial_lora_per_layer).toBe(224);
    expect(p.total).toBe(1352 + 2 * 224);
  });
});

describe('vitParams, by hand', () => {
  // 28 px / 14 = 2x2 patches + a class token; dv=8, fv=16, one layer.
  it('counts patch embedding, class token, positions, layers and the final norm', () => {
    const p = vitParams(tinyVit);
    expect(p.patch_embedding).toBe(3 * 14 * 14 * 8 + 8); // 4712
    expect(p.class_embedding).toBe(8);
    expect(p.position_embedding).toBe(5 * 8);
    expect(p.attention_per_layer).toBe(4 * 64 + 4 * 8); // 288
    expect(p.mlp_per_layer).toBe(2 * 8 * 16 + 16 + 8); // 280
    expect(p.norms_per_layer).toBe(32);
    expect(p.final_norm).toBe(16);
    expect(p.total).toBe(4712 + 8 + 40 + 600 + 16);
  });

  it('has no position table with rotary positions, and three matrices with a gated MLP', () => {
    expect(vitParams({ ...tinyVit, position_embedding: 'rope' }).position_embedding).toBe(0);
    expect(vitParams({ ...tinyVit, mlp: 'gated' }).mlp_per_layer).toBe(3 * 8 * 16 + 2 * 16 + 8);
  });
});

describe('compression and projector, by hand', () => {
  const base = { id: 'tiny', name: 'tiny', source: 'hand', vision: tinyVit, llm: { ...tinyLlm, hidden: 8 }, tiling: { policy: 'internvl_dynamic' } };

  it('a concat merge has weights only with a fuse linear (window²·dv square, with bias)', () => {
    const merge = modelConfigSchema.parse({ ...base, compression: { type: 'concat_merge', window: 2 }, projector: { dims: [32, 8, 8] } });
    expect(compressionParams(merge)).toBe(0);
    const fused = modelConfigSchema.parse({ ...base, compression: { type: 'concat_merge', window: 2, fuse_linear: true }, projector: { dims: [32, 8, 8] } });
    expect(compressionParams(fused)).toBe(32 * 32 + 32);
    expect(projectorParams(fused)).toBe(32 * 8 + 8 + 8 * 8 + 8);
  });

  it('a resampler holds queries, kv projection, cross-attention, three norms and the output projection', () => {
    // E = 12 (LLM hidden), dv = 8, Q = 4: 48 + 96 + (4·144 + 48) + 72 + 144.
    const m = modelConfigSchema.parse({ ...base, llm: { ...tinyLlm, hidden: 12, heads: 2 }, compression: { type: 'resampler', queries: 4, heads: 2 } });
    expect(compressionParams(m)).toBe(48 + 96 + 624 + 72 + 144);
    expect(projectorParams(m)).toBe(0);
  });

  it('modelParams adds the components', () => {
    const m = modelConfigSchema.parse({ ...base, compression: { type: 'concat_merge', window: 2, fuse_linear: true }, projector: { dims: [32, 8, 8] } });
    const p = modelParams(m);
    expect(p.vision).toBe(vitParams(tinyVit).total);
    expect(p.total).toBe(p.vision + p.compression + p.projector + p.llm.total);
    const textOnly = modelConfigSchema.parse({ id: 't', name: 't', source: 'hand', llm: tinyLlm });
    expect(modelParams(textOnly)).toMatchObject({ vision: 0, compression: 0, projector: 0, total: llmParams(tinyLlm).total });
  });
});

describe('computed totals match the published ones (config.json fixtures)', () => {
  // Published counts are the safetensors parameter counts shown on each Hugging Face model page.
  it('Llama-2-7B: exactly 6,738,415,616', () => {
    expect(llmParams(importedModel('llama-2-7b-hf').llm).total).toBe(6_738_415_616);
  });

  it('Llama-3-8B: exactly 8,030,261,248', () => {
    expect(llmParams(importedModel('meta-llama-3-8b').llm).total).toBe(8_030_261_248);
  });

  it('Qwen2-1.5B: 1,543,714,304, of which the uncounted q/k/v biases are (h + 2g)·e per layer', () => {
    const llm = importedModel('qwen2-1.5b-instruct').llm;
    const biases = (llm.heads + 2 * llm.kv_heads) * (llm.hidden / llm.heads) * llm.layers;
    expect(llmParams(llm).total + biases).toBe(1_543_714_304);
    expectNear(llmParams(llm).total, 1.54e9);
  });

  it('InternLM2-7B: 7.74B', () => {
    expectNear(llmParams(importedModel('internlm2-7b').llm).total, 7.74e9);
  });

  it('SigLIP so400m/14 at 384 px: 428M published includes the attention-pooling head VLMs drop', () => {
    // SoViT-400m/14 is published at 428M parameters (Alabdulmohsin et al., "Getting ViT in Shape",
    // arXiv 2305.13035), for the full image tower including its MAP head: a probe token, one
    // attention block, a LayerNorm and an MLP. vitParams leaves the head out (VLMs take patch features).
    const v = importedVision('siglip-so400m-patch14-384');
    const p: VitParams = vitParams(v);
    const mapHead = v.hidden + p.attention_per_layer + 2 * v.hidden + p.mlp_per_layer;
    expectNear(p.total + mapHead, 428e6);
    expect(p.total).toBeGreaterThan(410e6);
    expect(p.total).toBeLessThan(415e6);
  });

  it('InternViT-300M-448px: 304M', () => {
    // Model card of OpenGVLab/InternViT-300M-448px: "Params (M): 304".
    expectNear(vitParams(importedVision('internvit-300m-448px')).total, 304e6);
  });
});
