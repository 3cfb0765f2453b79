/**
 * The model zoo (models/*.yaml): every file loads, is named by its id, counts to its published
 * totals, is wired consistently (ViT -> compression -> projector -> LLM widths), tiles with its
 * default policy, and agrees with the Hugging Face config.json it was written from.
 */
import { describe, expect, it } from 'vitest';
import { listIds } from '../cli/load.js';
import { loadModel } from '../cli/names.js';
import { llmHeadDim, llmParams, modelParams, vitParams } from '../core/params.js';
import type { LlmConfig, ModelConfig, VisionEncoder, VitEncoder } from '../core/schema/index.js';
import { tile } from '../core/tiling/index.js';
import { layerKinds } from '../core/architecture.js';
import { hfFixture, importedModel, importedVision } from './fixtures/hf/index.js';
import { importHfConfig } from '../core/import/hf/index.js';
import { loadEncoder } from '../cli/load.js';
import { modelConfigSchema } from '../core/schema/index.js';
import { device, run } from './helpers.js';

const ids = listIds('model');
const model = (id: string) => loadModel(id).value;

/**
 * Published figures rounded to fewer digits than 1% needs: the tolerance is half a unit of the last
 * published digit (plus, for the vision tower, what the figure leaves out). Everything else: 1%.
 */
const TOLERANCE: Record<string, { tol: number; why: string }> = {
  'bluelm-v-3b.vision': {
    tol: 0.05,
    why: '"400M" (BlueLM-V-3B abstract) is the so400m size class: the tower without its pooling head counts 413M (+3.2%), with it 428M',
  },
  'bluelm-v-3b.llm': { tol: 0.0185, why: '"2.7B" is rounded to 0.1B: +-0.05B is +-1.85%' },
  'qwen3-1.7b': { tol: 0.029, why: '"1.7B" (model card) is rounded to 0.1B: +-0.05B is +-2.9%; computed 1.72B' },
  'mobilevlm-1.7b': { tol: 0.029, why: '"1.7B" (the name, the paper) is rounded to 0.1B: +-0.05B is +-2.9%; computed 1.68B' },
  'mobilevlm-v2-1.7b': { tol: 0.029, why: '"1.7B" (the name, the paper) is rounded to 0.1B: +-0.05B is +-2.9%; computed 1.67B' },
  'cosmos-reason2-2b': { tol: 0.021, why: '"2.4B" (a catalogue page) is rounded to 0.1B: +-0.05B is +-2.1%; computed 2.44B' },
  'qwen3-0.6b': { tol: 0.084, why: '"0.6B" (model card) is rounded to 0.1B: +-0.05B is +-8.4%; computed 0.596B' },
  'qwen3-4b': { tol: 0.0125, why: '"4.0B" (model card) is rounded to 0.1B: +-0.05B is +-1.25%; computed 4.02B' },
  'internvl3-1b': { tol: 0.056, why: '"0.9B" (InternVL docs table) is rounded to 0.1B: +-0.05B is +-5.6%; computed 0.938B' },
  'smollm3-3b': { tol: 0.0017, why: '"3.08B" (SmolLM3 blog) is rounded to 0.01B: +-0.005B is +-0.17%; computed 3.075B' },
  'gemma-4-e2b': { tol: 0.065, why: '"5.1B with embeddings" (model card) includes the 0.305B audio tower, not modelled: 4.797B + 0.305B = 5.10B' },
  'gemma-4-e4b': { tol: 0.05, why: '"8B with embeddings" (model card) includes the 0.305B audio tower, not modelled, and is rounded to 1B: 7.633B + 0.309B = 7.94B' },
  'qwen3.5-0.8b.llm': { tol: 0.0625, why: '"0.8B" (model card, the language model) is rounded to 0.1B: +-0.05B is +-6.25%; computed 0.752B without the multi-token-prediction layer' },
  'qwen3.5-2b.llm': { tol: 0.25, why: '"2B" (model card, the language model) has one significant digit: +-0.5B is +-25%; computed 1.88B without the multi-token-prediction layer' },
  'qwen3.5-4b.llm': { tol: 0.125, why: '"4B" (model card, the language model) has one significant digit: +-0.5B is +-12.5%; computed 4.21B' },
  'internlm3-8b': { tol: 0.11, why: '"an 8-billion parameter instruction model" (InternLM README) names the size class; computed 8.80B, 7.75B without the untied embeddings' },
  'fastvlm-0.5b': { tol: 0.063, why: '"0.8B" is the Hub badge rounded to 0.1B (+-6.3%); computed 0.76B' },
  'fastvlm-1.5b': { tol: 0.25, why: '"2B" is the Hub badge rounded to 1B (+-25%); computed 1.91B' },
  'fastvlm-7b': { tol: 0.0625, why: '"8B" is the Hub badge rounded to 1B (+-6.25%); computed 7.76B' },
  'internvl3-2b': { tol: 0.024, why: '"2.1B" (InternVL docs table) is rounded to 0.1B: +-0.05B is +-2.4%; computed 2.09B' },
  'internvl3.5-1b': { tol: 0.046, why: '"1.1B" (InternVL README) is rounded to 0.1B: +-4.6%; computed 1.06B' },
  'internvl3.5-2b': { tol: 0.022, why: '"2.3B" is rounded to 0.1B: +-2.2%; computed 2.35B' },
  'phi-4-multimodal': { tol: 0.25, why: '"5.6B" (model card) counts the audio encoder and the vision/speech LoRA adapters, which are not modelled (LoRA ranks not found); computed 4.26B' },
  'minicpm-v-4.5': { tol: 0.09, why: '"a total of 8B parameters" names the size class (Qwen3-8B is 8.2B alone); computed 8.69B, which the Hub lists as 8.7B' },
};

