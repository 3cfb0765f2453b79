/**
 * Ranking the recommended plans of a front: the first objective, ties broken by the next ones.
 * Plans with the same objective values (an axis that does not matter, e.g. the ViT batch of a
 * one-tile plan) are one recommendation: the lowest index stands for them.
 */
import type { SweepRow } from './evaluate.js';

export function rankPlans(rows: SweepRow[]): SweepRow[] {
  const sorted = [...rows].sort((a, b) => {
    for (let j = 0; j < a.objectives.length; j++) if (a.objectives[j] !== b.objectives[j]) return a.objectives[j] - b.objectives[j];
    return a.index - b.index;
  });
  return sorted.filter((r, i) => i === 0 || r.objectives.some((x, j) => x !== sorted[i - 1].objectives[j]));
}
