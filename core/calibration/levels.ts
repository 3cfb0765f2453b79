/**
 * Calibration levels: an engine class (engine, unit) is fitted pooled over devices; then each unit
 * family of that class (engine, unit, family: Hexagon, Adreno, Mali, Apple GPU, Apple CPU cores,
 * Arm Cortex cores...) on top of its class, with a prior around the class value; then each
 * (device, engine, unit) group on top of its family, with a prior around the family value. A
 * prediction stacks engine defaults, class, family and group (later wins). A device no record
 * measured still gets its family's fit when its family was measured on another chip: what the
 * profile knows about the hardware (families.yaml) carries the calibration over.
 */
import type { Calibration, DeviceProfile, FittedSet, UnitKind } from '../schema/index.js';
import type { Tuning } from './tuning.js';
import { groupBy } from '../group-by.js';
import type { CalibCase } from './case.js';
import { fit, FIT_PARAMS, type FitParam, type FitResult } from './fit.js';
import { METRIC_DEFS } from '../metrics.js';

/**
 * Prior standard deviations (log space) of a family's parameter around its engine class and of a
 * device's around its family. Chosen on the leave-one-device-out error of the shipped records
 * (family sd 0.5 / 1 / 2: decode 21.4% / 20.0% / 20.1%, vision 26.4% / 22.9% / 23.5%);
 * records kept aside (data/heldout/) are the honest test of that choice.
 */
export const FAMILY_PRIOR_SD = 1.0;
/**
 * Prior sd (log space) of an engine class around the engine profile's own defaults: a class measured
 * on one or two devices otherwise takes their values whole, and a third chip of another line inherits
 * them. Leave-one-device-out median error on the shipped records (2026-12-02) with no prior / sd 1 /
 * 0.5 / 0.3: decode 21.7% / 21.7% / 19.5% / 18.4%, TTFT 16.5% / 17.6% / 17.1% / 17.0%, vision encode
 * 19.6% / 20.9% / 20.9% / 21.6%. 0.5 (a factor of 1.65 at one sd) keeps every metric in bounds.
 */
export const CLASS_PRIOR_SD = 0.5;
export const GROUP_PRIOR_SD = 1.5;

/**
 * What each level fits. Engine classes and families fit only the two efficiencies that carry over
 * between chips of a line (how much of the peak compute and bandwidth the engine's kernels reach);
 * request and memory overheads and the encode efficiency are properties of one device's build and
 * driver, so only the (device, engine, unit) group fits them. Fitting all parameters at the class
 * and family levels made the leave-one-device-out error worse on the shipped records (tried
 * 2026-12-02): overheads fitted on other chips do not transfer.
 */
export const CLASS_PARAMS: readonly FitParam[] = ['compute_efficiency', 'bandwidth_efficiency'];
export const FAMILY_PARAMS: readonly FitParam[] = ['compute_efficiency', 'bandwidth_efficiency'];
export const GROUP_PARAMS: readonly FitParam[] = FIT_PARAMS;

/**
 * The family of a device's unit: the hardware line whose software efficiency carries over between
 * chips (chip families, device-profiles/families/families.yaml). Undefined when the profile has no
 * family entry.
 */
export function unitFamily(device: Pick<DeviceProfile, 'family'>, unit: UnitKind): string | undefined {
  const f = device.family;
  if (!f) return undefined;
  if (unit === 'npu') return f.npu?.family ?? undefined;
  if (unit === 'gpu') {
    const g = f.gpu?.family;
    // Immortalis is Arm's Mali line with ray tracing: the same shader cores.
    return g === 'immortalis' ? 'mali' : (g ?? undefined);
  }
  const core = f.cpu?.big_core;
  if (!core) return undefined;
  if (/^cortex|^c1-/.test(core)) return 'arm-cortex';
  if (/^apple|^avalanche|^everest|^firestorm/.test(core)) return 'apple-cpu';
  if (/^oryon/.test(core)) return 'oryon';
  return 'x86';
}

