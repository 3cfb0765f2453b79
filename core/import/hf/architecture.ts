/**
 * The architecture beyond a dense transformer, read from config.json fields: which mixer each layer
 * uses (layer_types, or each family's own rule when the list is absent), sliding windows, mixtures
 * of experts, multi-head latent attention, short convolutions, per-layer embeddings and shared KV
 * (see core/architecture.ts for what each means to the cost model).
 *
 * Family rules, from each family's transformers modeling code, used only when `layer_types` is
 * absent (older configs):
 *   gemma2       layer i is sliding when i is even (Gemma2DecoderLayer: `not bool(layer_idx % 2)`)
 *   gemma3_text  layer i is sliding unless (i + 1) % sliding_window_pattern == 0 (default 6)
 *   lfm2         full_attn_idxs are attention layers, the rest short convolutions
 * Sliding windows are honoured only where runtimes implement them (Gemma 2/3/3n); Mistral v0.1's
 * and Qwen's `sliding_window` fields are not (llama.cpp runs those layers as full attention, and
 * Qwen ships use_sliding_window: false).
 */
import type { Fields, Json } from './fields.js';

const KIND_OF: Record<string, string> = {
  full_attention: 'global',
  sliding_attention: 'local',
  conv: 'conv',
  linear_attention: 'ssm',
  mamba: 'ssm',
};

/** Families whose sliding-window layers the runtimes run as sliding windows. */
const SLIDING_FAMILIES = new Set(['gemma2', 'gemma3_text', 'gemma3n_text', 'gemma4_text']);

/** A per-layer list as the shortest pattern that repeats to it, or the list itself. */
export function compactKinds(kinds: string[]): string[] | { pattern: string[] } {
  // A pattern must repeat at least twice to say more than the list does.
  for (let p = 1; 2 * p <= kinds.length; p++) if (kinds.every((k, i) => k === kinds[i % p])) return { pattern: kinds.slice(0, p) };
  return kinds;
}

/** The mixer of every layer, or undefined when every layer is global attention. */
function layerKinds(f: Fields, family: string, layers: number): string[] | undefined {
  const listed = f.obj.layer_types;
  if (Array.isArray(listed)) {
    if (listed.length !== layers) f.fail('layer_types', `lists ${listed.length} layers; num_hidden_layers is ${layers}`);
    return listed.map((t, i) => (typeof t === 'string' && KIND_OF[t]) || f.fail(`layer_types[${i}]`, `unsupported '${String(t)}'; expected one of ${Object.keys(KIND_OF).join(', ')}`));
  }
  const idx = (n: number) => Array.from({ length: n }, (_, i) => i);
  if (family === 'gemma2') return idx(layers).map((i) => (i % 2 === 0 ? 'local' : 'global'));
  if (family === 'gemma3_text') {
    const pattern = f.optInt('sliding_window_pattern') ?? 6;
    return idx(layers).map((i) => ((i + 1) % pattern === 0 ? 'global' : 'local'));
  }
  if (family === 'lfm2') {
    const full = f.obj.full_attn_idxs;
    if (!Array.isArray(full)) f.fail('full_attn_idxs', 'missing (LFM2 configs list their attention layers in layer_types or full_attn_idxs)');
    return idx(layers).map((i) => (full.includes(i) ? 'global' : 'conv'));
  }
  return undefined;
}

/** Layers whose MLP is dense in a MoE model. */
function denseLayers(layers: number, isDense: (i: number) => boolean): number[] {
  return Array.from({ length: layers }, (_, i) => i).filter(isDense);
}

