/**
 * bluelm_v3b_relaxed — BlueLM-V-3B relaxed aspect-ratio matching.
 * Visit candidate grids (m cols x n rows, m, n <= max_side, m*n <= max_patches) largest first (area
 * descending, then cols descending — our documented choice; the paper only says "descending").
 * For each 384m x 384n canvas compute the effective resolution R_e (pixels kept after fitting the
 * image, capped at the image's own area) and waste R_w. A candidate replaces the current best if
 * R_e beats the best by more than alpha (relative), or is within alpha and wastes less; both running
 * values then become the candidate's, so the reference can drift down, as in the paper's Alg. 1.
 * Tiles = m*n 384px patches plus one 384 global thumbnail when m*n > 1 (our choice, matching the
 * paper's 2:4 = 8 + 1 patches). SigLIP gives 729 tokens per patch; the 2x2 token downsampler
 * leaves 196.
 * Source: arXiv 2411.10640 (BlueLM-V-3B), Sec. 3.2 and the appendix algorithm; no public code.
 */
import { groupInputs, type PolicyDef, type TilingOutcome } from './types.js';
import type { Grid } from './aspect.js';

export const BLUELM_CANDIDATE_ORDER = 'area descending, then columns descending';

export interface BluelmParams {
  max_side: number;
  max_patches: number;
  alpha: number;
  patch: number;
  vit_tokens_per_patch: number;
  tokens_per_patch_after_downsample: number;
  candidate_order: typeof BLUELM_CANDIDATE_ORDER;
}

function candidates(maxSide: number, maxPatches: number): Grid[] {
  const grids: Grid[] = [];
  for (let m = 1; m <= maxSide; m++) for (let n = 1; n <= maxSide; n++) if (m * n <= maxPatches) grids.push([m, n]);
  return grids.sort((a, b) => b[0] * b[1] - a[0] * a[1] || b[0] - a[0]);
}

/** The grid chosen by the relaxed matching rule. */
export function relaxedMatch(p: BluelmParams, width: number, height: number): Grid {
  let best: Grid = [1, 1];
  let maxEffective = 0;
  let minWasted = Infinity;
  for (const grid of candidates(p.max_side, p.max_patches)) {
    const canvasW = p.patch * grid[0];
    const canvasH = p.patch * grid[1];
    const scale = Math.min(canvasW / width, canvasH / height);
    const effective = Math.min(Math.trunc(width * scale) * Math.trunc(height * scale), width * height);
    const wasted = canvasW * canvasH - effective;
    const margin = p.alpha * maxEffective;
    if (effective - maxEffective > margin || (maxEffective - effective < margin && wasted < minWasted)) {
      best = grid;
      maxEffective = effective;
      minWasted = wasted;
    }
  }
  return best;
}

export function bluelmRelaxed(p: BluelmParams, width: number, height: number): TilingOutcome {
  const [cols, rows] = relaxedMatch(p, width, height);
  const tiles = cols * rows;
  const thumbnail = tiles > 1;
  const patches = tiles + (thumbnail ? 1 : 0);
  return {
    cols,
    rows,
    tiles,
    thumbnail,
    resized_w: p.patch * cols,
    resized_h: p.patch * rows,
    tokens: p.tokens_per_patch_after_downsample * patches,
    encoder_inputs: groupInputs([{ w: p.patch, h: p.patch, count: patches }]),
    extra: { tokens_without_downsampler: p.vit_tokens_per_patch * patches },
  };
}

export const bluelmRelaxedDef: PolicyDef<BluelmParams> = {
  description: 'BlueLM-V-3B: relaxed aspect-ratio matching (alpha 0.1) over 384px grids, largest first, + global thumbnail, 196 tokens each',
  params: {
    max_side: { kind: 'int', min: 1 },
    max_patches: { kind: 'int', min: 1 },
    alpha: { kind: 'number', min: 0 },
    patch: { kind: 'int', min: 1 },
    vit_tokens_per_patch: { kind: 'int', min: 1 },
    tokens_per_patch_after_downsample: { kind: 'int', min: 1 },
    candidate_order: { kind: 'enum', values: [BLUELM_CANDIDATE_ORDER] },
  },
  // The deployed phone setting is 2:4 (768x1536, 8 + 1 patches), which needs 4 rows: so grids up
  // to 4:4 / 16 patches, the fine-tuning range ("up to 16 patches, 1536x1536"). The paper's 3:3
  // analysis set (max_side 3, max_patches 9) cannot produce 2:4. Both are in the golden vectors.
  defaults: {
    max_side: 4,
    max_patches: 16,
    alpha: 0.1,
    patch: 384,
    vit_tokens_per_patch: 729,
    tokens_per_patch_after_downsample: 196,
    candidate_order: BLUELM_CANDIDATE_ORDER,
  },
  maxTilesParam: 'max_patches',
  run: bluelmRelaxed,
};