export const classKey = (c: { engine: string; unit: UnitKind }) => `${c.engine}|${c.unit}`;
export const familyKey = (c: { engine: string; unit: UnitKind; device: Pick<DeviceProfile, 'family'> }) => {
  const f = unitFamily(c.device, c.unit);
  return f ? `${c.engine}|${c.unit}|${f}` : undefined;
};
export const groupKey = (c: { device: { id: string } | string; engine: string; unit: UnitKind }) =>
  `${typeof c.device === 'string' ? c.device : c.device.id}|${c.engine}|${c.unit}`;

export type LevelFits = {
  classes: Map<string, FitResult>;
  families: Map<string, FitResult>;
  groups: Map<string, FitResult>;
};

/** The three fits of one case's levels from the records given (any may be missing). */
export type CaseLevels = { cls?: FittedSet; fam?: FittedSet; grp?: FittedSet };

/**
 * Fit a class, a family on top of it and a group on top of that, from the given records of each;
 * `warm` starts the class and family fits from fits of nearly the same records.
 */
/** The cases a fit uses: records of metrics that are fitted (energy and power are only validated). */
export const fittedCases = (cases: readonly CalibCase[]): CalibCase[] => cases.filter((c) => METRIC_DEFS[c.metric].fitted !== false);

/** Callers pass fitted cases only (fittedCases): validate.ts groups them once for all its folds. */
export function fitLevels(classCases: CalibCase[], familyCases: CalibCase[], groupCases: CalibCase[], warm: CaseLevels = {}): CaseLevels {
  const cls = classCases.length ? fit(classCases, [], CLASS_PARAMS, 30, CLASS_PRIOR_SD, warm.cls, deviceWeights(classCases)).params : undefined;
  const fam = familyCases.length ? fit(familyCases, [paramsLayer(cls)], FAMILY_PARAMS, 30, FAMILY_PRIOR_SD, warm.fam, deviceWeights(familyCases)).params : undefined;
  const grp = groupCases.length ? fit(groupCases, [paramsLayer(cls), paramsLayer(fam)], GROUP_PARAMS, 30, GROUP_PRIOR_SD).params : undefined;
  return { cls, fam, grp };
}

/**
 * Record weights for a class or family fit: what these levels are for is a device no record
 * measured, so devices, not records, are the sample. A record of a device with n records weighs
 * n^-α (normalised so the weights sum to the number of records): one source's 40 rows on one phone
 * do not outvote five phones with a few rows each. α = 1 (each device one vote) against 0.5 and 0
 * (each record one vote) on the shipped records, leave-one-device-out median error (2026-12-02):
 * decode 20.0% / 21.9% / 23.9%, vision encode 22.9% / 26.0% / 29.8%; TTFT 16.5% / 15.5% / 15.0%.
 */
const WEIGHT_ALPHA = 1;
export function deviceWeights(cases: readonly CalibCase[]): number[] {
  const n = new Map<string, number>();
  for (const c of cases) n.set(c.device.id, (n.get(c.device.id) ?? 0) + 1);
  const raw = cases.map((c) => n.get(c.device.id)! ** -WEIGHT_ALPHA);
  const scale = cases.length / raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w * scale);
}