function published(m: ModelConfig): Array<[key: string, computed: number, published: number]> {
  const p = modelParams(m);
  const out: Array<[string, number, number]> = [];
  if (m.params_published) out.push([m.id, p.total, m.params_published]);
  if (m.vision?.params_published) out.push([`${m.id}.vision`, p.vision, m.vision.params_published]);
  if (m.llm.params_published) out.push([`${m.id}.llm`, p.llm.total, m.llm.params_published]);
  return out;
}

describe('models/*.yaml', () => {
  it('the zoo holds the required models', () => {
    for (const id of [
      'bluelm-v-3b', 'mini-monkey', 'internvl2-2b', 'internvl2-8b', 'internvl2.5-8b', 'minicpm-llama3-v-2.5',
      'minicpm-v-2.6', 'internlm-xcomposer2-4khd-7b', 'phi-3.5-vision', 'qwen2-vl-2b',
      'llama-3.2-1b', 'llama-3.2-3b', 'llama-3-8b', 'llama-3.1-8b', 'llama-2-7b', 'gemma-2-2b', 'gemma-3-1b',
      'qwen2.5-1.5b', 'qwen2.5-7b', 'qwen3-1.7b', 'qwen2-1.5b', 'phi-3.5-mini', 'phi-4-mini', 'tinyllama-1.1b', 'mistral-7b',
    ])
      expect(ids).toContain(id);
  });

  for (const id of ids) {
    describe(id, () => {
      it('loads, and its id is its file name', () => {
        const m = model(id);
        expect(m.id).toBe(id);
        expect(m.source.trim()).not.toBe('');
      });

      it('counts to its published totals', () => {
        for (const [key, computed, pub] of published(model(id))) {
          const tol = TOLERANCE[key]?.tol ?? 0.01;
          expect(Math.abs(computed / pub - 1), `${key}: computed ${(computed / 1e9).toFixed(3)}B, published ${pub / 1e9}B`).toBeLessThanOrEqual(tol);
        }
      });

      it('is wired consistently: merged ViT width -> projector -> LLM width', () => {
        const m = model(id);
        if (!m.vision) {
          expect(m.tiling).toBeUndefined();
          expect(m.projector).toBeUndefined();
          expect(m.compression.type).toBe('none');
          return;
        }
        const c = m.compression;
        if (c.type === 'resampler') {
          // The resampler's output is LLM-wide already (MiniCPM-V): nothing in between.
          expect(m.projector).toBeUndefined();
          return;
        }
        const width = c.type === 'concat_merge' ? c.window * c.window * m.vision.hidden : m.vision.hidden;
        expect(m.projector?.dims[0]).toBe(width);
        expect(m.projector?.dims.at(-1)).toBe(m.llm.hidden);
      });

      it('estimates a 1920x1080 image (VLMs) or a text prompt on the default device', () => {
        const m = model(id);
        const e = run({ images: m.vision ? [{ width: 1920, height: 1080 }] : [], input_tokens: undefined, prompt_tokens: 64, output_tokens: 32 }, device('dimensity-9300'), m);
        if (m.vision) expect(e.tokens.image).toBeGreaterThan(0);
        for (const v of [e.latency_s.ttft, e.latency_s.e2e, e.decode_tok_s.mean, e.memory_gb.peak]) {
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThan(0);
        }
      });

      it('tiles with its default policy and parameters', () => {
        const m = model(id);
        if (!m.tiling) return;
        const r = tile(m.tiling.policy, m.tiling.params, 768, 1536);
        expect(r.tokens).toBeGreaterThan(0);
      });
    });
  }

  it('BlueLM-V-3B: a 768x1536 screenshot is the deployed 2:4 grid + thumbnail, 9 x 196 = 1764 tokens', () => {
    const m = model('bluelm-v-3b');
    const r = tile(m.tiling!.policy, m.tiling!.params, 768, 1536);
    expect([r.cols, r.rows, r.tiles, r.thumbnail, r.tokens]).toEqual([2, 4, 8, true, 1764]);
  });

  it('explained tolerances refer to published figures that exist', () => {
    const keys = new Set(ids.flatMap((id) => published(model(id)).map(([k]) => k)));
    for (const key of Object.keys(TOLERANCE)) expect(keys, `${key}: ${TOLERANCE[key].why}`).toContain(key);
  });
});