function moeOf(f: Fields, family: string, layers: number): Json | undefined {
  if (family === 'qwen3_moe' || family === 'qwen3_vl_moe_text') {
    const step = f.optInt('decoder_sparse_step') ?? 1;
    const only = Array.isArray(f.obj.mlp_only_layers) ? (f.obj.mlp_only_layers as number[]) : [];
    return {
      experts: f.int('num_experts'),
      experts_per_token: f.int('num_experts_per_tok'),
      expert_intermediate: f.int('moe_intermediate_size'),
      shared_experts: 0,
      // Qwen3MoeDecoderLayer: sparse when not in mlp_only_layers and (i + 1) % decoder_sparse_step == 0.
      dense_layers: denseLayers(layers, (i) => only.includes(i) || (i + 1) % step !== 0),
    };
  }
  if (family === 'olmoe') {
    // OlmoeSparseMoeBlock in every layer; intermediate_size is one expert's width.
    return { experts: f.int('num_experts'), experts_per_token: f.int('num_experts_per_tok'), expert_intermediate: f.int('intermediate_size'), shared_experts: 0, dense_layers: [] };
  }
  if (family === 'deepseek_v2') {
    const firstDense = f.obj.first_k_dense_replace === undefined ? 0 : (f.obj.first_k_dense_replace as number);
    const freq = f.optInt('moe_layer_freq') ?? 1;
    const shared = typeof f.obj.n_shared_experts === 'number' ? f.obj.n_shared_experts : 0;
    return {
      experts: f.int('n_routed_experts'),
      experts_per_token: f.int('num_experts_per_tok'),
      expert_intermediate: f.int('moe_intermediate_size'),
      shared_experts: shared,
      // DeepseekV2DecoderLayer: MoE when i >= first_k_dense_replace and i % moe_layer_freq == 0.
      dense_layers: denseLayers(layers, (i) => i < firstDense || i % freq !== 0),
    };
  }
  return undefined;
}

function mlaOf(f: Fields, family: string): Json | undefined {
  if (family !== 'deepseek_v2') return undefined;
  return {
    kv_lora_rank: f.int('kv_lora_rank'),
    // Absent or null: queries are projected directly (DeepSeek-V2-Lite).
    q_lora_rank: f.optInt('q_lora_rank') ?? null,
    qk_rope_head_dim: f.int('qk_rope_head_dim'),
    qk_nope_head_dim: f.int('qk_nope_head_dim'),
    v_head_dim: f.int('v_head_dim'),
  };
}

/**
 * Gemma 3n's parts the schema has no field for, from Gemma3nTextDecoderLayer / Gemma3nTextModel
 * (transformers models/gemma3n/modeling_gemma3n.py), with d hidden, n = altup_num_inputs, r = laurel_rank:
 *   per layer  LAuReL: left d·r + right r·d + norm d; AltUp: correct_output_scale d, correction n·n,
 *              prediction n·n², modality_router d·n, router_norm d; two more layer norms 2·d
 *   once       altup_projections and altup_unembed_projections: 2·(n − 1)·d²
 */
function gemma3nOther(f: Fields, d: number): Json {
  const n = f.int('altup_num_inputs');
  const r = f.int('laurel_rank');
  return {
    per_layer: 2 * d * r + d + (d + n * n + n * n * n + d * n + d) + 2 * d,
    once: 2 * (n - 1) * d * d,
    what: `Gemma 3n AltUp (${n} streams) and LAuReL (rank ${r}) blocks, and the extra pre/post-feed-forward norms`,
  };
}

/**
 * Qwen3.5's linear-attention layers (Gated DeltaNet, transformers modular_qwen3_5.py): Hk key heads of
 * dk, Hv value heads of dv, a causal conv of linear_conv_kernel_dim taps; as an ssm section with
 * d_inner = Hv·dv, d_state = dk, n_groups = Hk, n_heads = Hv.
 */
function gatedDeltaNet(f: Fields): Json {
  const hv = f.int('linear_num_value_heads');
  return {
    variant: 'gated_deltanet',
    d_inner: hv * f.int('linear_value_head_dim'),
    d_state: f.int('linear_key_head_dim'),
    n_groups: f.int('linear_num_key_heads'),
    n_heads: hv,
    conv_kernel: f.int('linear_conv_kernel_dim'),
  };
}