/** Fit every engine class, every family on top of its class, every group on top of its family. */
export function calibrateAll(cases: CalibCase[]): LevelFits {
  const steps = calibrateSteps(cases);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/**
 * calibrateAll one fit at a time: the generator pauses after each fit, so a caller can let other
 * work run in between (the CLI answers Ctrl-C and SIGTERM between fits instead of after all).
 */
export function* calibrateSteps(cases: CalibCase[]): Generator<void, LevelFits> {
  cases = fittedCases(cases);
  const classes = new Map<string, FitResult>();
  for (const [k, cs] of groupBy(cases, classKey)) {
    classes.set(k, fit(cs, [], CLASS_PARAMS, 30, CLASS_PRIOR_SD, undefined, deviceWeights(cs)));
    yield;
  }
  const families = new Map<string, FitResult>();
  for (const [k, cs] of groupBy(cases.filter((c) => familyKey(c) !== undefined), (c) => familyKey(c)!)) {
    const cls = classes.get(classKey(cs[0]))!;
    families.set(k, fit(cs, [paramsLayer(cls.params)], FAMILY_PARAMS, 30, FAMILY_PRIOR_SD, undefined, deviceWeights(cs)));
    yield;
  }
  const groups = new Map<string, FitResult>();
  for (const [k, cs] of groupBy(cases, (c) => groupKey(c))) {
    const cls = classes.get(classKey(cs[0]))!;
    const fk = familyKey(cs[0]);
    const fam = fk ? families.get(fk) : undefined;
    groups.set(k, fit(cs, [paramsLayer(cls.params), paramsLayer(fam?.params)], GROUP_PARAMS, 30, GROUP_PRIOR_SD));
    yield;
  }
  return { classes, families, groups };
}

/** A fitted set as a tuning layer (values only). */
export function paramsLayer(p: FittedSet | undefined): Tuning {
  const t: Tuning = {};
  if (!p) return t;
  for (const [k, v] of Object.entries(p)) if (v) (t as Record<string, number>)[k] = v.value;
  return t;
}

/** The tuning layers a fitted calibration gives one case: its class, its family, then its group. */
export function layersFor(fits: LevelFits, c: CalibCase): Tuning[] {
  const fk = familyKey(c);
  return [paramsLayer(fits.classes.get(classKey(c))?.params), paramsLayer(fk ? fits.families.get(fk)?.params : undefined), paramsLayer(fits.groups.get(groupKey(c))?.params)];
}

/** Which level a prediction's fitted parameters come from: the most specific one that exists. */
export type CalibrationLevel = 'device' | 'related chip' | 'family' | 'engine class' | 'engine defaults';

/**
 * The same three layers from a calibration file, for (device, engine, unit): the engine class's
 * fit, the device's family's, then the device's. The one place a calibration file is looked up by key.
 */
/**
 * The layers for a device: its own fit, else the fit of its closest measured relative for this engine
 * (the chip it is a faster bin of, then its direct predecessor: families.yaml), else its family's and
 * its engine class's. A relative's fit is nearer than a family mean: a bin is the same silicon at
 * higher clocks, and a successor keeps its predecessor's engine kernels, so with its higher peaks it
 * then predicts at least as fast (the ordering test/family-order.test.ts checks).
 */
export function calibrationLayers(
  cal: Calibration | undefined,
  key: { device: string; engine: string; unit: UnitKind; family?: string; relatives?: readonly string[] },
): { cls?: Calibration['classes'][number]; fam?: NonNullable<Calibration['families']>[number]; grp?: Calibration['groups'][number]; layers: Tuning[]; level: CalibrationLevel; relative?: string } {
  const cls = cal?.classes.find((c) => c.engine === key.engine && c.unit === key.unit);
  const fam = key.family ? cal?.families?.find((f) => f.engine === key.engine && f.unit === key.unit && f.family === key.family) : undefined;
  const has = (x?: { params: FittedSet }) => !!x && Object.keys(x.params).length > 0;
  const groupOf = (device: string) => cal?.groups.find((g) => g.device === device && g.engine === key.engine && g.unit === key.unit);
  let grp = groupOf(key.device);
  let relative: string | undefined;
  if (!has(grp)) {
    for (const r of key.relatives ?? []) {
      const g = groupOf(r);
      if (has(g)) {
        grp = g;
        relative = r;
        break;
      }
    }
  }
  const level: CalibrationLevel = has(grp) ? (relative ? 'related chip' : 'device') : has(fam) ? 'family' : has(cls) ? 'engine class' : 'engine defaults';
  return { cls, fam, grp, layers: [paramsLayer(cls?.params), paramsLayer(fam?.params), paramsLayer(grp?.params)], level, relative };
}
