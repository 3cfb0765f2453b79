/**
 * Quality: what a deployment choice costs in accuracy, predicted from published evidence.
 *
 * Evidence per model (models/quality/<id>.yaml): reference scores measured at a reference
 * deployment, and per-factor curves of score versus one factor with the others at the reference:
 *   wbits       LLM weight bits            (natural scale: bits)
 *   max_tiles   the tiling policy's cap    (log scale: resolution works in log tokens)
 *   keep_ratio  image tokens kept          (log scale)
 *   policy      the tiling policy          (categorical)
 *
 * The rule: score = reference + Σ over factors of [curve(value) − curve(reference value)], each
 * curve piecewise linear in its natural scale between evidence points. At an evidence point of an
 * absolute curve (same model and split as the reference) this reproduces the evidence exactly.
 * Outside the evidence it extrapolates pessimistically: toward fewer resources (fewer bits,
 * fewer tiles, fewer tokens) it continues the first segment's slope when that slope shows a loss,
 * toward more resources it stays flat, so it never promises a gain the evidence does not show.
 *
 * Basis of a prediction: "measured" when the configuration is an evidence point (or a user's own
 * measurement), "interpolated" when every factor that differs from the reference lies inside an
 * absolute curve of this model, "extrapolated" otherwise (beyond the evidence, a curve
 * transferred from another model or split, or a factor with no evidence at all).
 */
import { z } from 'zod';
import type { Scenario } from './schema/index.js';
import { maxTilesParam } from './tiling/index.js';
import { canonicalBenchmark } from './benchmarks.js';
import { priorEffect, type QualityPrior } from './quality-priors.js';
import { readCurve } from './quality-curve.js';

export const QUALITY_FACTORS = ['wbits', 'kv_bits', 'max_tiles', 'keep_ratio', 'policy'] as const;
export type QualityFactor = (typeof QUALITY_FACTORS)[number];

const LOG_SCALE: Record<QualityFactor, boolean> = { wbits: false, kv_bits: false, max_tiles: true, keep_ratio: true, policy: false };

const pointSchema = z.object({ value: z.union([z.number(), z.string()]), score: z.number(), source: z.string().min(1), note: z.string().optional() }).strict();
const curveSchema = z
  .object({ points: z.array(pointSchema).min(1), relative: z.boolean().default(false), from: z.string().optional() })
  .strict()
  .refine((c) => !c.relative || (c.from !== undefined && c.from.length > 0), { message: 'a relative curve must say where it comes from (from:)', path: ['from'] });

export const qualityFileSchema = z
  .object({
    model: z.string(),
    // kv_bits: the KV cache the reference scores were measured with (evaluation harnesses keep it 16-bit).
    reference: z.object({ wbits: z.number().positive(), kv_bits: z.number().positive().default(16), max_tiles: z.number().positive().nullable(), policy: z.string(), keep_ratio: z.number().gt(0).lte(1) }).strict(),
    benchmarks: z.record(
      z.string(),
      z
        .object({
          scale: z.number().positive(),
          reference: z.object({ score: z.number(), source: z.string().min(1), note: z.string().optional() }).strict(),
          factors: z.object({ wbits: curveSchema.optional(), kv_bits: curveSchema.optional(), max_tiles: curveSchema.optional(), keep_ratio: curveSchema.optional(), policy: curveSchema.optional() }).strict().default({}),
        })
        .strict(),
    ),
  })
  .strict()
  .superRefine((q, ctx) => {
    // Two spellings of one benchmark ("DocVQA_VAL" and "DocVQA_val") would be two curves for one score.
    const seen = new Map<string, string>();
    for (const b of Object.keys(q.benchmarks)) {
      const c = canonicalBenchmark(b);
      if (seen.has(c)) ctx.addIssue({ code: 'custom', path: ['benchmarks', b], message: `'${b}' and '${seen.get(c)}' are the same benchmark (${c}); keep one` });
      seen.set(c, b);
    }
    // An absolute curve must pass through the reference score at the reference value.
    for (const [b, bench] of Object.entries(q.benchmarks)) {
      for (const f of QUALITY_FACTORS) {
        const c = bench.factors[f];
        const ref = q.reference[f];
        if (!c || c.relative || ref === null) continue;
        const at = c.points.find((p) => p.value === ref);
        if (at && at.score !== bench.reference.score) {
          ctx.addIssue({ code: 'custom', path: ['benchmarks', b, 'factors', f], message: `the point at the reference (${ref}) scores ${at.score}, not the reference ${bench.reference.score}: mark the curve relative: true` });
        }
      }
    }
  })
  // Benchmarks are known by their canonical names from here on (core/benchmarks.ts).
  .transform((q) => ({ ...q, benchmarks: Object.fromEntries(Object.entries(q.benchmarks).map(([b, v]) => [canonicalBenchmark(b), v])) }));

