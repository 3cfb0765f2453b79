/**
 * Levenberg-Marquardt for a small nonlinear least-squares problem, with a soft-L1 robust loss by
 * iteratively reweighted least squares. Generic: it knows residuals and parameters, not devices.
 *
 *   minimise  Σ ρ(r_i(θ)),   ρ(r) = 2c² (√(1 + (r/c)²) − 1)      (≈ r² near 0, ≈ 2c|r| far out)
 *
 * Each step solves (JᵀWJ + λ·diag(JᵀWJ)) δ = −JᵀWr with W the soft-L1 weights 1/√(1 + (r/c)²),
 * accepts it if the robust cost falls (λ shrinks 3x) or retries with λ x4. The Jacobian is a
 * forward difference. mathjs does the linear algebra (loaded only by calibration, never in sweeps).
 */
import { mathjs } from '../mathjs.js';

/** Solve A x = b (mathjs loaded on first use: see mathjs.ts). */
const lusolve = (A: number[][], b: number[]): number[][] => mathjs().lusolve(A, b) as unknown as number[][];
const inv = (A: number[][]): number[][] => mathjs().inv(A) as unknown as number[][];

/** Residuals at a parameter vector. */
export type Residuals = (theta: number[]) => number[];

/** Forward-difference Jacobian, one column (array over residuals) per parameter. */
export function jacobian(residuals: Residuals, theta: number[], r0: number[], h = 1e-3): number[][] {
  return theta.map((_, j) => {
    const t = [...theta];
    t[j] += h;
    const r = residuals(t);
    return r.map((x, i) => (x - r0[i]) / h);
  });
}

export type SolveResult = { theta: number[]; r: number[]; iterations: number };

export function levenbergMarquardt(residuals: Residuals, theta0: number[], opts: { clamp: (t: number[]) => number[]; robustC: number; maxIter: number }): SolveResult {
  const c = opts.robustC;
  const robustW = (res: number[]) => res.map((x) => 1 / Math.sqrt(1 + (x / c) ** 2));
  const cost = (res: number[]) => res.reduce((s, x) => s + 2 * c ** 2 * (Math.sqrt(1 + (x / c) ** 2) - 1), 0);
  let theta = theta0;
  let r = residuals(theta);
  let lambda = 1e-2;
  let iterations = 0;
  for (; theta.length > 0 && iterations < opts.maxIter; iterations++) {
    const J = jacobian(residuals, theta, r);
    const w = robustW(r);
    const p = theta.length;
    const A = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => J[a].reduce((s, x, i) => s + w[i] * x * J[b][i], 0)));
    const g = Array.from({ length: p }, (_, a) => J[a].reduce((s, x, i) => s + w[i] * x * r[i], 0));
    let improved = false;
    for (let tries = 0; tries < 8; tries++) {
      const M = A.map((row, a) => row.map((x, b) => (a === b ? x * (1 + lambda) + 1e-12 : x)));
      const step = (lusolve(M, g.map((x) => -x)) as number[][]).map((v) => v[0]);
      const cand = opts.clamp(theta.map((x, i) => x + step[i]));
      const rc = residuals(cand);
      const before = cost(r);
      const after = cost(rc);
      if (after < before) {
        // Converged when the step or the cost's relative change is negligible (1e-4 in log space is
        // 0.01% on a parameter; predictions then move by less than that).
        const small = Math.max(...step.map(Math.abs)) < 1e-4 || before - after < 1e-9 * (1 + before);
        theta = cand;
        r = rc;
        lambda = Math.max(1e-6, lambda / 3);
        improved = true;
        if (small) iterations = opts.maxIter;
        break;
      }
      lambda *= 4;
    }
    if (!improved) break;
  }
  return { theta, r, iterations };
}

/**
 * Parameter covariance s²(JᵀJ)⁻¹ from the first `nData` residuals (priors excluded from s²);
 * undefined when there are no more data than parameters or JᵀJ is singular.
 */
export function covariance(residuals: Residuals, theta: number[], r: number[], nData: number, J = jacobian(residuals, theta, r)): number[][] | undefined {
  const p = theta.length;
  if (p === 0 || nData <= p) return undefined;
  const JtJ = theta.map((_, a) => theta.map((_, b) => J[a].reduce((s, x, i) => s + x * J[b][i], 0)));
  const s2 = r.slice(0, nData).reduce((s, x) => s + x * x, 0) / (nData - p);
  try {
    return (inv(JtJ) as number[][]).map((row) => row.map((x) => x * s2));
  } catch {
    return undefined;
  }
}

/**
 * The parameters without residual i, by one Gauss-Newton step from the solution (the standard
 * approximate leave-one-out): at θ̂ the weighted gradient Σ w_k j_k r_k is zero, so without i it is
 * −w_i j_i r_i, and the step is δ = (A − w_i j_i j_iᵀ)⁻¹ w_i j_i r_i with A = Σ w_k j_k j_kᵀ.
 * Exact for residuals linear in θ; one step of the refit otherwise. Undefined when singular.
 */
export function dropOneStep(J: number[][], r: number[], robustC: number, i: number): number[] | undefined {
  const p = J.length;
  if (p === 0) return [];
  const w = r.map((x) => 1 / Math.sqrt(1 + (x / robustC) ** 2));
  const A = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => J[a].reduce((s, x, k) => (k === i ? s : s + w[k] * x * J[b][k]), 0) + 1e-12 * (a === b ? 1 : 0)));
  const g = Array.from({ length: p }, (_, a) => w[i] * J[a][i] * r[i]);
  try {
    return (lusolve(A, g) as number[][]).map((v) => v[0]);
  } catch {
    return undefined;
  }
}
