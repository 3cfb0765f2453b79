/**
 * GGUF model size: the tensors a llama.cpp GGUF file of a decoder-only transformer holds, the type
 * each gets under a file type ("Q4_K_M"), and their bytes.
 *
 *   bytes(tensor) = rows * slices * (rowLength / blockWeights(type)) * blockBytes(type)
 *
 * The tensor list follows llama.cpp's GGUF names (token_embd, output, output_norm, blk.N.attn_q, ...)
 * in the model loader's order (`weight_name_comparer` in `src/llama-model-loader.h`: non-layer
 * tensors first, then by layer, then by name), which the recipe's running counters depend on.
 * Types come from gguf-recipe.ts (a port of llama.cpp `src/llama-quant.cpp` at commit
 * 007dbbf3fd17eefe9b47fee45f48f7ba5e62b714), block sizes from ggml-types.ts.
 *
 * `total` is tensor data only. A .gguf file adds a header with the metadata key/values (mostly the
 * tokenizer's vocabulary and merges: the Qwen2.5-1.5B Q4_K_M file is 5.95 MB larger than its
 * predicted tensors) and pads every tensor to 32 bytes (GGUF_DEFAULT_ALIGNMENT); neither is counted.
 */
import { GGML_TYPES, type GgmlType } from './ggml-types.js';
import type { GgufFileType } from './gguf-ftypes.js';
import { ggufTensorType, type GgufModelShape, type GgufQuantOptions, type GgufTensor, type TensorRole } from './gguf-recipe.js';

export * from './ggml-types.js';
export * from './gguf-ftypes.js';
export * from './gguf-recipe.js';

/** One tensor of the file: its GGUF name, shape and recipe inputs. */
export interface GgufTensorSpec extends GgufTensor {
  name: string;
  /** ne[1]. Params = rowLength * rows * slices. */
  rows: number;
}

export interface RoleBytes {
  /** The type holding most of this role's weights. */
  type: GgmlType;
  /** Weights per type, when a role is split (Q4_K_M attn_v: some Q6_K, some Q4_K). */
  types: Partial<Record<GgmlType, number>>;
  bytes: number;
  params: number;
}

export interface GgufModelBytes {
  /** Bytes of all tensor data (no metadata, no alignment padding). */
  total: number;
  params: number;
  /** 8 * total / params, as llama-quantize prints it ("quant size ... BPW"). */
  bitsPerWeight: number;
  byRole: Partial<Record<TensorRole, RoleBytes>>;
  tensorCount: number;
}

type Counter = 'attn_v' | 'ffn_down' | 'ffn_gate' | 'ffn_up';

function counterOf(role: TensorRole): Counter | undefined {
  if (role === 'attn_v' || role === 'attn_qkv' || role === 'attn_kv_b') return 'attn_v';
  if (role === 'ffn_gate_inp') return undefined; // never quantized, so never reaches the counters
  for (const c of ['ffn_down', 'ffn_gate', 'ffn_up'] as const) if (role.startsWith(c)) return c;
  return undefined;
}