export type QualityEvidence = z.output<typeof qualityFileSchema>;

export type QualityConfig = { wbits: number; kv_bits: number; max_tiles: number | null; keep_ratio: number; policy: string };
/**
 * How a score was obtained, from most to least certain: an evidence point; between this model's own
 * points; from a published ablation of another model (prior); beyond the evidence or from another
 * model's curve (extrapolated); or not at all (unknown: a factor with neither evidence nor prior,
 * whose effect mmplan does not pretend to know).
 */
export type QualityBasis = 'measured' | 'interpolated' | 'prior' | 'extrapolated' | 'unknown';
const BASIS_RANK: Record<QualityBasis, number> = { measured: 0, interpolated: 1, prior: 2, extrapolated: 3, unknown: 4 };
const worse = (a: QualityBasis, b: QualityBasis): QualityBasis => (BASIS_RANK[b] > BASIS_RANK[a] ? b : a);
/** `uncertainty`: ± score points the transfers and extrapolations behind the score may be off by (0 on evidence). */
export type QualityPrediction = { score: number; basis: QualityBasis; uncertainty: number; sources: string[]; notes: string[] };

/** A user's own measurement: a configuration and its score on one benchmark. */
export type MeasuredScore = QualityConfig & { benchmark: string; score: number; source: string };

type Curve = z.output<typeof curveSchema>;

const tx = (f: QualityFactor, v: number) => (LOG_SCALE[f] ? Math.log(v) : v);

/** The curve's value at x (numeric factors) and whether x lies within its points. */
function curveAt(f: QualityFactor, c: Curve, x: number): { y: number; inside: boolean; used: string[] } {
  const pts = c.points.map((p) => ({ x: tx(f, p.value as number), y: p.score, source: p.source })).sort((a, b) => a.x - b.x);
  return readCurve(pts, tx(f, x));
}

function sameConfig(a: QualityConfig, b: QualityConfig): boolean {
  return a.wbits === b.wbits && a.kv_bits === b.kv_bits && a.max_tiles === b.max_tiles && a.keep_ratio === b.keep_ratio && a.policy === b.policy;
}

/**
 * Predicted score of every benchmark of the evidence (and of the user's measured ones) for a
 * configuration. A factor this model has no evidence for, or a value beyond its evidence, takes the
 * priors' relative effect (quality-priors.ts) when one exists, with its uncertainty; with neither,
 * the benchmark's basis is "unknown" (never "no effect").
 */
