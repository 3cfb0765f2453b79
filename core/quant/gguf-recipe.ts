/**
 * The llama.cpp quantization recipe: which ggml type each tensor of a GGUF file gets under a file
 * type. A file type ("Q4_K_M") is a mixture, not one type: the default type (gguf-ftypes.ts) is
 * promoted for sensitive tensors (output / tied embeddings, attn_v, ffn_down by layer position,
 * attn_output), demoted for a few (IQ3_XS attn_q/k), and replaced by a fallback when a row length
 * is not a whole number of blocks. Norms, biases and other 1-D tensors are never quantized.
 *
 * A faithful port of `tensor_allows_quantization`, `tensor_type_fallback`,
 * `llama_tensor_get_type_impl` and `llama_tensor_get_type` in
 * https://github.com/ggml-org/llama.cpp/blob/007dbbf3fd17eefe9b47fee45f48f7ba5e62b714/src/llama-quant.cpp
 * Left out (documented, not ported): `--tensor-type` regex overrides, `--prune-layers`, the long
 * list of architecture-specific never-quantized names (RWKV time_mix_*, Mamba ssm_conv1d, T5
 * attn_rel_b, BERT position/token-type embeddings, Gemma-3n altup/laurel, multimodal patch and
 * position embeddings); the BAILINGMOE3 expert check is kept. That source's `ATTENTION_QKV`
 * branch (Q4_K_M -> Q5_K ...) cannot be reached there, because attn_qkv is first caught by the
 * attn_v branch (`category_is_attn_v`); this port follows the code, not the dead branch.
 */
import { GGML_TYPES, type GgmlType } from './ggml-types.js';
import { GGUF_FILE_TYPES, type GgufFileType } from './gguf-ftypes.js';

/** What a tensor does; GGUF names it `blk.<layer>.<role>.weight` or `<role>.weight`. */
export type TensorRole =
  | 'token_embd' | 'output' | 'attn_q' | 'attn_k' | 'attn_v' | 'attn_qkv' | 'attn_kv_b' | 'attn_output'
  | 'ffn_gate' | 'ffn_up' | 'ffn_down' | 'ffn_gate_exps' | 'ffn_up_exps' | 'ffn_down_exps'
  | 'ffn_gate_shexp' | 'ffn_up_shexp' | 'ffn_down_shexp' | 'ffn_gate_inp' | 'norm' | 'bias'
  /** A 2-D weight no recipe branch names (LFM2 shortconv projections, MLA's attn_kv_a_mqa): the default type. */
  | 'other';

/** The hyper-parameters the recipe and the tensor list need (names as in models/*.yaml). */
export interface GgufModelShape {
  layers: number;
  hidden: number;
  heads: number;
  kv_heads: number;
  /** Default hidden / heads. */
  head_dim?: number;
  intermediate: number;
  vocab: number;
  /** No output.weight in the file: token_embd is quantized like the output tensor. */
  tied_embeddings: boolean;
  n_expert?: number;
  n_expert_used?: number;
  expert_intermediate?: number;
  shared_expert_intermediate?: number;
  /** Layers whose FFN is dense in a MoE model (DeepSeek's first_k_dense_replace). */
  dense_layers?: number[];
  /** The mixer of each layer (default attention): LFM2's short-convolution layers hold shortconv tensors. */
  mixers?: Array<'attention' | 'conv'>;
  /** Short-convolution taps (LFM2 conv_L_cache). */
  conv_kernel?: number;
  /** Multi-head latent attention (DeepSeek-V2): attn_q (or q_a/q_b), attn_kv_a_mqa, attn_kv_b instead of q/k/v. */
  mla?: { kv_lora_rank: number; q_lora_rank: number | null; qk_rope_head_dim: number; qk_nope_head_dim: number; v_head_dim: number };
  /** llama.cpp architecture name; only 'falcon', 'bailingmoe3' and 'llama' (70B rule) change the recipe. */
  arch?: string;
  /** q/k/v projections carry biases (Qwen2): 1-D, kept F32. */
  qkv_bias?: boolean;
  /** Per-head RMS norms on q and k (Qwen3, Gemma 3): 1-D, kept F32. */
  qk_norm?: boolean;
  /** 1-D norm vectors of width `hidden` per layer (default 2; Gemma 2/3 have 4). */
  norms_per_layer?: number;
  /** One attn_qkv tensor instead of attn_q/k/v (Phi-3). */
  fused_qkv?: boolean;
  /** ffn_up holds gate and up (Phi-3): no ffn_gate tensor, ffn_up has 2 * intermediate rows. */
  fused_gate_up?: boolean;
  /** False for a plain up/down MLP (no ffn_gate). Default true. */
  gated_mlp?: boolean;
}

