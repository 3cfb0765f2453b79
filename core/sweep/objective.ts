/**
 * An objective's value from a row's fields, signed so every objective is minimized. A maximized
 * quality score counts as what it can be trusted to: the score less its uncertainty (transfers
 * from other models' ablations, extrapolations; quality.ts), so a plan resting on a shaky transfer
 * does not outrank one on evidence by a hair. The same function reads an estimate (evaluate.ts) and
 * a results file (merge, report), so both find the same front.
 */
import type { Objective } from './spec.js';

/** The uncertainty field that goes with a maximized quality score, if any. */
export function uncertaintyField(o: Objective): string | undefined {
  const m = /^quality\.([^.]+)\.score$/.exec(o.field);
  return m && o.sense === 'max' ? `quality.${m[1]}.uncertainty` : undefined;
}

/** Fields a row must carry to compute the objectives. */
export function objectiveFields(objectives: readonly Objective[]): string[] {
  return [...new Set(objectives.flatMap((o) => [o.field, uncertaintyField(o)].filter((f): f is string => !!f)))];
}

export function objectiveValue(o: Objective, get: (field: string) => number): number {
  const u = uncertaintyField(o);
  const v = get(o.field) - (u ? get(u) : 0);
  return o.sense === 'min' ? v : -v;
}