/**
 * Gemma 4 (transformers modeling_gemma4.py, see test/fixtures/hf/gemma4-architecture.md): global
 * layers with their own head width, the last num_kv_shared_layers reusing caches and having no k/v
 * projections, double-wide MLPs on those layers (use_double_wide_mlp), per-layer embeddings, and
 * in every layer two more sandwich norms and a layer scalar; q/k norms (one head wide, k only on
 * layers with their own k) are counted once for the model.
 */
function gemma4Fields(f: Fields, layers: number, hidden: number): Json {
  const shared = typeof f.obj.num_kv_shared_layers === 'number' ? f.obj.num_kv_shared_layers : 0;
  const firstShared = layers - shared;
  const ff = f.int('intermediate_size');
  const local = f.int('head_dim');
  const global = f.optInt('global_head_dim') ?? local;
  const kinds = f.obj.layer_types as string[];
  let qkNorms = 0;
  for (let i = 0; i < layers; i++) {
    const d = kinds[i] === 'full_attention' ? global : local;
    qkNorms += d + (i < firstShared ? d : 0);
  }
  if (f.obj.attention_k_eq_v === true) f.fail('attention_k_eq_v', 'true (the 26B/31B layout, keys as values) is not modelled');
  return {
    ...(global !== local ? { global_head_dim: global } : {}),
    ...(shared > 0 ? { kv_shared_layers: shared, kv_shared_kv_weights: false } : {}),
    ...(f.bool('use_double_wide_mlp', false) && shared > 0 ? { mlp_widths: Array.from({ length: layers }, (_, i) => (i >= firstShared ? 2 * ff : ff)) } : {}),
    per_layer_embeddings: { hidden: f.int('hidden_size_per_layer_input'), vocab: f.int('vocab_size_per_layer_input'), streamed: true },
    other_weights: { per_layer: 2 * hidden + 1, once: qkNorms, what: 'Gemma 4 pre/post-feed-forward norms, the layer scalar, and the q/k norms' },
  };
}

/** The architecture fields of the llm section beyond the dense ones (empty for a dense transformer). */
export function architectureFields(f: Fields, family: string, layers: number, hidden: number): Json {
  const out: Json = {};
  const kinds = layerKinds(f, family, layers);
  if (kinds && kinds.some((k) => k !== 'global')) {
    const sliding = SLIDING_FAMILIES.has(family);
    // A family whose runtimes ignore sliding windows runs those layers as global attention.
    const used = sliding ? kinds : kinds.map((k) => (k === 'local' ? 'global' : k));
    if (used.some((k) => k !== 'global')) out.layer_types = compactKinds(used);
    if (used.includes('local')) out.sliding_window = f.int('sliding_window');
  }
  if (kinds?.includes('conv')) out.conv = { kernel: f.int('conv_L_cache') };
  if (kinds?.includes('ssm')) out.ssm = gatedDeltaNet(f);
  // Qwen3.5 / Qwen3-Next: the query projection also makes the output gate.
  if (f.obj.attn_output_gate === true) out.attention_output_gate = true;
  const moe = moeOf(f, family, layers);
  if (moe) out.moe = moe;
  const mla = mlaOf(f, family);
  if (mla) out.mla = mla;
  if (family === 'gemma4_text') Object.assign(out, gemma4Fields(f, layers, hidden));
  if (family === 'gemma3n_text') {
    const shared = f.obj.num_kv_shared_layers;
    if (typeof shared === 'number' && shared > 0) out.kv_shared_layers = shared;
    out.per_layer_embeddings = { hidden: f.int('hidden_size_per_layer_input'), vocab: f.int('vocab_size_per_layer_input'), streamed: true };
    out.other_weights = gemma3nOther(f, hidden);
  }
  return out;
}
