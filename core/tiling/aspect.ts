/**
 * The InternVL grid search, shared by internvl_dynamic and both Mini-Monkey layers.
 * Source: OpenGVLab/InternVL internvl_chat/internvl/train/dataset.py (`dynamic_preprocess`,
 * `find_closest_aspect_ratio`), snapshot 2410d1dbf208f0e799459aff9376e5747dbf41a2.
 */
import { cpythonSetOrder } from './cpython-set.js';

/** A grid as [cols, rows] (InternVL's (i, j): i multiplies the width). */
export type Grid = readonly [cols: number, rows: number];

const candidateCache = new Map<string, Grid[]>();

/**
 * InternVL's candidate grids for min_num..max_num, in the reference's order: the Python set
 * `{(i, j) for n in range(min, max+1) for i in 1..n for j in 1..n if min <= i*j <= max}`,
 * iterated in CPython's order, then stably sorted by area. The order inside an area decides ties.
 */
export function internvlCandidates(minNum: number, maxNum: number): Grid[] {
  const cacheKey = `${minNum}..${maxNum}`;
  const cached = candidateCache.get(cacheKey);
  if (cached) return cached;
  const generated: Grid[] = [];
  for (let n = minNum; n <= maxNum; n++)
    for (let i = 1; i <= n; i++)
      for (let j = 1; j <= n; j++) if (i * j <= maxNum && i * j >= minNum) generated.push([i, j]);
  const ordered = cpythonSetOrder(generated, (g) => g);
  // Array.prototype.sort is stable (ES2019), like Python's sorted.
  const sorted = ordered.sort((a, b) => a[0] * a[1] - b[0] * b[1]);
  candidateCache.set(cacheKey, sorted);
  return sorted;
}

/**
 * find_closest_aspect_ratio: walk the candidates keeping the one whose cols/rows is nearest to W/H;
 * on an exact float tie the later candidate wins only if the image area exceeds half the nominal
 * area of that grid (W*H > 0.5 * size^2 * c * r). Starts from (1, 1), which is therefore also the
 * answer for an empty candidate list (Mini-Monkey's strict filter relies on that).
 */
export function findClosestAspectRatio(candidates: readonly Grid[], width: number, height: number, imageSize: number): Grid {
  const aspect = width / height;
  const area = width * height;
  let best: Grid = [1, 1];
  let bestDiff = Infinity;
  for (const grid of candidates) {
    const diff = Math.abs(aspect - grid[0] / grid[1]);
    if (diff < bestDiff) {
      bestDiff = diff;
      best = grid;
    } else if (diff === bestDiff && area > 0.5 * imageSize * imageSize * grid[0] * grid[1]) {
      best = grid;
    }
  }
  return best;
}
