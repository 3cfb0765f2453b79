/**
 * Ranking the recommended plans of a front. Plans with the same objective values (an axis that
 * does not matter, e.g. the ViT batch of a one-tile plan) are one recommendation: the lowest index
 * stands for them.
 *
 * The first recommendation is the front's knee, not its fastest corner:
 *   - with a quality objective, the plans within QUALITY_TOLERANCE (2%) of the best quality on the
 *     front, and of those the best on the other objectives in their order. A plan 2% below the
 *     best score is one engineers ship when it is much faster; one 30% below is not.
 *   - without one, the plan closest to the ideal point (each objective's best on the front) after
 *     scaling every objective to [0, 1] over the front: a balance, not one axis's extreme.
 * The rest follow by the first objective, ties broken by the next ones.
 */
import type { SweepRow } from './evaluate.js';
import type { Objective } from './spec.js';

export const QUALITY_TOLERANCE = 0.02;

const lexicographic = (order: number[]) => (a: SweepRow, b: SweepRow) => {
  for (const j of order) if (a.objectives[j] !== b.objectives[j]) return a.objectives[j] - b.objectives[j];
  return a.index - b.index;
};

/** One plan per distinct objective vector, by the first objective, ties by the next. */
export function rankPlans(rows: SweepRow[]): SweepRow[] {
  const n = rows[0]?.objectives.length ?? 0;
  const sorted = [...rows].sort(lexicographic([...Array(n).keys()]));
  return sorted.filter((r, i) => i === 0 || r.objectives.some((x, j) => x !== sorted[i - 1].objectives[j]));
}

/** The knee of a front (see the header), or undefined for an empty front. */
export function kneePlan(rows: SweepRow[], objectives: readonly Objective[]): SweepRow | undefined {
  if (!rows.length) return undefined;
  const n = objectives.length;
  const q = objectives.findIndex((o) => o.sense === 'max' && o.field.startsWith('quality.'));
  if (q >= 0) {
    // Max objectives are stored negated: the best quality is the smallest value.
    const best = Math.min(...rows.map((r) => r.objectives[q]));
    const floor = best + QUALITY_TOLERANCE * Math.abs(best);
    const near = rows.filter((r) => r.objectives[q] <= floor);
    return [...near].sort(lexicographic([...[...Array(n).keys()].filter((j) => j !== q), q]))[0];
  }
  const lo = objectives.map((_, j) => Math.min(...rows.map((r) => r.objectives[j])));
  const hi = objectives.map((_, j) => Math.max(...rows.map((r) => r.objectives[j])));
  const dist = (r: SweepRow) => r.objectives.reduce((s, x, j) => s + (hi[j] > lo[j] ? ((x - lo[j]) / (hi[j] - lo[j])) ** 2 : 0), 0);
  return [...rows].sort((a, b) => dist(a) - dist(b) || a.index - b.index)[0];
}

/** The recommended plans: the knee first, then the rest of the front as rankPlans orders it. */
export function recommendPlans(rows: SweepRow[], objectives: readonly Objective[]): SweepRow[] {
  const ranked = rankPlans(rows);
  const knee = kneePlan(ranked, objectives);
  return knee ? [knee, ...ranked.filter((r) => r !== knee)] : ranked;
}