/** Shape fields compared between a zoo model and its config.json (names and sources differ by design). */
function llmShape(l: LlmConfig) {
  return {
    layers: l.layers, hidden: l.hidden, heads: l.heads, kv_heads: l.kv_heads, head_dim: llmHeadDim(l), intermediate: l.intermediate, vocab: l.vocab, mlp: l.mlp, tied: l.tied_embeddings,
    // The architecture beyond a dense transformer, layer by layer (architecture.ts).
    kinds: layerKinds(l).join(','), sliding_window: l.sliding_window, kv_shared_layers: l.kv_shared_layers, moe: l.moe, mla: l.mla, conv: l.conv, ssm: l.ssm, ple: l.per_layer_embeddings, other: l.other_weights,
  };
}
/** The model's vision encoder, which must be a ViT. */
function vit(m: ModelConfig): VitEncoder {
  if (m.vision?.type === 'staged' || !m.vision) throw new Error(`${m.id}: expected a ViT`);
  return m.vision;
}
function visionShape(v: VisionEncoder) {
  const { name: _, params_published: __, ...shape } = v;
  return shape;
}

/**
 * Which fixture each zoo model was written from. `model`: the checkpoint's own config.json, compared
 * section by section (`except` lists sections the zoo takes from elsewhere); `llm`/`vision`: a
 * component's config (BlueLM-V-3B and 4KHD are assembled from their components' configs).
 */
