/**
 * Validation: each record predicted by a calibration that did not see it, or by a given
 * calibration as it is, beside the bare roofline (peaks only) and the uncalibrated defaults.
 *
 * What "did not see it" means is the leave-out mode, and it decides how honest the figure is:
 *   record  the record alone is left out: its device's, engine's and source's other records were
 *           fitted (what a planner gets for a device that has been measured);
 *   device  every record of its device is left out: the prediction rests on the engine class and
 *           the unit family (what a planner gets for a phone nobody measured) - the default;
 *   engine  every record of its engine is left out: the engine profile's own defaults;
 *   source  every record of its source is left out (a paper, a repository, a blog: one setup).
 * Only the fits a held-out record's class, family and group need are refitted without its fold;
 * the others cannot depend on it.
 */
import type { UnitKind } from '../schema/index.js';
import type { Tuning } from './tuning.js';
import { METRIC_DEFS, type Metric } from '../metrics.js';
import { groupBy } from '../group-by.js';
import { predictCase, type CalibCase } from './case.js';
import { calibrateAll, classKey, familyKey, fitLevels, fittedCases, groupKey, GROUP_PARAMS, GROUP_PRIOR_SD, paramsLayer, type CalibrationLevel } from './levels.js';
import { dropOne, fit } from './fit.js';

export const LEAVE_OUT = ['record', 'device', 'engine', 'source'] as const;
export type LeaveOut = (typeof LEAVE_OUT)[number];

export type ValidationRow = {
  id: string;
  metric: Metric;
  device: string;
  engine: string;
  unit: UnitKind;
  source: string;
  measured: number;
  predicted: number;
  /** predicted/measured - 1, in percent. */
  error_pct: number;
  /** The level the prediction's parameters came from. */
  level: CalibrationLevel;
  /** The same record predicted by the bare roofline (peaks only) and by the uncalibrated defaults. */
  roofline: number;
  defaults: number;
};

const ROOFLINE: Tuning = { compute_efficiency: 1, bandwidth_efficiency: 1, dispatch: 0, call_overhead: 0 };

/** The fold a case belongs to under a leave-out mode. */
export function foldOf(mode: LeaveOut, c: CalibCase): string {
  if (mode === 'record') return `record:${c.id}`;
  if (mode === 'device') return `device:${c.device.id}`;
  if (mode === 'engine') return `engine:${c.engine}`;
  return `source:${c.source}`;
}

/**
 * Leave-out validation: record i predicted by class, family and group fits on the records outside
 * its fold. Fits are shared by the records of a fold. The returned function validates record i,
 * so a caller can interleave other work (progress, interruption).
 */
/**
 * Classes up to this many records are refitted exactly in leave-one-record-out: the one-step
 * approximation still carries a trace of the held-out record, which matters most in a small class.
 */
const EXACT_LOO_MAX = 40;

export function leaveOutBy(cases: CalibCase[], mode: LeaveOut = 'device'): (i: number) => ValidationRow {
  // Fits see only fitted metrics (energy and power are validated, never fitted: levels.ts).
  const fitted = fittedCases(cases);
  const byClass = groupBy(fitted, classKey);
  const byFamily = groupBy(fitted.filter((c) => familyKey(c) !== undefined), (c) => familyKey(c)!);
  const byGroup = groupBy(fitted, (c) => groupKey(c));
  const memo = new Map<string, ReturnType<typeof fitLevels>>();
  // Leave-one-record-out: a class or family fit without one record of hundreds is the fit on all
  // of them moved by one Gauss-Newton step (fit.ts dropOne, the standard approximate leave-one-out);
  // the record's own device group is refitted exactly. Other modes refit every level of the fold.
  const all = mode === 'record' ? calibrateAll(cases) : undefined;
  return (i) => {
    const c = cases[i];
    const fold = foldOf(mode, c);
    const fk = familyKey(c);
    let lv: ReturnType<typeof fitLevels> | undefined;
    const isFitted = METRIC_DEFS[c.metric].fitted !== false;
    if (all && !isFitted) {
      // A record no fit saw: the fit on everything already leaves it out.
      lv = { cls: all.classes.get(classKey(c))?.params, fam: fk ? all.families.get(fk)?.params : undefined, grp: all.groups.get(groupKey(c))?.params };
    } else if (all && byClass.get(classKey(c))!.length > EXACT_LOO_MAX) {
      const cls = dropOne(all.classes.get(classKey(c))!, byClass.get(classKey(c))!.indexOf(c));
      const famFit = fk ? all.families.get(fk) : undefined;
      const fam = famFit ? dropOne(famFit, byFamily.get(fk!)!.indexOf(c)) : undefined;
      const rest = byGroup.get(groupKey(c))!.filter((x) => x !== c);
      const grp = rest.length ? fit(rest, [paramsLayer(cls), paramsLayer(fam)], GROUP_PARAMS, 30, GROUP_PRIOR_SD).params : undefined;
      lv = { cls, fam, grp };
    } else {
      const key = `${fold}#${classKey(c)}#${fk ?? ''}#${groupKey(c)}`;
      lv = memo.get(key);
      if (!lv) {
        const out = (x: CalibCase) => foldOf(mode, x) !== fold;
        lv = fitLevels((byClass.get(classKey(c)) ?? []).filter(out), fk ? (byFamily.get(fk) ?? []).filter(out) : [], (byGroup.get(groupKey(c)) ?? []).filter(out));
        memo.set(key, lv);
      }
    }
    const level: CalibrationLevel = lv.grp ? 'device' : lv.fam ? 'family' : lv.cls ? 'engine class' : 'engine defaults';
    return row(c, predictCase(c, [paramsLayer(lv.cls), paramsLayer(lv.fam), paramsLayer(lv.grp)]), level);
  };
}

/** Leave-one-record-out (kept for callers that want the old figure by name). */
export function leaveOneOutBy(cases: CalibCase[]): (i: number) => ValidationRow {
  return leaveOutBy(cases, 'record');
}

export function leaveOneOut(cases: CalibCase[], onProgress?: (done: number, total: number) => void, mode: LeaveOut = 'record'): ValidationRow[] {
  const one = leaveOutBy(cases, mode);
  return cases.map((_, i) => {
    const r = one(i);
    onProgress?.(i + 1, cases.length);
    return r;
  });
}

/** Predict each case with given layers (no refit): for --no-fit validation of a calibration. */
export function predictAll(cases: CalibCase[], layers: (c: CalibCase) => { layers: Tuning[]; level: CalibrationLevel }): ValidationRow[] {
  return cases.map((c) => {
    const l = layers(c);
    return row(c, predictCase(c, l.layers), l.level);
  });
}

function row(c: CalibCase, predicted: number, level: CalibrationLevel): ValidationRow {
  const roofline = predictCase({ ...c, engineTuning: {} }, [ROOFLINE]);
  const defaults = predictCase(c, []);
  return {
    id: c.id,
    metric: c.metric,
    device: c.device.id,
    engine: c.engine,
    unit: c.unit,
    source: c.source,
    measured: c.measured,
    predicted,
    error_pct: (predicted / c.measured - 1) * 100,
    level,
    roofline,
    defaults,
  };
}
