/**
 * The `llm` section from Llama-style fields (hidden_size, num_attention_heads, num_key_value_heads,
 * head_dim, intermediate_size, vocab_size, tie_word_embeddings, max_position_embeddings), shared by
 * every text family and by multimodal configs that nest or inline a text model.
 */
import { type Fields, type Json, unsupported } from './fields.js';

/** Text model families whose config fields follow the Llama naming (hidden_size, num_attention_heads, ...). */
export const LLM_TYPES = ['llama', 'mistral', 'qwen2', 'qwen3', 'gemma', 'gemma2', 'gemma3_text', 'phi3', 'internlm2', 'minicpm'] as const;

/** tie_word_embeddings when the config leaves it out: each transformers config class's default. */
const TIED_BY_DEFAULT = new Set(['gemma', 'gemma2', 'gemma3_text', 'minicpm']);

/**
 * Defaults of the transformers config classes LLaVA-style checkpoints nest as text_config
 * (LlamaConfig, MistralConfig, Qwen2Config), for the fields transformers omits when saving.
 */
export const TEXT_CLASS_DEFAULTS: Record<string, Json> = {
  llama: { vocab_size: 32000, hidden_size: 4096, intermediate_size: 11008, num_hidden_layers: 32, num_attention_heads: 32, max_position_embeddings: 2048 },
  mistral: { vocab_size: 32000, hidden_size: 4096, intermediate_size: 14336, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 8, max_position_embeddings: 131072 },
  qwen2: { vocab_size: 151936, hidden_size: 4096, intermediate_size: 22016, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 32, max_position_embeddings: 32768 },
};

/** The llm section from Llama-style fields; `family` decides defaults, not the (possibly VLM) model_type field. */
export function importLlm(f: Fields, family: string, name: string): Json {
  const heads = f.int('num_attention_heads');
  // Configs written before grouped-query attention leave num_key_value_heads out: one KV head per head.
  const kvHeads = f.optInt('num_key_value_heads') ?? heads;
  const headDim = f.optInt('head_dim');
  return {
    name,
    layers: f.int('num_hidden_layers'),
    hidden: f.int('hidden_size'),
    heads,
    kv_heads: kvHeads,
    ...(headDim !== undefined ? { head_dim: headDim } : {}),
    intermediate: f.int('intermediate_size'),
    vocab: f.int('vocab_size'),
    // Every family handled here uses a gated MLP (SwiGLU / GeGLU).
    mlp: 'gated',
    tied_embeddings: f.bool('tie_word_embeddings', TIED_BY_DEFAULT.has(family)),
    max_context: f.int('max_position_embeddings'),
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