/** llama-quantize options that change tensor types (defaults as `llama_model_quantize_default_params`). */
export interface GgufQuantOptions {
  /** An importance matrix was given (changes IQ3_XXS, IQ4_NL/XS, Q4_0/Q5_0 ffn_down). */
  imatrix?: boolean;
  /** --pure: no recipe, only the default type and the fallback. */
  pure?: boolean;
  /** --output-tensor-type / --token-embedding-type. */
  outputTensorType?: GgmlType;
  tokenEmbeddingType?: GgmlType;
  /** --leave-output-tensor sets this false. Default true. */
  quantizeOutputTensor?: boolean;
  /** Type of tensors in the unquantized input (default F16; 1-D tensors are always F32). */
  sourceType?: GgmlType;
}

export interface GgufTensor {
  role: TensorRole;
  /** Block index; -1 for token_embd, output and output_norm. */
  layer: number;
  /** Weights per row (ne[0]); the block size must divide it. */
  rowLength: number;
  /** ne[2]: experts stacked in one tensor (default 1). */
  slices?: number;
  /** Tensor rank (default: 1 for norm/bias, 3 when slices > 1, else 2). */
  nDims?: number;
  /** Running count of earlier tensors of this counter's kind (attn_v-like, ffn_down, ffn_gate or
   *  ffn_up) in loader order; default `layer` (one per layer, as in dense models). */
  counter?: number;
  /** attn_v-like tensors in the whole model (`n_attention_wv`); default `layers`. */
  counterTotal?: number;
}

type Cat = 'TOKEN_EMBD' | 'OUTPUT' | 'Q' | 'K' | 'V' | 'QKV' | 'KV_B' | 'ATTN_OUT' | 'FFN_UP' | 'FFN_GATE' | 'FFN_DOWN' | 'OTHER';

/** `tensor_get_category`, by role instead of by name. */
export function tensorCategory(role: TensorRole): Cat {
  const byRole: Partial<Record<TensorRole, Cat>> = {
    token_embd: 'TOKEN_EMBD', output: 'OUTPUT', attn_q: 'Q', attn_k: 'K', attn_v: 'V', attn_qkv: 'QKV',
    attn_kv_b: 'KV_B', attn_output: 'ATTN_OUT',
  };
  if (byRole[role]) return byRole[role]!;
  if (role.startsWith('ffn_up')) return 'FFN_UP';
  if (role.startsWith('ffn_gate')) return 'FFN_GATE';
  if (role.startsWith('ffn_down')) return 'FFN_DOWN';
  return 'OTHER';
}

const isAttnV = (c: Cat): boolean => c === 'V' || c === 'QKV' || c === 'KV_B';
const ncols = (ty: GgmlType): number => GGML_TYPES[ty].blockWeights;
const div = (a: number, b: number): number => Math.trunc(a / b); // C integer division

/** `use_more_bits`: the first and last eighth of the layers and every third one between. */
export function useMoreBits(i: number, n: number): boolean {
  return i < div(n, 8) || i >= div(7 * n, 8) || (i - div(n, 8)) % 3 === 2;
}

