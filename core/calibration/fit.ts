/**
 * Fitting the software parameters of (device, engine, unit) to measurements by least squares on
 * log error, so errors are relative and parameters stay positive.
 *
 * Free parameters (fitted in log space):
 *   compute_efficiency   what prefill, TTFT and vision encoding mostly depend on
 *   bandwidth_efficiency what decode speed mostly depends on
 *   request_overhead     a fixed cost per request in TTFT (set-up, warm-up), what short prompts show
 *   memory_overhead      what peak memory adds beyond weights, KV and activations
 * A fit determines only what its records can (identifiability.ts); the rest keep the level below.
 * An optional prior pulls each parameter toward that level (shrinkage for groups with few records).
 * The solver (solver.ts) is Levenberg-Marquardt with a soft-L1 robust loss; the reported
 * uncertainty is the parameter covariance s²(JᵀJ)⁻¹.
 */
import type { FittedSet } from '../schema/index.js';
import type { Tuning } from './tuning.js';
import type { Metric } from '../metrics.js';
import { currentValue, predictCase, type CalibCase } from './case.js';
import { identifiable } from './identifiability.js';
import { covariance, dropOneStep, jacobian, levenbergMarquardt } from './solver.js';

export const FIT_PARAMS = ['compute_efficiency', 'encode_efficiency', 'bandwidth_efficiency', 'request_overhead', 'memory_overhead'] as const;
export type FitParam = (typeof FIT_PARAMS)[number];

const BOUNDS: Record<FitParam, [number, number]> = {
  compute_efficiency: [0.002, 1],
  encode_efficiency: [0.002, 1],
  bandwidth_efficiency: [0.02, 1],
  request_overhead: [1e-3, 60],
  memory_overhead: [1e6, 3e10],
};
/**
 * Starting points: a parameter that is ~0 by default (a request overhead) starts where records
 * could show it, so that the identifiability check sees its effect.
 */
const START_MIN: Record<FitParam, number> = { compute_efficiency: 0.002, encode_efficiency: 0.002, bandwidth_efficiency: 0.02, request_overhead: 0.1, memory_overhead: 1e6 };
/** Soft-L1 scale in log space: residuals beyond ~35% are down-weighted. */
const ROBUST_C = 0.3;
/** Residuals beyond a factor of 2 are reported as outliers. */
export const OUTLIER_LOG = Math.log(2);

export type FitResult = {
  params: FittedSet;
  fitted: FitParam[];
  unidentifiable: Array<{ param: FitParam; why: string }>;
  residuals: Array<{ id: string; metric: Metric; measured: number; predicted: number; log_error: number; outlier: boolean }>;
  iterations: number;
  /** The solution's Jacobian and residuals (priors included), for approximate leave-one-out (dropOne). */
  solution?: { theta: number[]; names: FitParam[]; J: number[][]; r: number[] };
};

/**
 * Fit `params` to `cases` on top of `base` tuning layers. Parameters the records cannot determine
 * are left out (and listed); the result's `params` holds only fitted ones.
 */
