/**
 * Validation: each record predicted by a calibration that did not see it (leave-one-out: only the
 * held-out record's class and group are refitted, the others cannot depend on it), or by a given
 * calibration as it is, beside the bare roofline (peaks only) and the uncalibrated defaults.
 */
import type { UnitKind } from '../schema/index.js';
import type { Tuning } from './tuning.js';
import type { Metric } from '../metrics.js';
import { groupBy } from '../group-by.js';
import { predictCase, type CalibCase } from './case.js';
import { fit, FIT_PARAMS } from './fit.js';
import { classKey, groupKey, paramsLayer, GROUP_PRIOR_SD } from './levels.js';

export type ValidationRow = {
  id: string;
  metric: Metric;
  device: string;
  engine: string;
  unit: UnitKind;
  measured: number;
  predicted: number;
  /** predicted/measured - 1, in percent. */
  error_pct: number;
  /** The same record predicted by the bare roofline (peaks only) and by the uncalibrated defaults. */
  roofline: number;
  defaults: number;
};

const ROOFLINE: Tuning = { compute_efficiency: 1, bandwidth_efficiency: 1, dispatch: 0, call_overhead: 0 };

/**
 * Leave-one-out: each record is predicted by class and group fits that did not see it. Only the
 * held-out record's class and group are refitted (the others cannot depend on it). The returned
 * function validates record i, so a caller can interleave other work (progress, interruption).
 */
export function leaveOneOutBy(cases: CalibCase[]): (i: number) => ValidationRow {
  const byClass = groupBy(cases, classKey);
  const byGroup = groupBy(cases, (c) => groupKey(c));
  return (i) => {
    const c = cases[i];
    const classRest = byClass.get(classKey(c))!.filter((x) => x !== c);
    const groupRest = byGroup.get(groupKey(c))!.filter((x) => x !== c);
    const cls = classRest.length ? fit(classRest, []).params : undefined;
    const grp = groupRest.length ? fit(groupRest, [paramsLayer(cls)], FIT_PARAMS, 30, GROUP_PRIOR_SD).params : undefined;
    return row(c, predictCase(c, [paramsLayer(cls), paramsLayer(grp)]));
  };
}

export function leaveOneOut(cases: CalibCase[], onProgress?: (done: number, total: number) => void): ValidationRow[] {
  const one = leaveOneOutBy(cases);
  return cases.map((_, i) => {
    const r = one(i);
    onProgress?.(i + 1, cases.length);
    return r;
  });
}

/** Predict each case with given layers (no refit): for --no-fit validation of a calibration. */
export function predictAll(cases: CalibCase[], layers: (c: CalibCase) => Tuning[]): ValidationRow[] {
  return cases.map((c) => row(c, predictCase(c, layers(c))));
}

function row(c: CalibCase, predicted: number): ValidationRow {
  const roofline = predictCase({ ...c, engineTuning: {} }, [ROOFLINE]);
  const defaults = predictCase(c, []);
  return {
    id: c.id,
    metric: c.metric,
    device: c.device.id,
    engine: c.engine,
    unit: c.unit,
    measured: c.measured,
    predicted,
    error_pct: (predicted / c.measured - 1) * 100,
    roofline,
    defaults,
  };
}