/** `tensor_allows_quantization` (generic part): only 2-D/3-D weights, never norms or the router. */
export function allowsQuantization(t: GgufTensor, o: GgufQuantOptions = {}): boolean {
  if (nDimsOf(t) < 2) return false;
  if (t.role === 'norm' || t.role === 'bias' || t.role === 'ffn_gate_inp') return false;
  return o.quantizeOutputTensor !== false || t.role !== 'output';
}

function nDimsOf(t: GgufTensor): number {
  if (t.nDims !== undefined) return t.nDims;
  if (t.role === 'norm' || t.role === 'bias') return 1;
  return (t.slices ?? 1) > 1 ? 3 : 2;
}

/** `tensor_type_fallback`: a type whose block divides the row, else F16. */
export function fallbackType(type: GgmlType, rowLength: number): GgmlType {
  if (rowLength % ncols(type) === 0) return type;
  const to: Partial<Record<GgmlType, GgmlType>> = {
    IQ1_S: 'IQ4_NL', IQ1_M: 'IQ4_NL', IQ2_XXS: 'IQ4_NL', IQ2_XS: 'IQ4_NL', IQ2_S: 'IQ4_NL',
    IQ3_XXS: 'IQ4_NL', IQ3_S: 'IQ4_NL', IQ4_XS: 'IQ4_NL',
    Q2_0: 'Q4_0', Q2_K: 'Q4_0', Q3_K: 'Q4_0', TQ1_0: 'Q4_0', TQ2_0: 'Q4_0',
    Q4_K: 'Q5_0', Q5_K: 'Q5_1', Q6_K: 'Q8_0',
  };
  const next = to[type];
  if (!next) throw new Error(`no tensor type fallback is defined for type ${type}`);
  return rowLength % ncols(next) === 0 ? next : 'F16';
}

/** `llama_tensor_get_type`: the ggml type one tensor gets in a file of type `ftype`. */
export function ggufTensorType(ftype: GgufFileType, t: GgufTensor, m: GgufModelShape, o: GgufQuantOptions = {}): GgmlType {
  if (!allowsQuantization(t, o)) return nDimsOf(t) < 2 || t.role === 'ffn_gate_inp' ? 'F32' : (o.sourceType ?? 'F16');
  const cat = tensorCategory(t.role);
  if (o.tokenEmbeddingType && cat === 'TOKEN_EMBD') return o.tokenEmbeddingType;
  if (o.outputTensorType && cat === 'OUTPUT') return o.outputTensorType;
  const def = GGUF_FILE_TYPES[ftype].defaultType;
  if (!GGML_TYPES[def].quantized) return def;
  const chosen = o.pure ? def : recipeType(ftype, def, cat, t, m, o);
  return fallbackType(chosen, t.rowLength);
}

const LOW_IQ: ReadonlySet<GgufFileType> = new Set(['IQ2_XXS', 'IQ2_XS', 'IQ1_S', 'IQ2_S', 'IQ2_M', 'IQ1_M']);