export function fit(cases: CalibCase[], base: Tuning[], params: readonly FitParam[] = FIT_PARAMS, maxIter = 30, priorSd?: number, warm?: FittedSet, weights?: readonly number[]): FitResult {
  const n = cases.length;
  const theta0 = params.map((p) => Math.log(Math.max(START_MIN[p], currentValue(cases[0], p, base))));
  const layerOf = (theta: number[], names: readonly FitParam[]): Tuning => {
    const t: Tuning = {};
    names.forEach((p, i) => {
      const [lo, hi] = BOUNDS[p];
      (t as Record<string, number>)[p] = Math.min(hi, Math.max(lo, Math.exp(theta[i])));
    });
    return t;
  };
  // A record's weight scales its residual by √w (so its squared error by w).
  const sw = cases.map((_, i) => Math.sqrt(weights?.[i] ?? 1));
  const dataResiduals = (theta: number[], names: readonly FitParam[]) => cases.map((c, i) => sw[i] * Math.log(predictCase(c, [...base, layerOf(theta, names)]) / c.measured));
  // A prior (when given) pulls each parameter toward the level below (the class value), not toward
  // the starting point, which may be lifted off zero so the identifiability probe can see the
  // parameter: a group with one or two records then moves only as far as they justify (shrinkage).
  const prior0 = new Map(params.map((p) => [p, Math.log(Math.max(BOUNDS[p][0], currentValue(cases[0], p, base)))]));
  const residuals = (theta: number[], names: readonly FitParam[]) => {
    const r = dataResiduals(theta, names);
    if (priorSd !== undefined) names.forEach((p, i) => r.push((theta[i] - prior0.get(p)!) / priorSd));
    return r;
  };

  // Identifiability at the starting point: which parameters move any prediction, independently
  // (a central difference over 25% each way, so a kink right at the start does not hide it).
  const H = Math.log(1.25);
  const cols = params.map((_, j) => {
    const up = [...theta0];
    const down = [...theta0];
    up[j] += H;
    down[j] -= H;
    const ru = dataResiduals(up, params);
    const rd = dataResiduals(down, params);
    return ru.map((x, i) => (x - rd[i]) / (2 * H));
  });
  const { keep, unidentifiable } = identifiable(params, cols, n);
  const names = keep.map((j) => params[j]);
  const clamp = (t: number[]) => t.map((x, i) => Math.min(Math.log(BOUNDS[names[i]][1]), Math.max(Math.log(BOUNDS[names[i]][0]), x)));
  const res = (theta: number[]) => residuals(theta, names);
  // A warm start (the fit of nearly the same records, in leave-one-record-out) only shortens the
  // descent; which parameters are fitted was decided above, from the usual starting point.
  const start = keep.map((j) => {
    const w = warm?.[params[j]];
    return w ? Math.log(w.value) : theta0[j];
  });
  const { theta, r, iterations } = levenbergMarquardt(res, clamp(start), { clamp, robustC: ROBUST_C, maxIter });

  // Uncertainty: s²(JᵀJ)⁻¹ in log space, when there are more records than parameters.
  const fitted: FittedSet = {};
  const final = layerOf(theta, names) as Record<string, number>;
  const J = names.length ? jacobian(res, theta, r) : [];
  const cov = covariance(res, theta, r, n, J);
  names.forEach((p, i) => {
    // At a bound the curvature says nothing about the uncertainty: report none.
    const atBound = final[p] <= BOUNDS[p][0] * 1.01 || final[p] >= BOUNDS[p][1] * 0.99;
    fitted[p] = { value: final[p], log_sd: cov && !atBound ? Math.sqrt(Math.max(0, cov[i][i])) : null };
  });
  return {
    params: fitted,
    fitted: names,
    unidentifiable,
    // r holds log(predicted / measured) at the final parameters: no need to predict again.
    residuals: cases.map((c, i) => {
      const predicted = c.measured * Math.exp(r[i] / sw[i]);
      const e = r[i] / sw[i];
      return { id: c.id, metric: c.metric, measured: c.measured, predicted, log_error: e, outlier: Math.abs(e) > OUTLIER_LOG };
    }),
    iterations,
    solution: { theta, names, J, r },
  };
}

/**
 * The fit's parameters without case i (its index in the cases fitted), by one Gauss-Newton step
 * from the solution (solver.ts dropOneStep), clamped to the bounds: leave-one-record-out without a
 * refit. Falls back to the fit itself when the step cannot be taken.
 */
export function dropOne(f: FitResult, i: number): FittedSet {
  const s = f.solution;
  if (!s || !s.names.length) return f.params;
  const step = dropOneStep(s.J, s.r, ROBUST_C, i);
  if (!step) return f.params;
  const out: FittedSet = {};
  s.names.forEach((p, j) => {
    const [lo, hi] = BOUNDS[p];
    out[p] = { value: Math.min(hi, Math.max(lo, Math.exp(s.theta[j] + step[j]))), log_sd: f.params[p]?.log_sd ?? null };
  });
  return out;
}