const WRITTEN_FROM: Record<string, { model?: string; except?: string[]; llm?: string; vision?: string; add?: Record<string, unknown>; drop?: string[]; llmAdd?: Record<string, unknown>; visionLayers?: number }> = {
  'bluelm-v-3b': { llm: 'minicpm-2b-sft-bf16', vision: 'siglip-so400m-patch14-384' },
  'internlm-xcomposer2-4khd-7b': { llm: 'internlm2-7b', vision: 'clip-vit-large-patch14-336' },
  'mini-monkey': { model: 'internvl2-2b', except: ['tiling'] },
  'internvl2-2b': { model: 'internvl2-2b' },
  'internvl2-8b': { model: 'internvl2-8b' },
  'internvl2.5-8b': { model: 'internvl2_5-8b' },
  'minicpm-llama3-v-2.5': { model: 'minicpm-llama3-v-2_5' },
  'minicpm-v-2.6': { model: 'minicpm-v-2_6' },
  'phi-3.5-vision': { model: 'phi-3.5-vision-instruct' },
  'qwen2-vl-2b': { model: 'qwen2-vl-2b-instruct' },
  'llama-3.2-1b': { model: 'llama-3.2-1b-instruct' },
  'llama-3.2-3b': { model: 'llama-3.2-3b-instruct' },
  'llama-3-8b': { model: 'meta-llama-3-8b' },
  'llama-3.1-8b': { model: 'llama-3.1-8b-instruct' },
  'llama-2-7b': { model: 'llama-2-7b-hf' },
  'gemma-2-2b': { model: 'gemma-2-2b-it' },
  'gemma-3-1b': { model: 'gemma-3-1b-it' },
  'qwen2.5-0.5b': { model: 'qwen2.5-0.5b-instruct' },
  'qwen2.5-1.5b': { model: 'qwen2.5-1.5b-instruct' },
  'qwen2.5-3b': { model: 'qwen2.5-3b-instruct' },
  'qwen2.5-7b': { model: 'qwen2.5-7b-instruct' },
  'qwen3-1.7b': { model: 'qwen3-1.7b' },
  'qwen2-1.5b': { model: 'qwen2-1.5b-instruct' },
  'phi-3.5-mini': { model: 'phi-3.5-mini-instruct' },
  'phi-4-mini': { model: 'phi-4-mini-instruct' },
  'tinyllama-1.1b': { model: 'tinyllama-1.1b-chat-v1.0' },
  'mistral-7b': { model: 'mistral-7b-v0.1' },
  'smollm2-1.7b': { model: 'smollm2-1.7b-instruct' },
  'gemma-2b': { model: 'gemma-2b' },
  'qwen2-7b': { model: 'qwen2-7b-instruct' },
  'qwen1.5-1.8b': { model: 'qwen1.5-1.8b' },
  'deepseek-r1-distill-qwen-1.5b': { model: 'deepseek-r1-distill-qwen-1.5b' },
  'qwen3-0.6b': { model: 'qwen3-0.6b' },
  'qwen3-4b': { model: 'qwen3-4b' },
  'qwen3-8b': { model: 'qwen3-8b' },
  'qwen3-30b-a3b': { model: 'qwen3-30b-a3b' },
  'lfm2-350m': { model: 'lfm2-350m' },
  'lfm2-1.2b': { model: 'lfm2-1.2b' },
  'lfm2-2.6b': { model: 'lfm2-2.6b' },
  'falcon3-1b': { model: 'falcon3-1b-instruct' },
  'falcon3-3b': { model: 'falcon3-3b-instruct' },
  'falcon3-7b': { model: 'falcon3-7b-instruct' },
  'granite-3.2-2b': { model: 'granite-3.2-2b-instruct' },
  'deepseek-v2-lite': { model: 'deepseek-v2-lite' },
  'gemma-3-4b': { model: 'gemma-3-4b-it' },
  'gemma-3n-e2b': { model: 'gemma-3n-e2b-it' },
  'gemma-3n-e4b': { model: 'gemma-3n-e4b-it' },
  'qwen2.5-vl-3b': { model: 'qwen2.5-vl-3b-instruct' },
  'qwen2.5-vl-7b': { model: 'qwen2.5-vl-7b-instruct' },
  'qwen3-vl-2b': { model: 'qwen3-vl-2b-instruct' },
  'qwen3-vl-4b': { model: 'qwen3-vl-4b-instruct' },
  'qwen3-vl-8b': { model: 'qwen3-vl-8b-instruct' },
  'qwen3-vl-30b-a3b': { model: 'qwen3-vl-30b-a3b-instruct' },
  'internvl3-1b': { model: 'internvl3-1b' },
  'minicpm-v-4.5': { model: 'minicpm-v-4_5' },
  'gemma-4-e2b': { model: 'gemma-4-e2b-it' },
  'gemma-4-e4b': { model: 'gemma-4-e4b-it' },
  'qwen3.5-0.8b': { model: 'qwen3.5-0.8b' },
  'qwen3.5-2b': { model: 'qwen3.5-2b' },
  'qwen3.5-4b': { model: 'qwen3.5-4b' },
  'qwen3.5-9b': { model: 'qwen3.5-9b' },
  'gemma-2-9b': { model: 'gemma-2-9b-it' },
  'internlm3-8b': { model: 'internlm3-8b-instruct' },
  'deepseek-r1-distill-llama-8b': { model: 'deepseek-r1-distill-llama-8b' },
  'olmoe-1b-7b': { model: 'olmoe-1b-7b-0125-instruct' },
  'gemma-3-270m': { model: 'gemma-3-270m-it' },
  // Assembled from their parts (test/fixtures/hf/compositions.yaml): the LLM with the overrides that
  // file reads, the tower with its layer count.
  'smolvlm2-256m': { llm: 'smollm2-135m-instruct', llmAdd: { vocab_size: 49280, tie_word_embeddings: false }, vision: 'siglip-base-patch16-512' },
  'smolvlm2-500m': { llm: 'smollm2-360m-instruct', llmAdd: { vocab_size: 49280, tie_word_embeddings: false }, vision: 'siglip-base-patch16-512' },
  'smolvlm2-2.2b': { llm: 'smollm2-1.7b-instruct', llmAdd: { vocab_size: 49280, tie_word_embeddings: false }, vision: 'siglip-so400m-patch14-384' },
  'fastvlm-0.5b': { llm: 'qwen2-0.5b-instruct', llmAdd: { tie_word_embeddings: false } },
  'fastvlm-1.5b': { llm: 'qwen2-1.5b-instruct', llmAdd: { tie_word_embeddings: false } },
  'fastvlm-7b': { llm: 'qwen2-7b-instruct' },
  'phi-4-multimodal': { llm: 'phi-4-mini-instruct', vision: 'phi-4-multimodal-vision' },
  'llava-onevision-0.5b': { llm: 'qwen2-0.5b-instruct', llmAdd: { vocab_size: 152000 }, vision: 'siglip-so400m-patch14-384', visionLayers: 26 },
  'llava-onevision-7b': { llm: 'qwen2-7b-instruct', llmAdd: { vocab_size: 152128 }, vision: 'siglip-so400m-patch14-384', visionLayers: 26 },
  'internvl3-2b': { llm: 'qwen2.5-1.5b-instruct', llmAdd: { tie_word_embeddings: false }, vision: 'internvit-300m-448px' },
  'internvl3-8b': { llm: 'qwen2.5-7b-instruct', vision: 'internvit-300m-448px' },
  'internvl3.5-1b': { llm: 'qwen3-0.6b', llmAdd: { tie_word_embeddings: false }, vision: 'internvit-300m-448px' },
  'internvl3.5-2b': { llm: 'qwen3-1.7b', llmAdd: { tie_word_embeddings: false }, vision: 'internvit-300m-448px' },
  'internvl3.5-4b': { llm: 'qwen3-4b', llmAdd: { tie_word_embeddings: false }, vision: 'internvit-300m-448px' },
  'internvl3.5-8b': { llm: 'qwen3-8b', vision: 'internvit-300m-448px' },
  'lfm2-vl-450m': { llm: 'lfm2-350m', vision: 'siglip2-base-patch16-naflex' },
  'lfm2-vl-1.6b': { llm: 'lfm2-1.2b', vision: 'siglip2-so400m-patch16-naflex' },
  // Reconstructed configs without max_position_embeddings: shapes compared, the context sourced in the YAML.
  'lfm2-700m': { model: 'lfm2-700m', add: { max_position_embeddings: 128000 } },
  'smollm3-3b': { model: 'smollm3-3b', add: { max_position_embeddings: 65536 } },
  // Configs the importer does not read (model_type phi, qwen, baichuan, chatglm, gpt_neox, qwen3_vl,
  // llava, mobilevlm): written from the config.json each file cites, checked against what is shared.
  'phi-2': {},
  'qwen-7b': {},
  'baichuan2-7b': {},
  'chatglm2-6b': {},
  'redpajama-incite-3b': {},
  'cosmos-reason2-2b': {},
  'mobilevlm-1.7b': { vision: 'clip-vit-large-patch14-336' },
  'mobilevlm-v2-1.7b': { vision: 'clip-vit-large-patch14-336' },
  'llava-1.5-7b': { vision: 'clip-vit-large-patch14-336' },
  'llava-1.5-13b': { vision: 'clip-vit-large-patch14-336' },
  'llava-tinyllama': { llm: 'tinyllama-1.1b-chat-v1.0', vision: 'clip-vit-large-patch14-336' },
};

