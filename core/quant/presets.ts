/**
 * Quantization by name: what `--quant NAME`, `quant:` in a scenario, a sweep's `quant` axis and a
 * measurement record's `quant` mean. A name is a GGUF file type (Q4_K_M, Q8_0, IQ4_XS...: exact
 * per-tensor recipe, gguf.ts), a runtime's named format (AWQ, GPTQ, NF4, MLX 4-bit, q4f16_1, w4a16,
 * 8da4w: formats.ts), or a plain width (int4, int8, fp16, bf16).
 *
 * For a given model it becomes the LLM's and the embedding table's quantization. A GGUF type is
 * the exact bits per weight its recipe gives this model's tensors (promoted attn_v / ffn_down, the
 * token embedding and output head at their own types); the nominal width (4 for Q4_K_M) picks the
 * compute precision. The vision tower of a GGUF deployment stays in its own 16-bit file (llama.cpp
 * ships it as mmproj-*-f16.gguf).
 */
import { layerKinds } from '../architecture.js';
import type { ComponentQuant, ModelConfig } from '../schema/index.js';
import { GGML_TYPES, GGUF_FILE_TYPES, ggufModelBytes, parseGgufFileType, type GgufFileType, type GgufModelShape, type TensorRole } from './gguf.js';
import { QUANT_PRESETS, presetBitsPerWeight, findQuantPreset, type QuantPreset } from './formats.js';
import { groupingFor } from '../defaults.js';

export type QuantFormat =
  | { kind: 'gguf'; name: string; ftype: GgufFileType }
  | { kind: 'preset'; name: string; preset: QuantPreset }
  | { kind: 'plain'; name: string; wbits: number };

/** Plain widths people write. "4bit"/"8bit" name the MLX community's conversions (mlx-community/*-4bit). */
const PLAIN: Record<string, number> = { int4: 4, w4: 4, int8: 8, w8: 8, fp16: 16, f16: 16, bf16: 16, fp32: 32, f32: 32, int2: 2, int3: 3 };

const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

/** The format a name refers to; undefined if none. */
/**
 * Whether a named format keeps 16- or 32-bit weights (GGUF F16/BF16/F32, a plain 16-bit width):
 * such weights run with 16-bit activations whatever the engine's default for quantized ones.
 */
export function isWideFormat(name: string): boolean {
  const f = findQuantFormat(name);
  return f?.kind === 'gguf' ? /^(F16|BF16|F32)$/i.test(f.name) : f?.kind === 'plain' ? f.wbits >= 16 : false;
}

export function findQuantFormat(raw: string): QuantFormat | undefined {
  const name = raw.trim().replace(/^ud-/i, '');
  const ftype = parseGgufFileType(name.replace(/-/g, '_'));
  // F16/BF16/F32 are also plain widths; as GGUF names they mean the file type.
  if (ftype) return { kind: 'gguf', name: ftype, ftype };
  const preset = findQuantPreset(name) ?? (/^[348]-?bits?$/i.test(name) ? findQuantPreset(`mlx-${name.replace(/[^0-9]/g, '')}bit`) : undefined);
  if (preset) return { kind: 'preset', name: preset.id, preset };
  const w = PLAIN[norm(name)];
  return w !== undefined ? { kind: 'plain', name: norm(name), wbits: w } : undefined;
}

/** Every name `--quant` takes, for help and `mmplan list quants`. */
export function quantNames(): Array<{ name: string; kind: string; bits: string; runtime: string }> {
  const bits = (t: keyof typeof GGML_TYPES) => ((GGML_TYPES[t].blockBytes * 8) / GGML_TYPES[t].blockWeights).toFixed(3);
  return [
    ...(Object.entries(GGUF_FILE_TYPES) as Array<[GgufFileType, { defaultType: keyof typeof GGML_TYPES }]>).map(([t, info]) => ({
      name: t,
      kind: 'gguf',
      // Mixed recipes (_S/_M/_L) promote some tensors: the model's own figure is in its estimate.
      bits: /_[SML]$/.test(t) ? `${bits(info.defaultType)}+` : bits(info.defaultType),
      runtime: 'llama.cpp (GGUF)',
    })),
    ...QUANT_PRESETS.map((p) => ({ name: p.id, kind: 'preset', bits: presetBitsPerWeight(p.quant).toFixed(3), runtime: p.runtime })),
    ...Object.entries(PLAIN).map(([n, w]) => ({ name: n, kind: 'plain', bits: String(w), runtime: 'any' })),
  ];
}

