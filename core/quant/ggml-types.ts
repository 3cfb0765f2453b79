/**
 * ggml tensor types: how many weights one block holds and how many bytes that block takes.
 *
 * A ggml tensor row of n weights is stored as n / blockWeights blocks of blockBytes each
 * (`ggml_row_size` = type_size * n / blck_size); a row whose length is not a multiple of the block
 * size cannot be stored in that type. Bits per weight = 8 * blockBytes / blockWeights.
 *
 * Source: the block structs and their static_asserts in `src/ggml-common.h`, the `type_traits`
 * table (blck_size, type_size) in `src/ggml.c` and `enum ggml_type` in `include/ggml.h` of
 * https://github.com/ggml-org/ggml/tree/d99724f2b141fed9e1a9f402213506c081433465 (2026-08-21), whose
 * `scripts/sync-llama.last` says it is synced with llama.cpp commit
 * d3cf1f14a2e16fbd7ebad34b12cb71b8af345c43 (in llama.cpp these files are `ggml/src/ggml-common.h`,
 * `ggml/src/ggml.c`, `ggml/include/ggml.h`). `ggml_half` is 2 bytes. Removed types (Q4_2, Q4_3,
 * Q4_0_4_4, Q4_0_4_8, Q4_0_8_8, IQ4_NL_4_4/4_8/8_8) have blck_size 0 there and are left out.
 */

export type GgmlType =
  | 'F32' | 'F16' | 'BF16' | 'F64' | 'I8' | 'I16' | 'I32' | 'I64'
  | 'Q1_0' | 'Q2_0' | 'Q4_0' | 'Q4_1' | 'Q5_0' | 'Q5_1' | 'Q8_0' | 'Q8_1'
  | 'MXFP4' | 'NVFP4' | 'TQ1_0' | 'TQ2_0'
  | 'Q2_K' | 'Q3_K' | 'Q4_K' | 'Q5_K' | 'Q6_K' | 'Q8_K'
  | 'IQ1_S' | 'IQ1_M' | 'IQ2_XXS' | 'IQ2_XS' | 'IQ2_S' | 'IQ3_XXS' | 'IQ3_S' | 'IQ4_NL' | 'IQ4_XS';

export interface GgmlTypeInfo {
  /** Value in `enum ggml_type` (the number stored in a GGUF tensor header). */
  id: number;
  /** Weights per block (`blck_size`; QK_K = 256 for the K- and most I-quants). */
  blockWeights: number;
  /** Bytes per block (`type_size` = sizeof(block_*)). */
  blockBytes: number;
  /** True when ggml_is_quantized (type_traits.is_quantized). */
  quantized: boolean;
  /** The struct's fields, as bytes (ggml-common.h). */
  layout: string;
}

const t = (id: number, blockWeights: number, blockBytes: number, layout: string, quantized = true): GgmlTypeInfo => ({
  id, blockWeights, blockBytes, quantized, layout,
});

