/**
 * Error summaries of validation rows: absolute percentage error per key (median, mean, share within
 * ±10% and ±25%), the summary tables `validate` prints (by metric, device, engine, beside the bare
 * roofline and the defaults), the worst records, and the error bands a calibration file stores.
 */
import type { Calibration } from '../schema/index.js';
import { groupBy } from '../group-by.js';
import type { ValidationRow } from './validate.js';

export type ErrorSummary = { key: string; n: number; median_ape: number; p68_ape: number; mean_ape: number; within_10: number; within_25: number };

/** The q-quantile of sorted values (linear interpolation between ranks). */
function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return lo + 1 < sorted.length ? sorted[lo] + (sorted[lo + 1] - sorted[lo]) * (pos - lo) : sorted[lo];
}

/** Absolute percentage errors summarised per key (median, mean, share within ±10% and ±25%). */
export function summarizeErrors(rows: ValidationRow[], key: (r: ValidationRow) => string, pick: (r: ValidationRow) => number = (r) => r.predicted): ErrorSummary[] {
  const out: ErrorSummary[] = [];
  for (const [k, rs] of groupBy(rows, key)) {
    const ape = rs.map((r) => Math.abs(pick(r) / r.measured - 1) * 100).sort((a, b) => a - b);
    const mid = ape.length / 2;
    out.push({
      key: k,
      n: rs.length,
      median_ape: ape.length % 2 ? ape[Math.floor(mid)] : (ape[mid - 1] + ape[mid]) / 2,
      p68_ape: quantile(ape, 0.68),
      mean_ape: ape.reduce((s, x) => s + x, 0) / ape.length,
      within_10: ape.filter((x) => x <= 10).length / ape.length,
      within_25: ape.filter((x) => x <= 25).length / ape.length,
    });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

export type ValidationSummary = {
  by_metric: ErrorSummary[];
  by_device: ErrorSummary[];
  by_engine: ErrorSummary[];
  baselines: { roofline: ErrorSummary[]; defaults: ErrorSummary[] };
  worst: Array<{ id: string; metric: string; device: string; engine: string; measured: number; predicted: number; error_pct: number }>;
};

export function validationSummary(rows: ValidationRow[]): ValidationSummary {
  const worst = [...rows].sort((a, b) => Math.abs(Math.log(b.predicted / b.measured)) - Math.abs(Math.log(a.predicted / a.measured))).slice(0, 10);
  return {
    by_metric: summarizeErrors(rows, (r) => r.metric),
    by_device: summarizeErrors(rows, (r) => r.device),
    by_engine: summarizeErrors(rows, (r) => r.engine),
    baselines: { roofline: summarizeErrors(rows, (r) => r.metric, (r) => r.roofline), defaults: summarizeErrors(rows, (r) => r.metric, (r) => r.defaults) },
    worst: worst.map(({ id, metric, device, engine, measured, predicted, error_pct }) => ({ id, metric, device, engine, measured, predicted, error_pct })),
  };
}

/**
 * Uncertainty bands: median and 68th-percentile absolute % error per metric, per (metric, engine),
 * per (metric, engine, device), from validation rows of one leave-out mode.
 */
export function errorBands(rows: ValidationRow[], mode: 'record' | 'device' = 'device'): Calibration['errors'] {
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const band = (key: (r: ValidationRow) => string, engine: (k: string) => string | null, device: (k: string) => string | null) =>
    summarizeErrors(rows, key).map((x) => ({ metric: x.key.split('|')[0], engine: engine(x.key), device: device(x.key), mode, n: x.n, median_abs_pct: r1(x.median_ape), p68_abs_pct: r1(x.p68_ape) }));
  return [
    ...band((r) => r.metric, () => null, () => null),
    ...band((r) => `${r.metric}|${r.engine}`, (k) => k.split('|')[1], () => null),
    ...band((r) => `${r.metric}|${r.engine}|${r.device}`, (k) => k.split('|')[1], (k) => k.split('|')[2]),
  ];
}
