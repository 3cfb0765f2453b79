/**
 * One recommendation per device and model: a sweep whose axes vary the device, the model or the
 * engine answers "what should each ship", so each (device, model, engine) combination gets the knee
 * of its own front (a plan on one phone is not dominated by a faster phone's plan).
 */
import { decodeIndex, type SweepSpec } from './spec.js';
import { paretoFront } from './pareto.js';
import { kneePlan } from './rank.js';
import type { SweepRow } from './evaluate.js';
import { showValue } from './values.js';

export const GROUP_AXES = ['device', 'model', 'engine'];

export type GroupPlan = { group: Record<string, string>; front: number; plan: SweepRow };

/** Knee per group, or [] when no axis varies the device, model or engine. */
export function groupKnees(spec: SweepSpec, feasibleIndex: Float64Array, feasibleObjectives: Float64Array, evaluate: (index: number) => SweepRow): GroupPlan[] {
  const gi = spec.axes.map((a, i) => (GROUP_AXES.includes(a.path) ? i : -1)).filter((i) => i >= 0);
  if (!gi.length) return [];
  const k = spec.objectives.length;
  const members = new Map<string, number[]>();
  for (let r = 0; r < feasibleIndex.length; r++) {
    const d = decodeIndex(spec, feasibleIndex[r]);
    const key = gi.map((i) => d[i]).join(',');
    (members.get(key) ?? members.set(key, []).get(key)!).push(r);
  }
  const out: GroupPlan[] = [];
  for (const rows of members.values()) {
    const v = new Float64Array(rows.length * k);
    rows.forEach((r, j) => v.set(feasibleObjectives.subarray(r * k, r * k + k), j * k));
    const front = paretoFront(v, rows.length, k).map((j) => evaluate(feasibleIndex[rows[j]]));
    const plan = kneePlan(front, spec.objectives);
    if (!plan) continue;
    out.push({ group: Object.fromEntries(gi.map((i) => [spec.axes[i].path, showValue(plan.values[i])])), front: front.length, plan });
  }
  return out;
}
