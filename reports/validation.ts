/**
 * The validation page of a report: every mapped record predicted with the calibration as it is,
 * and the error by metric, from the calibration's leave-one-device-out bands when it has them (else
 * leave-one-record-out, else the
 * in-sample errors of these predictions).
 */
import type { Calibration } from '../core/schema/index.js';
import { calibrationLayers, predictAll, summarizeErrors, unitFamily, type CalibCase } from '../core/calibration/index.js';
import type { ValidationData } from './types.js';

export function validationData(cases: CalibCase[], cal: Calibration): ValidationData {
  const rows = predictAll(cases, (c) => calibrationLayers(cal, { device: c.device.id, engine: c.engine, unit: c.unit, family: unitFamily(c.device, c.unit) }));
  const modeOf = cal.errors.some((e) => e.mode === 'device') ? 'device' : 'record';
  const loo = cal.errors.filter((e) => e.engine === null && e.device === null && e.mode === modeOf);
  const inSample = summarizeErrors(rows, (r) => r.metric);
  return {
    records: rows.map((r) => ({ id: r.id, metric: r.metric, device: r.device, engine: r.engine, measured: r.measured, predicted: r.predicted, error_pct: r.error_pct })),
    by_metric: loo.length
      ? loo.map((e) => ({ key: e.metric, n: e.n, median_ape: e.median_abs_pct, within_25: inSample.find((x) => x.key === e.metric)?.within_25 ?? NaN }))
      : inSample.map((x) => ({ key: x.key, n: x.n, median_ape: x.median_ape, within_25: x.within_25 })),
    mode: loo.length ? modeOf : 'in-sample',
  };
}
