/**
 * Identifiability: which parameters a set of records can determine. A parameter is dropped when no
 * record depends on it (its sensitivity column is ~0), when it is collinear with another (JᵀJ is
 * ill-conditioned: the weaker column goes), or when there are fewer records than parameters.
 * Dropped parameters keep the value of the level below, and the calibration names them.
 */
import { mathjs, type Matrix } from '../mathjs.js';


export type Unidentifiable<P> = { param: P; why: string };

function colNorm(c: number[]): number {
  return Math.sqrt(c.reduce((s, x) => s + x * x, 0));
}

/**
 * `cols[j]` is the sensitivity of every residual to parameter j; `n` the number of records.
 * Returns the indices of the parameters to fit and why the others are not.
 */
export function identifiable<P>(params: readonly P[], cols: number[][], n: number): { keep: number[]; unidentifiable: Array<Unidentifiable<P>> } {
  const unidentifiable: Array<Unidentifiable<P>> = [];
  let keep = params.map((_, j) => j).filter((j) => {
    const norm = colNorm(cols[j]);
    if (norm < 0.05) unidentifiable.push({ param: params[j], why: 'no record depends on it' });
    return norm >= 0.05;
  });
  // Collinear columns: drop the weaker until JᵀJ is well conditioned.
  while (keep.length > 1) {
    const JtJ = keep.map((a) => keep.map((b) => cols[a].reduce((s, x, i) => s + x * cols[b][i], 0)));
    const { eigs, matrix } = mathjs();
    const ev = (eigs(matrix(JtJ)).values as Matrix).toArray() as number[];
    const ratio = Math.min(...ev.map(Math.abs)) / Math.max(...ev.map(Math.abs));
    if (ratio > 1e-6) break;
    const weakest = keep.reduce((a, b) => (colNorm(cols[a]) < colNorm(cols[b]) ? a : b));
    unidentifiable.push({ param: params[weakest], why: 'collinear with another parameter on these records' });
    keep = keep.filter((j) => j !== weakest);
  }
  while (keep.length > n) {
    const weakest = keep.reduce((a, b) => (colNorm(cols[a]) < colNorm(cols[b]) ? a : b));
    unidentifiable.push({ param: params[weakest], why: `only ${n} record(s) for ${keep.length} parameters` });
    keep = keep.filter((j) => j !== weakest);
  }
  return { keep, unidentifiable };
}