/** Every live ggml type with its block geometry. */
export const GGML_TYPES: Readonly<Record<GgmlType, GgmlTypeInfo>> = {
  F32: t(0, 1, 4, 'float', false),
  F16: t(1, 1, 2, 'ggml_fp16_t', false),
  BF16: t(30, 1, 2, 'ggml_bf16_t', false),
  F64: t(28, 1, 8, 'double', false),
  I8: t(24, 1, 1, 'int8_t', false),
  I16: t(25, 1, 2, 'int16_t', false),
  I32: t(26, 1, 4, 'int32_t', false),
  I64: t(27, 1, 8, 'int64_t', false),
  Q1_0: t(41, 128, 18, 'd fp16 (2) + qs[128/8] (16)'),
  Q2_0: t(42, 64, 18, 'd fp16 (2) + qs[64/4] (16)'),
  Q4_0: t(2, 32, 18, 'd fp16 (2) + qs[32/2] (16)'),
  Q4_1: t(3, 32, 20, 'd, m fp16 (4) + qs[32/2] (16)'),
  Q5_0: t(6, 32, 22, 'd fp16 (2) + qh[4] (4) + qs[32/2] (16)'),
  Q5_1: t(7, 32, 24, 'd, m fp16 (4) + qh[4] (4) + qs[32/2] (16)'),
  Q8_0: t(8, 32, 34, 'd fp16 (2) + qs int8[32] (32)'),
  Q8_1: t(9, 32, 36, 'd, s fp16 (4) + qs int8[32] (32)'),
  MXFP4: t(39, 32, 17, 'e E8M0 (1) + qs[32/2] (16)'),
  NVFP4: t(40, 64, 36, 'd UE4M3[64/16] (4) + qs[64/2] (32)'),
  TQ1_0: t(34, 256, 54, 'qs[(256-4*256/64)/5] (48) + qh[256/64] (4) + d fp16 (2)'),
  TQ2_0: t(35, 256, 66, 'qs[256/4] (64) + d fp16 (2)'),
  Q2_K: t(10, 256, 84, 'scales[256/16] (16) + qs[256/4] (64) + d, dmin fp16 (4)'),
  Q3_K: t(11, 256, 110, 'hmask[256/8] (32) + qs[256/4] (64) + scales[12] (12) + d fp16 (2)'),
  Q4_K: t(12, 256, 144, 'd, dmin fp16 (4) + scales[12] (12) + qs[256/2] (128)'),
  Q5_K: t(13, 256, 176, 'd, dmin fp16 (4) + scales[12] (12) + qh[256/8] (32) + qs[256/2] (128)'),
  Q6_K: t(14, 256, 210, 'ql[256/2] (128) + qh[256/4] (64) + scales int8[256/16] (16) + d fp16 (2)'),
  Q8_K: t(15, 256, 292, 'd float (4) + qs int8[256] (256) + bsums int16[256/16] (32)'),
  IQ1_S: t(19, 256, 50, 'd fp16 (2) + qs[256/8] (32) + qh uint16[256/32] (16)'),
  IQ1_M: t(29, 256, 56, 'qs[256/8] (32) + qh[256/16] (16) + scales[256/32] (8)'),
  IQ2_XXS: t(16, 256, 66, 'd fp16 (2) + qs uint16[256/8] (64)'),
  IQ2_XS: t(17, 256, 74, 'd fp16 (2) + qs uint16[256/8] (64) + scales[256/32] (8)'),
  IQ2_S: t(22, 256, 82, 'd fp16 (2) + qs[256/4] (64) + qh[256/32] (8) + scales[256/32] (8)'),
  IQ3_XXS: t(18, 256, 98, 'd fp16 (2) + qs[3*256/8] (96)'),
  IQ3_S: t(21, 256, 110, 'd fp16 (2) + qs[256/4] (64) + qh[256/32] (8) + signs[256/8] (32) + scales[256/64] (4)'),
  IQ4_NL: t(20, 32, 18, 'd fp16 (2) + qs[32/2] (16)'),
  IQ4_XS: t(23, 256, 136, 'd fp16 (2) + scales_h uint16 (2) + scales_l[256/64] (4) + qs[256/2] (128)'),
};

/** Stored bits per weight of a type: 8 * blockBytes / blockWeights (Q4_K: 8*144/256 = 4.5). */
export function ggmlBitsPerWeight(type: GgmlType): number {
  const info = GGML_TYPES[type];
  return (8 * info.blockBytes) / info.blockWeights;
}

/** True when a row of this length can be stored in the type (whole blocks only). */
export function ggmlRowFits(type: GgmlType, rowLength: number): boolean {
  return rowLength % GGML_TYPES[type].blockWeights === 0;
}

/** Bytes of one row (`ggml_row_size`); throws when the row is not a whole number of blocks. */
export function ggmlRowBytes(type: GgmlType, rowLength: number): number {
  const info = GGML_TYPES[type];
  if (!ggmlRowFits(type, rowLength)) {
    throw new Error(`row of ${rowLength} weights is not a multiple of the ${type} block (${info.blockWeights})`);
  }
  return (rowLength / info.blockWeights) * info.blockBytes;
}

/** Bytes of a tensor of `rows` rows of `rowLength` weights. */
export function ggmlTensorBytes(type: GgmlType, rowLength: number, rows: number): number {
  return ggmlRowBytes(type, rowLength) * rows;
}
