/**
 * Named weight-quantization formats other than GGUF ("AWQ", "MLX 4-bit", "q4f16_1", "w4a16", "8da4w"),
 * as data: what each stores per weight and per group, mapped to mmplan's per-component quant
 * `{wbits, abits, group_size, scale_bytes}` (scale_bytes = bytes stored per group for its scale plus
 * zero point / bias / packing waste; group_size 0 = per channel, whose per-row scales mmplan ignores).
 *
 *   bits per weight = wbits + 8 * scale_bytes / group_size      (the same rule as core/quant.ts)
 *
 * Every preset cites the code (repository, commit, path) that fixes its layout and defaults. Storage
 * that does not scale with the weight count (per-row or per-tensor scales, GPTQ's g_idx, lookup
 * tables) is named in `notes`, not counted. GGUF file types live in gguf.ts.
 */

/** Structurally the same as ComponentQuant in core/schema.ts. */
export interface PresetQuant {
  wbits: number;
  abits: number;
  group_size: number;
  scale_bytes: number;
}

export interface QuantPreset {
  id: string;
  /** Names engineers use for it; matched without case, spaces, '-' or '_'. */
  names: readonly string[];
  runtime: string;
  quant: PresetQuant;
  /** What one group stores, in bytes. */
  stored: string;
  source: string;
  notes?: string;
  /** Set when a number is derived or assumed rather than read in the source. */
  estimated?: boolean;
  why?: string;
}

const GH = 'https://github.com';
const AWQ = `${GH}/casper-hansen/AutoAWQ/blob/88e4c76b20755db275574e6a03c83c84ba3bece5`;
const GPTQ = `${GH}/ModelCloud/GPTQModel/blob/f4c327a17eb3e24524d5a97a3d682e3696ae6a28`;
const BNB = `${GH}/bitsandbytes-foundation/bitsandbytes/blob/95f9af309d4d5793847169c39288dcd3fcbdf564`;
const MLX = `${GH}/ml-explore/mlx/blob/846d176227a0ac13d2667e58d2bb68b322109ab0`;
const MLC = `${GH}/mlc-ai/mlc-llm/blob/79d603f085f50500e9509fa01785ffa7ecfaaa93`;
const QAI = `${GH}/quic/ai-hub-models/blob/52c080d245d2d20c634459208ff2548ce10b3c9f`;
const AIMET = `${GH}/quic/aimet/blob/c51b284b785fc9d3adb7d00895147567796f3f9f`;
const ET = `${GH}/pytorch/executorch/blob/cff6f4dd32e630945b7188512c1f2b4f102b05ad`;

const q = (wbits: number, abits: number, group_size: number, scale_bytes: number): PresetQuant => ({
  wbits, abits, group_size, scale_bytes,
});

