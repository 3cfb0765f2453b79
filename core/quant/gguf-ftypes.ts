/**
 * GGUF file types ("Q4_K_M", "Q8_0", ...): the `llama_ftype` a llama.cpp quantization is named by,
 * its number (stored as `general.file_type` in the GGUF header) and the ggml type most of its
 * tensors get (`llama_ftype_get_default_type`). Which tensors deviate from that default is the
 * recipe in gguf-recipe.ts.
 *
 * Sources: `llama_ftype_get_default_type` in `src/llama-quant.cpp` of
 * https://github.com/ggml-org/llama.cpp/blob/007dbbf3fd17eefe9b47fee45f48f7ba5e62b714/src/llama-quant.cpp ;
 * the numbers from `enum llama_ftype` in
 * https://github.com/ggml-org/llama.cpp/blob/0011438e931ec7fd258433f61d411301a759fae2/include/llama.h
 * (the only stored version; that copy also lists TQ3_* prototypes that share number 40 with Q1_0
 * and has no Q2_0, so Q1_0 = 40 is taken from it and Q2_0 is left without a number).
 */
import type { GgmlType } from './ggml-types.js';

export type GgufFileType =
  | 'F32' | 'F16' | 'BF16' | 'Q4_0' | 'Q4_1' | 'Q5_0' | 'Q5_1' | 'Q8_0'
  | 'Q2_K' | 'Q2_K_S' | 'Q3_K_S' | 'Q3_K_M' | 'Q3_K_L' | 'Q4_K_S' | 'Q4_K_M' | 'Q5_K_S' | 'Q5_K_M' | 'Q6_K'
  | 'IQ1_S' | 'IQ1_M' | 'IQ2_XXS' | 'IQ2_XS' | 'IQ2_S' | 'IQ2_M' | 'IQ3_XXS' | 'IQ3_XS' | 'IQ3_S' | 'IQ3_M'
  | 'IQ4_NL' | 'IQ4_XS' | 'TQ1_0' | 'TQ2_0' | 'MXFP4_MOE' | 'NVFP4' | 'Q1_0' | 'Q2_0';

export interface GgufFileTypeInfo {
  /** `LLAMA_FTYPE_*` value; undefined where the stored llama.h did not show it. */
  id: number | undefined;
  /** ggml type of every quantizable tensor the recipe does not promote. */
  defaultType: GgmlType;
}

const f = (id: number | undefined, defaultType: GgmlType): GgufFileTypeInfo => ({ id, defaultType });

/** Every file type llama-quantize can write (`ALL_F32` is listed as 'F32'). */
export const GGUF_FILE_TYPES: Readonly<Record<GgufFileType, GgufFileTypeInfo>> = {
  F32: f(0, 'F32'),
  F16: f(1, 'F16'),
  Q4_0: f(2, 'Q4_0'),
  Q4_1: f(3, 'Q4_1'),
  Q8_0: f(7, 'Q8_0'),
  Q5_0: f(8, 'Q5_0'),
  Q5_1: f(9, 'Q5_1'),
  Q2_K: f(10, 'Q2_K'),
  Q3_K_S: f(11, 'Q3_K'),
  Q3_K_M: f(12, 'Q3_K'),
  Q3_K_L: f(13, 'Q3_K'),
  Q4_K_S: f(14, 'Q4_K'),
  Q4_K_M: f(15, 'Q4_K'),
  Q5_K_S: f(16, 'Q5_K'),
  Q5_K_M: f(17, 'Q5_K'),
  Q6_K: f(18, 'Q6_K'),
  IQ2_XXS: f(19, 'IQ2_XXS'),
  IQ2_XS: f(20, 'IQ2_XS'),
  Q2_K_S: f(21, 'Q2_K'),
  IQ3_XS: f(22, 'IQ3_S'),
  IQ3_XXS: f(23, 'IQ3_XXS'),
  IQ1_S: f(24, 'IQ1_S'),
  IQ4_NL: f(25, 'IQ4_NL'),
  IQ3_S: f(26, 'IQ3_S'),
  IQ3_M: f(27, 'IQ3_S'),
  IQ2_S: f(28, 'IQ2_XS'),
  IQ2_M: f(29, 'IQ2_S'),
  IQ4_XS: f(30, 'IQ4_XS'),
  IQ1_M: f(31, 'IQ1_M'),
  BF16: f(32, 'BF16'),
  TQ1_0: f(36, 'TQ1_0'),
  TQ2_0: f(37, 'TQ2_0'),
  MXFP4_MOE: f(38, 'MXFP4'),
  NVFP4: f(39, 'NVFP4'),
  Q1_0: f(40, 'Q1_0'),
  Q2_0: f(undefined, 'Q2_0'),
};

/** The file type of a name as engineers write it ("q4_k_m", "Q4_K_M"); undefined if unknown. */
export function parseGgufFileType(name: string): GgufFileType | undefined {
  const key = name.trim().toUpperCase().replace(/^LLAMA_FTYPE_(MOSTLY_|ALL_)?/, '');
  return Object.hasOwn(GGUF_FILE_TYPES, key) ? (key as GgufFileType) : undefined;
}
