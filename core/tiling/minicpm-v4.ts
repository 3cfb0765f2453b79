/**
 * minicpm_v4 — MiniCPM-V 4.0 / 4.5 adaptive slicing: the MiniCPM-V 2.6 slicing (minicpm.ts) with
 * the 4.x defaults. m = min(ceil(W*H / 448^2), max_slice_nums); m <= 1: one source image upscaled to
 * about 448^2; otherwise the grid [k, n/k] (n in m-1, m, m+1, not 1, not above the max) whose
 * log-ratio is closest to the image's, a source image of about 448^2 and slices of about 448^2
 * each. Every image (source and slices) is resampled to query_num = 64 tokens:
 * tokens = 64 * (1 + cols*rows), plus <image_id>, <image>/</image>, <slice>/</slice> wrappers
 * (extra.wrapper_tokens, counted as in minicpm.ts).
 * 4.5's query count: 64 per image or slice, as 2.6 and 4.0 — MiniCPM-V 4.5's 3D resampler packs
 * up to 6 video frames into those same 64 tokens, but a still image stays at 64 ("6 448x448 video
 * frames can be jointly compressed into 64 video tokens", "64 tokens (the same token count used for
 * a single image in MiniCPM-V series)"). Video packing is not modelled here.
 * Sources: OpenBMB/MiniCPM-V finetune/dataset.py (slice_image, ensure_divide, find_best_resize,
 * get_refine_size; file commit af22b8f2ed477635e7f473435f77fcf6894af754, snapshot
 * 0dbb566de090067266abb76e702fb289f09934c5) and docs/minicpm_v4dot5_en.md of that snapshot;
 * MiniCPMVSliceConfig defaults (patch_size 14, max_slice_nums 9, scale_resolution 448) in
 * huggingface.co/openbmb/MiniCPM-V-4-AWQ configuration_minicpm.py (commit f68f3a8b9d3f60e9b1f306540ac749223c00443d).
 * Not read: the image_processing_minicpmv.py shipped with MiniCPM-V-4 / MiniCPM-V-4_5 themselves,
 * nor their config.json query_num; both are assumed to match the 2.6 processor and 64.
 */
import { minicpm, minicpmParamKinds, type MinicpmParams } from './minicpm.js';
import type { PolicyDef } from './types.js';

export const minicpmV4Def: PolicyDef<MinicpmParams> = {
  description: 'MiniCPM-V 4.0/4.5: up to 9 ~448^2 slices by log-ratio + source image, 64 query tokens each, <image_id> prefix',
  params: minicpmParamKinds,
  defaults: { max_slice_nums: 9, scale_resolution: 448, patch_size: 14, query_num: 64 },
  maxTilesParam: 'max_slice_nums',
  run: (p, w, h) => minicpm(p, w, h, true),
};
