/**
 * Calibration levels: an engine class (engine, unit) is fitted pooled over devices, then each
 * (device, engine, unit) group is fitted on top of its class with a prior around the class value.
 * A prediction stacks engine defaults, the class layer and the group layer (later wins).
 */
import type { Calibration, FittedSet, UnitKind } from '../schema/index.js';
import type { Tuning } from './tuning.js';
import { groupBy } from '../group-by.js';
import type { CalibCase } from './case.js';
import { fit, FIT_PARAMS, type FitResult } from './fit.js';

/**
 * Prior standard deviation (log space) of a device's parameter around its engine class. Chosen on
 * the leave-one-out error of the shipped records (0.25, 0.5, 0.7, 1, 1.5, 2, 3 and no prior were
 * tried; 1.5 met every metric's target with the most margin). Choosing it on the same records
 * flatters those figures a little: records kept aside are the honest test.
 */
export const GROUP_PRIOR_SD = 1.5;

export const classKey = (c: { engine: string; unit: UnitKind }) => `${c.engine}|${c.unit}`;
export const groupKey = (c: { device: { id: string } | string; engine: string; unit: UnitKind }) =>
  `${typeof c.device === 'string' ? c.device : c.device.id}|${c.engine}|${c.unit}`;

export type LevelFits = {
  classes: Map<string, FitResult>;
  groups: Map<string, FitResult>;
};

/** Fit every engine class, then every (device, engine, unit) group on top of its class. */
export function calibrateAll(cases: CalibCase[]): LevelFits {
  const classes = new Map<string, FitResult>();
  for (const [k, cs] of groupBy(cases, classKey)) classes.set(k, fit(cs, []));
  const groups = new Map<string, FitResult>();
  for (const [k, cs] of groupBy(cases, (c) => groupKey(c))) {
    const cls = classes.get(classKey(cs[0]))!;
    groups.set(k, fit(cs, [paramsLayer(cls.params)], FIT_PARAMS, 30, GROUP_PRIOR_SD));
  }
  return { classes, groups };
}

/** A fitted set as a tuning layer (values only). */
export function paramsLayer(p: FittedSet | undefined): Tuning {
  const t: Tuning = {};
  if (!p) return t;
  for (const [k, v] of Object.entries(p)) if (v) (t as Record<string, number>)[k] = v.value;
  return t;
}

/** The tuning layers a fitted calibration gives one case: its class, then its group. */
export function layersFor(fits: LevelFits, c: CalibCase): Tuning[] {
  return [paramsLayer(fits.classes.get(classKey(c))?.params), paramsLayer(fits.groups.get(groupKey(c))?.params)];
}

/**
 * The same two layers from a calibration file, for (device, engine, unit): the engine class's
 * fit, then the device's. The one place a calibration file is looked up by key.
 */
export function calibrationLayers(cal: Calibration | undefined, key: { device: string; engine: string; unit: UnitKind }): { cls?: Calibration['classes'][number]; grp?: Calibration['groups'][number]; layers: Tuning[] } {
  const cls = cal?.classes.find((c) => c.engine === key.engine && c.unit === key.unit);
  const grp = cal?.groups.find((g) => g.device === key.device && g.engine === key.engine && g.unit === key.unit);
  return { cls, grp, layers: [paramsLayer(cls?.params), paramsLayer(grp?.params)] };
}