/** A model's LLM as the GGUF recipe sees it. */
export function ggufShape(model: ModelConfig): GgufModelShape {
  const l = model.llm;
  const kinds = layerKinds(l);
  return {
    layers: l.layers,
    hidden: l.hidden,
    heads: l.heads,
    kv_heads: l.kv_heads,
    head_dim: l.head_dim,
    intermediate: l.intermediate,
    vocab: l.vocab,
    tied_embeddings: l.tied_embeddings,
    gated_mlp: l.mlp === 'gated',
    ...(l.moe
      ? {
          n_expert: l.moe.experts,
          n_expert_used: l.moe.experts_per_token,
          expert_intermediate: l.moe.expert_intermediate,
          shared_expert_intermediate: l.moe.shared_experts * (l.moe.shared_intermediate ?? l.moe.expert_intermediate),
          dense_layers: l.moe.dense_layers,
        }
      : {}),
    ...(kinds.includes('conv') ? { mixers: kinds.map((k) => (k === 'conv' ? 'conv' : 'attention')), conv_kernel: l.conv?.kernel } : {}),
    ...(l.mla ? { mla: l.mla } : {}),
  };
}

const EMBEDDING_ROLES: TensorRole[] = ['token_embd', 'output'];

export type QuantApplied = { llm: Partial<ComponentQuant>; embeddings: Partial<ComponentQuant>; vit?: Partial<ComponentQuant>; projector?: Partial<ComponentQuant>; note: string };

const applied = new WeakMap<ModelConfig, Map<string, QuantApplied>>();

/** What a format makes of this model's components, computed once per (model, format): sweeps ask often. */
export function applyQuantFormat(f: QuantFormat, model: ModelConfig): QuantApplied {
  let m = applied.get(model);
  if (!m) applied.set(model, (m = new Map()));
  const key = `${f.kind}:${f.name}`;
  let r = m.get(key);
  if (!r) m.set(key, (r = computeQuant(f, model)));
  return r;
}

/** Only what the format fixes; activation bits stay the engine's (or the scenario's). */
function computeQuant(f: QuantFormat, model: ModelConfig): QuantApplied {
  if (f.kind === 'plain') {
    const q = { wbits: Math.min(16, f.wbits), ...groupingFor(f.wbits) };
    return { llm: q, embeddings: q, note: `${f.name}: ${f.wbits}-bit weights${f.wbits < 8 ? ', 128-weight groups with an fp16 scale' : ''}` };
  }
  if (f.kind === 'preset') {
    const { wbits, abits, group_size, scale_bytes } = f.preset.quant;
    const q = { wbits, group_size, scale_bytes, format: f.preset.id };
    return { llm: { ...q, abits }, embeddings: { ...q, abits }, note: `${f.preset.id} (${f.preset.runtime}): ${presetBitsPerWeight(f.preset.quant).toFixed(3)} bits per weight` };
  }
  const bytes = ggufModelBytes(ggufShape(model), f.ftype);
  let embBytes = 0;
  let embParams = 0;
  for (const r of EMBEDDING_ROLES) {
    embBytes += bytes.byRole[r]?.bytes ?? 0;
    embParams += bytes.byRole[r]?.params ?? 0;
  }
  const bodyBits = (8 * (bytes.total - embBytes)) / (bytes.params - embParams);
  const embBits = (8 * embBytes) / embParams;
  const nominal = (bits: number) => Math.max(1, Math.min(16, Math.floor(bits)));
  // The file type's own block type: ffn_up is never promoted by the _S/_M/_L recipes (ffn_down and attn_v are).
  const mainType = bytes.byRole.ffn_up?.type ?? bytes.byRole.attn_q?.type;
  const mainBits = mainType ? (GGML_TYPES[mainType].blockBytes * 8) / GGML_TYPES[mainType].blockWeights : bodyBits;
  const component = (bits: number, wbits: number): Partial<ComponentQuant> => ({ wbits, group_size: 0, scale_bytes: 0, bpw: bits, format: f.ftype });
  return {
    llm: component(bodyBits, nominal(mainBits)),
    embeddings: component(embBits, nominal(embBits)),
    vit: { wbits: 16, group_size: 0, scale_bytes: 0 },
    projector: { wbits: 16, group_size: 0, scale_bytes: 0 },
    note: `${f.ftype} (llama.cpp recipe for this model): ${bodyBits.toFixed(2)} bits per weight in the layers, ${embBits.toFixed(2)} in the embeddings/output${model.vision ? '; vision tower 16-bit (mmproj)' : ''}`,
  };
}

/** The name of a format as mmplan prints it. */
export function formatName(f: QuantFormat): string {
  return f.kind === 'gguf' ? f.ftype : f.name;
}