describe('the zoo agrees with the config.json it was written from (via the importer)', () => {
  it('every zoo model names its fixture', () => {
    expect(Object.keys(WRITTEN_FROM).sort()).toEqual([...ids].sort());
  });

  for (const [id, from] of Object.entries(WRITTEN_FROM)) {
    it(id, () => {
      const m = model(id);
      if (from.model) {
        const imp = importedModel(from.model, from.add, from.drop);
        const skip = new Set(from.except ?? []);
        expect(llmShape(m.llm)).toEqual(llmShape(imp.llm));
        expect(m.llm.max_context).toBe(imp.llm.max_context);
        if (!skip.has('vision')) expect(m.vision && visionShape(m.vision)).toEqual(imp.vision && visionShape(imp.vision));
        if (!skip.has('compression')) expect(m.compression).toEqual(imp.compression);
        if (!skip.has('projector')) expect(m.projector).toEqual(imp.projector);
        if (!skip.has('tiling')) expect(m.tiling).toEqual(imp.tiling);
      }
      if (from.llm) {
        const imp = importedModel(from.llm, from.llmAdd).llm;
        expect(llmShape(m.llm)).toEqual(llmShape(imp));
      }
      if (from.vision) {
        const v = importedVision(from.vision);
        expect(vitParams(vit(m))).toEqual(vitParams(from.visionLayers ? { ...v, layers: from.visionLayers } : v));
      }
      expect(llmParams(m.llm).total).toBeGreaterThan(0);
    });
  }
});

