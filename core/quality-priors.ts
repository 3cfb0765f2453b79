/**
 * Quality priors: what a deployment factor costs on models that studied it, transferred to a model
 * that did not (models/quality/priors/, one published ablation per file).
 *
 * The effect of moving factor f from a to b in one study is its relative score change
 *   e = curve(b) / curve(a) − 1
 * per benchmark (the curve piecewise linear in the factor's scale, extrapolated pessimistically as
 * the model's own curves are; quality.ts), and the median over the study's benchmarks. Across
 * studies the prior is the median of their effects, from the closest studies that have points on
 * both sides (the same zoo model, else vision-language studies, else any), and its uncertainty is
 * half the spread of the study effects, at least a quarter of the effect itself: a transfer is never
 * exact. Benchmarks scored lower-is-better (perplexity, KL) have no scale and are not used.
 */
import { z } from 'zod';
import { readCurve } from './quality-curve.js';

const pointSchema = z.object({ value: z.union([z.number(), z.string()]), score: z.number(), source: z.string().min(1) }).passthrough();

export const qualityPriorSchema = z
  .object({
    study: z.string().min(1),
    factor: z.string().min(1),
    model: z.string(),
    mmplan_model: z.string().nullable().optional(),
    modality: z.string().optional(),
    benchmarks: z.record(z.string(), z.object({ scale: z.number().positive().nullable(), points: z.array(pointSchema).min(1) }).passthrough()),
  })
  .passthrough();
export type QualityPrior = z.output<typeof qualityPriorSchema>;

export type PriorEffect = { rel: number; relUncertainty: number; studies: string[]; covered: boolean };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One study's relative effect of a -> b and whether its points span both values. */
function studyEffect(p: QualityPrior, scale: (v: number) => number, a: number, b: number): { e: number; covered: boolean } | undefined {
  const effects: number[] = [];
  let covered = false;
  for (const bench of Object.values(p.benchmarks)) {
    if (bench.scale === null) continue;
    const pts = bench.points.filter((q) => typeof q.value === 'number').map((q) => ({ x: scale(q.value as number), y: q.score, source: q.source })).sort((u, v) => u.x - v.x);
    if (pts.length < 2) continue;
    const ya = readCurve(pts, scale(a)).y;
    if (!(ya > 0)) continue;
    effects.push(readCurve(pts, scale(b)).y / ya - 1);
    const lo = pts[0].x;
    const hi = pts[pts.length - 1].x;
    if (scale(a) >= lo && scale(a) <= hi && scale(b) >= lo && scale(b) <= hi) covered = true;
  }
  return effects.length ? { e: median(effects), covered } : undefined;
}

/**
 * The prior effect of moving `factor` from a to b for `model`, or undefined when no study of the
 * factor has a usable benchmark. `scale` is the factor's natural scale (log for tiles and tokens).
 */
export function priorEffect(priors: readonly QualityPrior[], factor: string, a: number, b: number, model: string, scale: (v: number) => number): PriorEffect | undefined {
  // A sweep asks the same few questions for every row: remember the answers per set of priors.
  let memo = effectMemo.get(priors);
  if (!memo) effectMemo.set(priors, (memo = new Map()));
  const key = `${factor}|${a}|${b}|${model}`;
  if (memo.has(key)) return memo.get(key);
  const r = computeEffect(priors, factor, a, b, model, scale);
  memo.set(key, r);
  return r;
}

const effectMemo = new WeakMap<readonly QualityPrior[], Map<string, PriorEffect | undefined>>();

function computeEffect(priors: readonly QualityPrior[], factor: string, a: number, b: number, model: string, scale: (v: number) => number): PriorEffect | undefined {
  const all = priors
    .filter((p) => p.factor === factor)
    .map((p) => ({ p, r: studyEffect(p, scale, a, b) }))
    .filter((x): x is { p: QualityPrior; r: { e: number; covered: boolean } } => x.r !== undefined);
  if (!all.length) return undefined;
  const covering = all.filter((x) => x.r.covered);
  const pool = covering.length ? covering : all;
  const same = pool.filter((x) => x.p.mmplan_model === model);
  const vl = pool.filter((x) => x.p.modality === 'vision-language');
  const chosen = same.length ? same : vl.length ? vl : pool;
  const es = chosen.map((x) => x.r.e);
  const rel = median(es);
  const spread = (Math.max(...es) - Math.min(...es)) / 2;
  return { rel, relUncertainty: Math.max(spread, Math.abs(rel) / 4), studies: chosen.map((x) => x.p.study), covered: covering.length > 0 };
}
