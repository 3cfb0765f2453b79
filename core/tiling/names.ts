/**
 * The tiling policy names, one per reference preprocessor. A new policy is a file in this folder,
 * a name here and a line in index.ts's registry (which the type system checks is complete).
 */
export const TILING_POLICIES = [
  'internvl_dynamic',
  'llava_next_hf',
  'llava_next_orig',
  'ixc2_4khd',
  'mini_monkey_demo',
  'mini_monkey_eval_default',
  'bluelm_v3b_relaxed',
  'qwen2_vl',
  'minicpm_v25',
  'minicpm_v26',
  'fixed_resize',
  'gemma3_pan_and_scan',
  'idefics3',
  'llava_onevision',
  'phi3_hd',
  'phi4mm_dynamic',
  'qwen2_5_vl',
  'internvl3',
  'minicpm_v4',
  'fastvlm_fixed',
  'gemma3n_fixed',
  'gemma4',
  'lfm2_vl',
] as const;
export type TilingPolicy = (typeof TILING_POLICIES)[number];
