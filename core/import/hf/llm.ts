/**
 * The `llm` section from Llama-style fields (hidden_size, num_attention_heads, num_key_value_heads,
 * head_dim, intermediate_size, vocab_size, tie_word_embeddings, max_position_embeddings), shared by
 * every text family and by multimodal configs that nest or inline a text model.
 */
import { type Fields, type Json, unsupported } from './fields.js';
import { architectureFields } from './architecture.js';

/** Text model families whose config fields follow the Llama naming (hidden_size, num_attention_heads, ...). */
export const LLM_TYPES = [
  'llama', 'mistral', 'qwen2', 'qwen3', 'qwen3_moe', 'gemma', 'gemma2', 'gemma3_text', 'phi3', 'internlm2', 'minicpm',
  'lfm2', 'granite', 'deepseek_v2', 'smollm3', 'internlm3', 'olmoe',
] as const;

/** tie_word_embeddings when the config leaves it out: each transformers config class's default. */
const TIED_BY_DEFAULT = new Set(['gemma', 'gemma2', 'gemma3_text', 'gemma3n_text', 'gemma4_text', 'minicpm', 'lfm2', 'smollm3']);

/**
 * Defaults of the transformers config classes LLaVA-style checkpoints nest as text_config
 * (LlamaConfig, MistralConfig, Qwen2Config), for the fields transformers omits when saving.
 */
export const TEXT_CLASS_DEFAULTS: Record<string, Json> = {
  llama: { vocab_size: 32000, hidden_size: 4096, intermediate_size: 11008, num_hidden_layers: 32, num_attention_heads: 32, max_position_embeddings: 2048 },
  mistral: { vocab_size: 32000, hidden_size: 4096, intermediate_size: 14336, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 8, max_position_embeddings: 131072 },
  qwen2: { vocab_size: 151936, hidden_size: 4096, intermediate_size: 22016, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 32, max_position_embeddings: 32768 },
  // Gemma3TextConfig (transformers models/gemma3/configuration_gemma3.py): Gemma 3 4B-27B nest it
  // as text_config and leave these out.
  gemma3_text: { vocab_size: 262208, num_attention_heads: 8, num_key_value_heads: 4, head_dim: 256, max_position_embeddings: 131072, sliding_window_pattern: 6 },
};

/**
 * The dense MLP width. LFM2 writes it as block_ff_dim (early configs) or intermediate_size and,
 * with block_auto_adjust_ff_dim, shrinks it the LLaMA way (Lfm2MLP): 2/3 of it, times
 * block_ffn_dim_multiplier, rounded up to a multiple of block_multiple_of.
 */
function intermediateOf(f: Fields, family: string): number {
  if (family !== 'lfm2') return f.int('intermediate_size');
  let ff = f.optInt('intermediate_size') ?? f.int('block_ff_dim');
  if (f.bool('block_auto_adjust_ff_dim', false)) {
    ff = Math.floor((2 * ff) / 3);
    const mult = f.obj.block_ffn_dim_multiplier;
    if (typeof mult === 'number') ff = Math.floor(mult * ff);
    const m = f.int('block_multiple_of');
    ff = m * Math.ceil(ff / m);
  }
  return ff;
}

/** The llm section from Llama-style fields; `family` decides defaults, not the (possibly VLM) model_type field. */
export function importLlm(f: Fields, family: string, name: string): Json {
  const heads = f.int('num_attention_heads');
  // Configs written before grouped-query attention leave num_key_value_heads out: one KV head per head.
  const kvHeads = f.optInt('num_key_value_heads') ?? heads;
  // MLA configs carry no head_dim: the cache and projections use their own widths (mla section).
  const headDim = family === 'deepseek_v2' ? undefined : f.optInt('head_dim');
  const layers = f.int('num_hidden_layers');
  const hidden = f.int('hidden_size');
  // LFM2 names its tie flag tie_embedding.
  const tied = family === 'lfm2' && f.has('tie_embedding') ? f.bool('tie_embedding', true) : f.bool('tie_word_embeddings', TIED_BY_DEFAULT.has(family));
  return {
    name,
    layers,
    hidden,
    heads,
    kv_heads: kvHeads,
    ...(headDim !== undefined ? { head_dim: headDim } : {}),
    intermediate: intermediateOf(f, family),
    vocab: f.int('vocab_size'),
    // Every family handled here uses a gated MLP (SwiGLU / GeGLU).
    mlp: 'gated',
    tied_embeddings: tied,
    max_context: f.int('max_position_embeddings'),
    ...architectureFields(f, family, layers, hidden),
  };
}

export function llmFamily(f: Fields): string {
  const type = f.str('model_type');
  if (!(LLM_TYPES as readonly string[]).includes(type)) unsupported(f, 'model_type', type, LLM_TYPES);
  return type;
}

/** Name of an LLM whose fields sit at the top level of a multimodal config. */
export function languageModelName(f: Fields): string {
  return `language model of ${f.label() ?? f.str('model_type')}`;
}