export function predictQuality(ev: QualityEvidence | undefined, cfg: QualityConfig, measured: MeasuredScore[] = [], priors: readonly QualityPrior[] = []): Record<string, QualityPrediction> {
  const out: Record<string, QualityPrediction> = {};
  for (const [name, bench] of Object.entries(ev?.benchmarks ?? {})) {
    const sources = new Set<string>([bench.reference.source]);
    const notes: string[] = [];
    let score = bench.reference.score;
    let basis: QualityBasis = 'measured';
    let var2 = 0;
    const differs: QualityFactor[] = [];
    // A configuration that is an absolute evidence point gets that point's score as published,
    // not reference + (point − reference) in floating point.
    let atPoint: number | undefined;
    const fromPrior = (f: QualityFactor, from: number, to: number): boolean => {
      const pe = priorEffect(priors, f, from, to, ev!.model, (v) => tx(f, v));
      if (!pe) return false;
      const base = bench.reference.score;
      score += base * pe.rel;
      var2 += (base * pe.relUncertainty) ** 2;
      basis = worse(basis, 'prior');
      pe.studies.forEach((st) => sources.add(st));
      notes.push(`${f} ${from} -> ${to} from ${pe.studies.length} published ablation(s) of other models${pe.covered ? '' : ', extrapolated'}: ${(pe.rel * 100).toFixed(1)}% ± ${(pe.relUncertainty * 100).toFixed(1)}%`);
      return true;
    };
    for (const f of QUALITY_FACTORS) {
      const ref = ev!.reference[f];
      const val = cfg[f];
      if (ref === null || val === null || val === ref) continue;
      differs.push(f);
      const c = bench.factors[f];
      if (f === 'policy') {
        const at = c?.points.find((p) => p.value === val);
        const base = c?.points.find((p) => p.value === ref);
        if (!c || !at || !base) {
          notes.push(`no evidence for policy ${val} on ${name}: its effect is unknown`);
          basis = 'unknown';
          continue;
        }
        score += at.score - base.score;
        sources.add(at.source).add(base.source);
        if (c.relative) basis = worse(basis, 'extrapolated');
        continue;
      }
      if (!c) {
        if (!fromPrior(f, ref as number, val as number)) {
          notes.push(`no evidence and no prior for ${f} = ${val} on ${name}: its effect is unknown`);
          basis = 'unknown';
        }
        continue;
      }
      const here = curveAt(f, c, val as number);
      const there = curveAt(f, c, ref as number);
      if (!here.inside) {
        // Beyond this model's points: to the nearest end of its curve, then the priors from there.
        const xs = c.points.map((p) => p.value as number);
        const edge = tx(f, val as number) < tx(f, Math.min(...xs)) ? Math.min(...xs) : Math.max(...xs);
        const toEdge = curveAt(f, c, edge).y - there.y;
        const saved = score;
        score += toEdge;
        if (fromPrior(f, edge, val as number)) {
          curveAt(f, c, edge).used.concat(there.used).forEach((s) => sources.add(s));
          if (c.relative) basis = worse(basis, 'extrapolated');
          continue;
        }
        score = saved;
      }
      score += here.y - there.y;
      here.used.concat(there.used).forEach((s) => sources.add(s));
      const exactPoint = c.points.some((p) => p.value === val);
      if (exactPoint && !c.relative) atPoint = c.points.find((p) => p.value === val)!.score;
      if (c.relative) {
        basis = worse(basis, 'extrapolated');
        notes.push(`${f} effect transferred from ${c.from}`);
      } else if (!here.inside) {
        basis = worse(basis, 'extrapolated');
        // Beyond the evidence with no prior: the continued slope is a guess of its own size.
        const edgeY = curveAt(f, c, here.y < there.y ? Math.min(...c.points.map((p) => p.value as number)) : Math.max(...c.points.map((p) => p.value as number))).y;
        var2 += ((here.y - edgeY) / 2) ** 2;
        notes.push(`${f} = ${val} is outside the evidence (${c.points.map((p) => p.value).join(', ')})`);
      } else if (!(exactPoint && differs.length === 1)) basis = worse(basis, 'interpolated');
    }
    if (differs.length > 1) basis = worse(basis, 'interpolated');
    if (differs.length === 1 && basis === 'measured' && atPoint !== undefined) score = atPoint;
    out[name] = { score: Math.min(bench.scale, Math.max(0, score)), basis, uncertainty: Math.sqrt(var2), sources: [...sources], notes };
  }
  // The user's own measurements win over any prediction.
  for (const m of measured) {
    if (sameConfig(m, cfg)) out[m.benchmark] = { score: m.score, basis: 'measured', uncertainty: 0, sources: [m.source], notes: [] };
  }
  return out;
}

/** The factors the quality rule reads from a scenario. */
export function qualityConfig(s: Scenario): QualityConfig {
  const capKey = maxTilesParam(s.tiling.policy);
  const cap = capKey !== undefined ? s.tiling.params[capKey] : undefined;
  return { wbits: s.quant.llm.wbits, kv_bits: s.quant.kv_bits, max_tiles: typeof cap === 'number' ? cap : null, keep_ratio: s.pruning?.keep_ratio ?? 1, policy: s.tiling.policy };
}
