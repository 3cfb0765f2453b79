/**
 * The calibration document `mmplan calibrate` writes: the fitted engine classes and (device,
 * engine, unit) groups with their record counts and unidentifiable parameters, and the validation
 * error bands estimates print. Measurement files are named as given (relative to the project for
 * the shipped ones), never by a machine's absolute path.
 */
import type { Calibration } from '../schema/index.js';
import type { CalibCase } from './case.js';
import { classKey, familyKey, fittedCases, groupKey, type LevelFits } from './levels.js';

export function toCalibration(files: string[], fits: LevelFits, all: CalibCase[], errors: Calibration['errors'] = []): Calibration {
  // The counts are of the records each fit used (energy and power records are validated, not fitted).
  const cases = fittedCases(all);
  const count = (key: (c: CalibCase) => string, k: string) => cases.filter((c) => key(c) === k).length;
  return {
    kind: 'mmplan-calibration',
    measurements: files,
    classes: [...fits.classes.entries()].map(([k, f]) => {
      const [engine, unit] = k.split('|');
      return { engine, unit: unit as CalibCase['unit'], records: count(classKey, k), params: f.params };
    }),
    families: [...fits.families.entries()].map(([k, f]) => {
      const [engine, unit, family] = k.split('|');
      const of = cases.filter((c) => familyKey(c) === k);
      return { engine, unit: unit as CalibCase['unit'], family, records: of.length, devices: new Set(of.map((c) => c.device.id)).size, params: f.params };
    }),
    groups: [...fits.groups.entries()].map(([k, f]) => {
      const [device, engine, unit] = k.split('|');
      return { device, engine, unit: unit as CalibCase['unit'], records: count((c) => groupKey(c), k), params: f.params, unidentifiable: f.unidentifiable.map((u) => `${u.param}: ${u.why}`) };
    }),
    errors,
  };
}