describe('import-hf learns the families the zoo assembled from parts (test/fixtures/hf/assembled)', () => {
  const assembled = (name: string) => {
    const raw = importHfConfig(hfFixture(`assembled/${name}`), { id: name });
    if (typeof raw.vision === 'string') raw.vision = loadEncoder(raw.vision, name).vision;
    return modelConfigSchema.parse(raw);
  };
  for (const id of ['smolvlm2-2.2b', 'smolvlm2-256m', 'llava-onevision-0.5b', 'fastvlm-0.5b', 'phi-4-multimodal', 'lfm2-vl-1.6b']) {
    it(`${id}: the same weights, the same tokens for a 1920x1080 image`, () => {
      const imp = assembled(id);
      const zoo = model(id);
      expect(modelParams(imp).total).toBe(modelParams(zoo).total);
      expect(llmShape(imp.llm)).toEqual(llmShape(zoo.llm));
      const t = (m: ModelConfig) => tile(m.tiling!.policy, m.tiling!.params, 1920, 1080);
      expect([t(imp).tokens, t(imp).encoder_inputs]).toEqual([t(zoo).tokens, t(zoo).encoder_inputs]);
    });
  }
});

describe('Qwen3.5 vision towers against the F16 mmproj files published for them', () => {
  // An mmproj GGUF holds the tower and its merger, weights in F16 (2 bytes). The sizes are printed as
  // "MB" without saying whether 10^6 or 2^20 bytes (4.9% apart), and GGUF keeps norms and biases in F32,
  // so the test accepts from 2% under the decimal reading to 2% over the binary one.
  const towerBytes = (m: ModelConfig) => (modelParams(m).total - modelParams(m).llm.total) * 2;
  const fits = (bytes: number, mb: number) => bytes >= 0.98 * mb * 1e6 && bytes <= 1.02 * mb * 2 ** 20;
  it('Qwen3.5-2B: 637 MB (tetherto/qvac gemma4-vl-baseline.md @ad56a4e4, Models table, unsloth/Qwen3.5-2B-GGUF)', () => {
    expect(fits(towerBytes(model('qwen3.5-2b')), 637)).toBe(true);
  });
  it('Qwen3.5-4B: 672 MB (FreedomAISVR/Qwen3.5-4B-MTP-NVFP4-GGUF model card, Files table)', () => {
    expect(fits(towerBytes(model('qwen3.5-4b')), 672)).toBe(true);
  });
  it('the other Qwen3.5 tower sizes would not fit the 2B file: the check tells towers apart', () => {
    const m = model('qwen3.5-2b');
    const swap = (v: Partial<VitEncoder>) => ({ ...m, vision: { ...(m.vision as VitEncoder), ...v } }) as ModelConfig;
    // 0.8B's tower (12 x 768, FFN 3072) and 9B's (27 x 1152, FFN 4304), same merger shape rule.
    const small = { ...swap({ layers: 12, hidden: 768, heads: 12, intermediate: 3072 }), projector: { dims: [3072, 3072, 2048] } } as ModelConfig;
    const large = { ...swap({ layers: 27, hidden: 1152, heads: 16, intermediate: 4304 }), projector: { dims: [4608, 4608, 2048] } } as ModelConfig;
    expect(fits(towerBytes(small), 637)).toBe(false);
    expect(fits(towerBytes(large), 637)).toBe(false);
  });
});
