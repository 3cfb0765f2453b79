/**
 * Pareto front: the points no other point dominates. All objectives are minimized here (negate a
 * maximized one first). p dominates q when p <= q in every objective and p < q in at least one;
 * equal points do not dominate each other, so duplicates on the front all stay.
 *
 * Points are rows of a flat Float64Array (n x k). 2-D: sort by (x, y), then one sweep keeping the
 * running minimum y, O(n log n). k >= 3: sort lexicographically (a point can only be dominated by
 * one sorted before it), then test each point against the front so far, O(n log n + n·f).
 */

function lexOrder(v: Float64Array, n: number, k: number): Int32Array {
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => {
    for (let j = 0; j < k; j++) {
      const d = v[a * k + j] - v[b * k + j];
      if (d !== 0) return d;
    }
    return a - b;
  });
  return idx;
}

function dominates(v: Float64Array, k: number, a: number, b: number): boolean {
  let strictly = false;
  for (let j = 0; j < k; j++) {
    const x = v[a * k + j];
    const y = v[b * k + j];
    if (x > y) return false;
    if (x < y) strictly = true;
  }
  return strictly;
}

/** Indices (into the n rows) of the non-dominated points, ascending. */
export function paretoFront(v: Float64Array, n: number, k: number): number[] {
  if (n === 0) return [];
  const order = lexOrder(v, n, k);
  const front: number[] = [];
  if (k === 1) {
    const best = v[order[0]];
    for (const i of order) if (v[i] === best) front.push(i);
  } else if (k === 2) {
    let bestY = Infinity;
    let g = 0;
    while (g < n) {
      // A group of equal x: its minimum y (the first, as sorted) is on the front if below every y seen.
      const x = v[order[g] * 2];
      const gy = v[order[g] * 2 + 1];
      let e = g;
      while (e < n && v[order[e] * 2] === x) {
        if (v[order[e] * 2 + 1] === gy && gy < bestY) front.push(order[e]);
        e++;
      }
      if (gy < bestY) bestY = gy;
      g = e;
    }
  } else {
    for (const i of order) {
      let dominated = false;
      for (const f of front) {
        if (dominates(v, k, f, i)) {
          dominated = true;
          break;
        }
      }
      if (!dominated) front.push(i);
    }
  }
  return front.sort((a, b) => a - b);
}

/** All-pairs reference (for tests): O(n²). */
export function paretoFrontBruteForce(v: Float64Array, n: number, k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let dominated = false;
    for (let j = 0; j < n && !dominated; j++) if (j !== i && dominates(v, k, j, i)) dominated = true;
    if (!dominated) out.push(i);
  }
  return out;
}