/** `llama_tensor_get_type_impl`, branch by branch in the source's order. */
function recipeType(F: GgufFileType, def: GgmlType, cat: Cat, t: GgufTensor, m: GgufModelShape, o: GgufQuantOptions): GgmlType {
  const nExpert = m.n_expert ?? 0;
  const falcon = m.arch === 'falcon';
  if (cat === 'OUTPUT' || (m.tied_embeddings && cat === 'TOKEN_EMBD')) return outputType(F, def, t, m, o);
  if (F === 'MXFP4_MOE') {
    const expertRole = cat === 'FFN_UP' || cat === 'FFN_GATE' || cat === 'FFN_DOWN';
    return (t.slices ?? 1) > 1 && (m.arch !== 'bailingmoe3' || expertRole) ? 'MXFP4' : 'Q8_0';
  }
  if (cat === 'TOKEN_EMBD') return tokenEmbdType(F, def);
  if (LOW_IQ.has(F)) return lowIqType(F, def, cat, t, m);
  if (isAttnV(cat)) return attnVType(F, def, t, m, o);
  if (cat === 'K') return nExpert === 8 ? 'Q8_0' : F === 'IQ3_XS' ? 'IQ3_XXS' : F === 'IQ3_XXS' ? 'IQ2_S' : def;
  if (cat === 'Q') return F === 'IQ3_XS' ? 'IQ3_XXS' : F === 'IQ3_XXS' ? 'IQ2_S' : def;
  if (cat === 'FFN_DOWN') return ffnDownType(F, def, t, m, o);
  if (cat === 'ATTN_OUT') return attnOutputType(F, def, nExpert, falcon);
  if (cat === 'FFN_GATE' || cat === 'FFN_UP') {
    const [i, n] = layerInfo(t, m);
    return F === 'IQ3_XS' && i >= div(n, 8) && i < div(7 * n, 8) ? 'IQ3_XXS' : def;
  }
  return def;
}

/** `layer_info`: with experts the layer comes from the name, else from the running counter. */
function layerInfo(t: GgufTensor, m: GgufModelShape): [number, number] {
  return [Math.max(1, m.n_expert ?? 0) > 1 ? t.layer : (t.counter ?? t.layer), m.layers];
}

function outputType(F: GgufFileType, def: GgmlType, t: GgufTensor, m: GgufModelShape, o: GgufQuantOptions): GgmlType {
  if (o.outputTensorType) return o.outputTensorType;
  if (F === 'MXFP4_MOE') return 'Q8_0';
  if (m.arch === 'falcon' || t.rowLength % ncols(def) !== 0) return 'Q8_0';
  if (['IQ2_XXS', 'IQ2_XS', 'IQ3_XXS', 'IQ1_S', 'IQ2_S', 'IQ2_M', 'IQ1_M'].includes(F)) return 'Q5_K';
  return def !== 'Q8_0' ? 'Q6_K' : def;
}

function tokenEmbdType(F: GgufFileType, def: GgmlType): GgmlType {
  if (F === 'IQ2_XXS' || F === 'IQ2_XS' || F === 'IQ1_S' || F === 'IQ1_M') return 'Q2_K';
  if (F === 'IQ2_S' || F === 'IQ2_M' || F === 'IQ3_XXS') return 'IQ3_S';
  if (F === 'TQ1_0' || F === 'TQ2_0' || F === 'Q2_0') return 'Q4_K';
  return def;
}

function lowIqType(F: GgufFileType, def: GgmlType, cat: Cat, t: GgufTensor, m: GgufModelShape): GgmlType {
  const nExpert = m.n_expert ?? 0;
  const sm = F === 'IQ2_S' || F === 'IQ2_M';
  if (isAttnV(cat)) return m.heads / m.kv_heads >= 4 || nExpert >= 4 ? 'Q4_K' : sm ? 'IQ3_S' : 'Q2_K';
  if (nExpert === 8 && cat === 'K') return 'Q4_K';
  if (cat === 'FFN_DOWN') return (t.counter ?? t.layer) < div(m.layers, 8) ? (sm ? 'IQ3_S' : 'Q2_K') : def;
  if (cat === 'ATTN_OUT') {
    if (nExpert === 8) return 'Q5_K';
    if (F === 'IQ1_S' || F === 'IQ1_M') return 'IQ2_XXS';
    if (sm) return 'IQ3_S';
  }
  return def;
}