export const QUANT_PRESETS: readonly QuantPreset[] = [
  {
    id: 'awq-w4-g128', names: ['awq', 'awq-int4', 'awq w4 g128'], runtime: 'AutoAWQ (GEMM kernels)',
    quant: q(4, 16, 128, 2.5),
    stored: 'per 128 input weights of one output channel: fp16 scale (2) + 4-bit zero packed in int32 qzeros (0.5)',
    source: `${AWQ}/awq/modules/linear/gemm.py (qweight int32 [in, out/8], qzeros int32 [in/g, out/8], scales fp16 [in/g, out]); defaults zero_point=True, q_group_size=128, w_bit=4 in ${AWQ}/awq/models/_config.py`,
  },
  {
    id: 'gptq-w4-g128', names: ['gptq', 'gptq-int4', 'gptq w4 g128'], runtime: 'GPTQModel / AutoGPTQ checkpoints',
    quant: q(4, 16, 128, 2.5),
    stored: 'per 128 input weights of one output channel: fp16 scale (2) + 4-bit zero in int32 qzeros (0.5); zeros are stored even when sym=True',
    source: `${GPTQ}/gptqmodel/nn_modules/qlinear/__init__.py (_register_gptq_buffers); defaults bits=4, group_size=128, sym=True in ${GPTQ}/gptqmodel/quantization/config.py`,
    notes: 'Also stores g_idx int32 per input column: +32/out_features bits per weight (0.008 for 4096 outputs), not counted.',
  },
  {
    id: 'bnb-nf4', names: ['nf4', 'bnb-nf4', 'bitsandbytes nf4'], runtime: 'bitsandbytes (transformers load_in_4bit)',
    quant: q(4, 16, 64, 4),
    stored: 'per 64 weights: fp32 absmax (4)',
    source: `${BNB}/bitsandbytes/functional.py (quantize_4bit: blocksize default 64) and ${BNB}/bitsandbytes/_ops.py (absmax float32, one per block)`,
    notes: 'Plus a 16-entry NF4 code table per tensor.',
  },
  {
    id: 'bnb-nf4-dq', names: ['nf4-dq', 'nf4 double quant', 'bnb-nf4-dq', 'qlora'], runtime: 'bitsandbytes, compress_statistics=True (double quantization)',
    quant: q(4, 16, 64, 1 + 4 / 256),
    stored: 'per 64 weights: uint8 absmax (1) + its share of an fp32 second-level absmax per 256 absmaxes (4/256)',
    source: `${BNB}/bitsandbytes/functional.py (quantize_4bit: absmax - mean quantized by quantize_blockwise(blocksize=256)); Linear4bit/Params4bit default compress_statistics=True in ${BNB}/bitsandbytes/nn/modules.py`,
    notes: 'Plus one fp32 offset and a 256-entry fp32 code per tensor.',
  },
  {
    id: 'mlx-4bit', names: ['mlx 4-bit', 'mlx-4bit', 'mlx q4'], runtime: 'MLX (affine mode)',
    quant: q(4, 16, 64, 4),
    stored: 'per 64 weights: scale + bias in the weight dtype, fp16 or bf16 (2 + 2)',
    source: `${MLX}/mlx/ops.cpp (quantization_params_from_mode: affine defaults group 64, 4 bits; affine_quantize casts scales and biases to w.dtype())`,
  },
  {
    id: 'mlx-8bit', names: ['mlx 8-bit', 'mlx-8bit', 'mlx q8'], runtime: 'MLX (affine mode, bits=8)',
    quant: q(8, 16, 64, 4),
    stored: 'per 64 weights: scale + bias in the weight dtype (2 + 2)',
    source: `${MLX}/mlx/ops.cpp (affine: group 64 default, bits=8 given; scales and biases in w.dtype())`,
  },
  {
    id: 'mlx-mxfp8', names: ['mxfp8', 'mlx mxfp8', 'fp8'], runtime: 'MLX mode="mxfp8" (Metal kernels fp_quantized.metal): an FP8 format on Apple laptops',
    quant: q(8, 16, 32, 1),
    stored: 'per 32 FP8 (E4M3) weights: one E8M0 power-of-two scale as uint8 (1)',
    source: `${MLX}/mlx/ops.cpp (fp_quantize: mxfp8 requires group 32, bits 8; scales converted to e8m0 uint8); ${MLX}/python/mlx/nn/layers/quantized.py (mode defaults)`,
    notes: 'Activations stay 16-bit unless quantize_input=True (then abits 8).',
  },
  {
    id: 'mlx-mxfp4', names: ['mxfp4', 'mlx mxfp4'], runtime: 'MLX mode="mxfp4"',
    quant: q(4, 16, 32, 1),
    stored: 'per 32 FP4 (E2M1) weights: one E8M0 scale (1)',
    source: `${MLX}/mlx/ops.cpp (quantization_params_from_mode / fp_quantize: mxfp4 group 32, bits 4)`,
  },
  {
    id: 'mlx-nvfp4', names: ['nvfp4', 'mlx nvfp4'], runtime: 'MLX mode="nvfp4"',
    quant: q(4, 16, 16, 1),
    stored: 'per 16 FP4 (E2M1) weights: one FP8 E4M3 scale as uint8 (1)',
    source: `${MLX}/mlx/ops.cpp (fp_quantize: nvfp4 requires group 16; scales to_fp8, uint8)`,
    notes: 'An optional fp32 global scale per tensor.',
  },
  {
    id: 'mlc-q4f16_1', names: ['q4f16_1', 'mlc q4f16_1'], runtime: 'MLC LLM (group-quant)',
    quant: q(4, 16, 32, 2),
    stored: 'per 32 weights: fp16 scale (2); symmetric, the zero point is the constant 7, not stored',
    source: `${MLC}/python/mlc_llm/quantization/quantization.py ("q4f16_1": group_size 32, int4 in uint32, float16) and group_quantization.py (scale = max_abs / max_int in model_dtype)`,
  },
  {
    id: 'mlc-q4f32_1', names: ['q4f32_1', 'mlc q4f32_1'], runtime: 'MLC LLM (group-quant, float32 model)',
    quant: q(4, 32, 32, 4),
    stored: 'per 32 weights: fp32 scale (4)',
    source: `${MLC}/python/mlc_llm/quantization/quantization.py ("q4f32_1": group_size 32, int4, model_dtype float32)`,
  },
  {
    id: 'mlc-q3f16_1', names: ['q3f16_1', 'mlc q3f16_1'], runtime: 'MLC LLM (group-quant)',
    quant: q(3, 16, 40, 3),
    stored: 'per 40 weights: 4 uint32 words holding 10 int3 each (16 bytes, 1 more than 40*3/8) + fp16 scale (2); scale_bytes counts that padding byte',
    source: `${MLC}/python/mlc_llm/quantization/quantization.py ("q3f16_1": group_size 40, int3, storage uint32) and group_quantization.py (num_elem_per_storage = 32 // 3)`,
  },
  {
    id: 'mlc-q0f16', names: ['q0f16', 'mlc q0f16'], runtime: 'MLC LLM (no-quant)',
    quant: q(16, 16, 0, 0),
    stored: 'fp16 weights, no scales',
    source: `${MLC}/python/mlc_llm/quantization/quantization.py ("q0f16": NoQuantize, float16)`,
  },
  {
    id: 'qnn-w4a16', names: ['w4a16', 'qnn w4a16', 'genie w4a16', 'lpbq'], runtime: 'Qualcomm AI Hub / Genie LLMs on the Hexagon NPU (AIMET LPBQ)',
    quant: q(4, 16, 64, 0.5),
    stored: 'per 64 weights: a low-bit integer scale factor (0.5 assumed); float scales are per output channel',
    source: `${QAI}/qai_hub_models/models/_shared/llm/_utils.py (_set_4bit_weights_to_lpbq: bitwidth 4, decompressed_bw 8, block_size 64; lm_head 8-bit per channel); ${QAI}/qai_hub_models/models/common.py (w4a16 = INT4 weights, INT16 activations); ${AIMET}/Docs/torch_docs/blockwise_quantization.rst (LPBQ)`,
    estimated: true,
    why: 'AIMET docs say LPBQ stores float scales per channel and only low-bitwidth integer scale factors per block, without the width; 4 bits (decompressed_bw - bitwidth) is assumed.',
    notes: 'abits 16 means INT16 activations, not fp16.',
  },
  {
    id: 'qnn-w8a16', names: ['w8a16', 'qnn w8a16', 'genie w8a16'], runtime: 'Qualcomm AI Hub (QNN/HTP)',
    quant: q(8, 16, 0, 0),
    stored: 'int8 weights; one scale (and offset) per output channel or per tensor',
    source: `${QAI}/qai_hub_models/models/common.py (Precision.w8a16 = INT8 weights, INT16 activations); per-channel 8-bit as in _set_lm_head_to_8b, ${QAI}/qai_hub_models/models/_shared/llama3/_utils.py`,
    notes: 'The default AIMET config in ai-hub-models (utils/aimet/default_config.json) has per_channel_quantization False; either way the scale storage is per row.',
  },
  {
    id: 'executorch-8da4w', names: ['8da4w', 'executorch 8da4w'], runtime: 'ExecuTorch XNNPACK (export_llama -qmode 8da4w)',
    quant: q(4, 8, 128, 2),
    stored: 'per 128 weights: bf16 scale (2); zero points are not serialized to XNNPACK',
    source: `${ET}/examples/models/llama/source_transformation/quantize.py (8da4w: group_size defaults to 128, torchao Int8DynamicActivationIntxWeightConfig, int4 PerGroup); ${ET}/backends/xnnpack/operators/node_visitor.py (get_quant_params: per_channel_group scales to bfloat16, only scales stored)`,
    notes: 'abits 8: int8 activations quantized per token at run time.',
  },
  {
    id: 'executorch-8da4w-g32', names: ['8da4w-g32'], runtime: 'ExecuTorch extension/llm/export quantize_model_ (8da4w default group)',
    quant: q(4, 8, 32, 2),
    stored: 'per 32 weights: bf16 scale (2)',
    source: `${ET}/extension/llm/export/quantize.py (_default_group_size: 32 for 4w/8da4w); ${ET}/backends/xnnpack/operators/node_visitor.py (bf16 group scales)`,
  },
];

/** Stored bits per weight of a quant (what core/quant.ts bytesPerWeight gives, times 8). */
export function presetBitsPerWeight(quant: PresetQuant): number {
  return quant.wbits + (quant.group_size > 0 ? (8 * quant.scale_bytes) / quant.group_size : 0);
}

const norm = (s: string): string => s.toLowerCase().replace(/[\s_-]+/g, '');

/** The preset an engineer's name refers to ("AWQ", "q4f16_1", "MLX 4-bit"); undefined if unknown. */
export function findQuantPreset(name: string): QuantPreset | undefined {
  const key = norm(name);
  return QUANT_PRESETS.find((p) => norm(p.id) === key || p.names.some((n) => norm(n) === key));
}
