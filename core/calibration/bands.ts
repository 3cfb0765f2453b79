/**
 * Uncertainty bands: how far off a prediction typically is, from the validation errors stored
 * with a calibration (leave-one-out, per metric and engine). The most specific row with enough
 * records wins: (metric, engine, device), then (metric, engine), then (metric, all engines).
 */
import type { Calibration } from '../schema/index.js';
import type { Estimate } from '../types.js';
import { BANDS, bandMetrics, type Metric } from '../metrics.js';


const MIN_RECORDS = 3;

/**
 * The band: the 68th percentile of the absolute errors (one standard deviation's worth of records
 * for a normal error) from leave-one-device-out validation, i.e. how far off a device no record
 * measured was. The most specific row with enough records wins: (metric, engine, device), then
 * (metric, engine), then (metric, all engines); rows from leave-one-device-out first (calibrations
 * written before it exist only with leave-one-record-out rows).
 */
export function uncertaintyFor(cal: Calibration, device: string, engine: string | undefined): NonNullable<Estimate['uncertainty']> {
  const out: NonNullable<Estimate['uncertainty']> = {};
  const modes = cal.errors.some((e) => e.mode === 'device') ? ['device'] : ['record'];
  for (const field of BANDS) {
    const metrics = bandMetrics(field);
    const rows = cal.errors.filter((e) => metrics.includes(e.metric as Metric) && modes.includes(e.mode));
    const pick =
      rows.find((e) => e.engine === engine && e.device === device && e.n >= MIN_RECORDS) ??
      rows.find((e) => e.engine === engine && e.device === null && e.n >= MIN_RECORDS) ??
      rows.find((e) => e.engine === null && e.device === null);
    if (pick) {
      const basis = pick.device ? `${pick.engine} on ${pick.device}` : pick.engine ? `${pick.engine}, all devices` : 'all engines and devices';
      const how = pick.mode === 'device' ? 'leave-one-device-out' : 'leave-one-record-out';
      out[field] = { median_abs_pct: pick.median_abs_pct, band_pct: pick.p68_abs_pct ?? pick.median_abs_pct, n: pick.n, basis: `${how} on ${pick.n} ${pick.metric} records (${basis}); 68% of them within the band` };
    }
  }
  return out;
}