function attnVType(F: GgufFileType, def: GgmlType, t: GgufTensor, m: GgufModelShape, o: GgufQuantOptions): GgmlType {
  const gqa = m.heads / m.kv_heads;
  const i = t.counter ?? t.layer;
  let ty = def;
  if (F === 'Q2_K') ty = gqa >= 4 ? 'Q4_K' : 'Q3_K';
  else if (F === 'Q2_K_S' && gqa >= 4) ty = 'Q4_K';
  else if (F === 'IQ3_XXS') ty = gqa >= 4 ? 'Q4_K' : !o.imatrix ? 'IQ3_S' : 'IQ3_XXS';
  else if ((F === 'IQ3_XS' || F === 'IQ3_S') && gqa >= 4) ty = 'Q4_K';
  else if (F === 'IQ3_M') ty = 'Q4_K';
  else if (F === 'Q3_K_M') ty = i < 2 ? 'Q5_K' : 'Q4_K';
  else if (F === 'Q3_K_L') ty = 'Q5_K';
  else if ((F === 'IQ4_NL' || F === 'IQ4_XS') && gqa >= 4) ty = 'Q5_K';
  else if ((F === 'Q4_K_M' || F === 'Q5_K_M') && useMoreBits(i, t.counterTotal ?? m.layers)) ty = 'Q6_K';
  else if (F === 'Q4_K_S' && i < 4) ty = 'Q5_K';
  // LLM_TYPE_70B: a LLaMA with 80 layers and grouped-query attention.
  const is70B = m.arch === 'llama' && m.layers === 80 && m.heads !== m.kv_heads;
  if (is70B && (ty === 'Q3_K' || ty === 'Q4_K')) ty = 'Q5_K';
  if ((m.n_expert ?? 0) === 8) ty = 'Q8_0';
  return ty;
}

function ffnDownType(F: GgufFileType, def: GgmlType, t: GgufTensor, m: GgufModelShape, o: GgufQuantOptions): GgmlType {
  const [i, n] = layerInfo(t, m);
  const falcon = m.arch === 'falcon';
  const more = useMoreBits(i, n);
  const first8 = i < div(n, 8);
  if (F === 'Q2_K') return 'Q3_K';
  if (F === 'Q2_K_S') return first8 ? 'Q4_K' : def;
  if (F === 'IQ3_XXS' && !o.imatrix) return first8 ? 'Q4_K' : 'Q3_K';
  if (F === 'Q3_K_M') return i < div(n, 16) ? 'Q5_K' : !falcon || more ? 'Q4_K' : 'Q3_K';
  if (F === 'IQ3_M' && (first8 || ((m.n_expert ?? 0) === 8 && more))) return 'Q4_K';
  if (F === 'Q3_K_L') return falcon ? 'Q4_K' : 'Q5_K';
  if (F === 'Q4_K_M') {
    if (falcon) return i < div(n, 16) ? 'Q6_K' : more ? 'Q5_K' : 'Q4_K';
    return more ? 'Q6_K' : def;
  }
  if (first8 && (F === 'IQ4_NL' || F === 'IQ4_XS') && !o.imatrix) return 'Q5_K';
  if (F === 'Q5_K_M' && more) return 'Q6_K';
  if (F === 'Q4_K_S' && !falcon && first8) return 'Q5_K';
  if ((F === 'Q4_0' || F === 'Q5_0') && o.imatrix && first8) return F === 'Q4_0' ? 'Q4_1' : 'Q5_1';
  return def;
}

function attnOutputType(F: GgufFileType, def: GgmlType, nExpert: number, falcon: boolean): GgmlType {
  if (falcon) return F === 'Q3_K_L' ? 'Q4_K' : def;
  if (nExpert === 8) {
    const bump: GgufFileType[] = ['Q2_K', 'IQ3_XS', 'IQ3_XXS', 'Q3_K_S', 'Q3_K_M', 'IQ4_NL', 'Q4_K_S', 'Q4_K_M', 'IQ3_S', 'IQ3_M', 'IQ4_XS'];
    return bump.includes(F) ? 'Q5_K' : def;
  }
  const to: Partial<Record<GgufFileType, GgmlType>> = { Q2_K: 'Q3_K', IQ3_XXS: 'IQ3_S', Q3_K_M: 'Q4_K', Q3_K_L: 'Q5_K', IQ3_M: 'Q4_K' };
  return to[F] ?? def;
}