/** The weight tensors of one transformer block, sorted by GGUF name as the loader sorts them. */
function layerTensors(m: GgufModelShape, layer: number): GgufTensorSpec[] {
  const hd = m.head_dim ?? m.hidden / m.heads;
  const qDim = m.heads * hd;
  const kvDim = m.kv_heads * hd;
  const out: GgufTensorSpec[] = [];
  const add = (suffix: string, role: TensorRole, rowLength: number, rows: number, slices = 1): void => {
    out.push({ name: `blk.${layer}.${suffix}`, role, layer, rowLength, rows, slices });
  };
  const norms = ['attn_norm', 'ffn_norm', 'post_attention_norm', 'post_ffw_norm'];
  for (let i = 0; i < (m.norms_per_layer ?? 2); i++) add(`${norms[i] ?? `norm_${i}`}.weight`, 'norm', m.hidden, 1);
  if (m.qk_norm) {
    add('attn_q_norm.weight', 'norm', hd, 1);
    add('attn_k_norm.weight', 'norm', hd, 1);
  }
  const mixer = m.mixers?.[layer] ?? 'attention';
  if (mixer === 'conv') {
    // LFM2 ShortConv: in_proj d -> 3d, a depthwise conv of conv_kernel taps (kept F32, like ssm_conv1d), out_proj.
    add('shortconv.conv.weight', 'norm', m.conv_kernel ?? 3, m.hidden);
    add('shortconv.in_proj.weight', 'other', m.hidden, 3 * m.hidden);
    add('shortconv.out_proj.weight', 'other', m.hidden, m.hidden);
  } else if (m.mla) {
    const a = m.mla;
    const qk = a.qk_nope_head_dim + a.qk_rope_head_dim;
    if (a.q_lora_rank === null) add('attn_q.weight', 'attn_q', m.hidden, m.heads * qk);
    else {
      add('attn_q_a.weight', 'other', m.hidden, a.q_lora_rank);
      add('attn_q_a_norm.weight', 'norm', a.q_lora_rank, 1);
      add('attn_q_b.weight', 'attn_q', a.q_lora_rank, m.heads * qk);
    }
    add('attn_kv_a_mqa.weight', 'other', m.hidden, a.kv_lora_rank + a.qk_rope_head_dim);
    add('attn_kv_a_norm.weight', 'norm', a.kv_lora_rank, 1);
    add('attn_kv_b.weight', 'attn_kv_b', a.kv_lora_rank, m.heads * (a.qk_nope_head_dim + a.v_head_dim));
    add('attn_output.weight', 'attn_output', m.heads * a.v_head_dim, m.hidden);
  } else {
    if (m.fused_qkv) {
      add('attn_qkv.weight', 'attn_qkv', m.hidden, qDim + 2 * kvDim);
      if (m.qkv_bias) add('attn_qkv.bias', 'bias', qDim + 2 * kvDim, 1);
    } else {
      add('attn_k.weight', 'attn_k', m.hidden, kvDim);
      add('attn_q.weight', 'attn_q', m.hidden, qDim);
      add('attn_v.weight', 'attn_v', m.hidden, kvDim);
      if (m.qkv_bias) {
        add('attn_k.bias', 'bias', kvDim, 1);
        add('attn_q.bias', 'bias', qDim, 1);
        add('attn_v.bias', 'bias', kvDim, 1);
      }
    }
    add('attn_output.weight', 'attn_output', qDim, m.hidden);
  }
  const nExpert = m.dense_layers?.includes(layer) ? 0 : (m.n_expert ?? 0);
  if (nExpert > 0) {
    const ei = m.expert_intermediate ?? m.intermediate;
    add('ffn_down_exps.weight', 'ffn_down_exps', ei, m.hidden, nExpert);
    add('ffn_gate_exps.weight', 'ffn_gate_exps', m.hidden, ei, nExpert);
    add('ffn_gate_inp.weight', 'ffn_gate_inp', m.hidden, nExpert);
    add('ffn_up_exps.weight', 'ffn_up_exps', m.hidden, ei, nExpert);
    const si = m.shared_expert_intermediate ?? 0;
    if (si > 0) {
      add('ffn_down_shexp.weight', 'ffn_down_shexp', si, m.hidden);
      add('ffn_gate_shexp.weight', 'ffn_gate_shexp', m.hidden, si);
      add('ffn_up_shexp.weight', 'ffn_up_shexp', m.hidden, si);
    }
  } else {
    add('ffn_down.weight', 'ffn_down', m.intermediate, m.hidden);
    if (m.fused_gate_up) add('ffn_up.weight', 'ffn_up', m.hidden, 2 * m.intermediate);
    else {
      if (m.gated_mlp !== false) add('ffn_gate.weight', 'ffn_gate', m.hidden, m.intermediate);
      add('ffn_up.weight', 'ffn_up', m.hidden, m.intermediate);
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Every tensor of the model's GGUF file, in loader order, with the recipe's running counters set. */
export function ggufTensors(m: GgufModelShape): GgufTensorSpec[] {
  const head: GgufTensorSpec[] = [
    ...(m.tied_embeddings ? [] : [{ name: 'output.weight', role: 'output' as const, layer: -1, rowLength: m.hidden, rows: m.vocab }]),
    { name: 'output_norm.weight', role: 'norm', layer: -1, rowLength: m.hidden, rows: 1 },
    { name: 'token_embd.weight', role: 'token_embd', layer: -1, rowLength: m.hidden, rows: m.vocab },
  ];
  const all = [...head];
  for (let l = 0; l < m.layers; l++) all.push(...layerTensors(m, l));
  const seen: Record<Counter, number> = { attn_v: 0, ffn_down: 0, ffn_gate: 0, ffn_up: 0 };
  const nAttnV = all.filter((t) => counterOf(t.role) === 'attn_v').length;
  for (const t of all) {
    const c = counterOf(t.role);
    if (c === undefined) continue;
    t.counter = seen[c]++;
    if (c === 'attn_v') t.counterTotal = nAttnV;
  }
  return all;
}

/** Bytes of one tensor stored as `type`. */
export function ggufTensorBytes(t: GgufTensorSpec, type: GgmlType): number {
  const info = GGML_TYPES[type];
  return (t.rowLength / info.blockWeights) * info.blockBytes * t.rows * (t.slices ?? 1);
}

/** Tensor-data bytes of a GGUF file of this model and file type, by role. */
export function ggufModelBytes(m: GgufModelShape, ftype: GgufFileType, o: GgufQuantOptions = {}): GgufModelBytes {
  const byRole: Partial<Record<TensorRole, RoleBytes>> = {};
  let total = 0;
  let params = 0;
  const tensors = ggufTensors(m);
  for (const t of tensors) {
    const type = ggufTensorType(ftype, t, m, o);
    const n = t.rowLength * t.rows * (t.slices ?? 1);
    const bytes = ggufTensorBytes(t, type);
    const r = (byRole[t.role] ??= { type, types: {}, bytes: 0, params: 0 });
    r.types[type] = (r.types[type] ?? 0) + n;
    r.bytes += bytes;
    r.params += n;
    total += bytes;
    params += n;
  }
  for (const r of Object.values(byRole)) {
    r.type = (Object.entries(r.types) as [GgmlType, number][]).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  }
  return { total, params, bitsPerWeight: (8 * total) / params, byRole, tensorCount: tensors.length };
}
