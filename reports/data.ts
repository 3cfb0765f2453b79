/**
 * Report data from a sweep: the plotted plans (every front plan, the others downsampled evenly by
 * index so a 100,000-point sweep stays small), breakdowns of the front and the chosen plan, the
 * roofline of the chosen plan's LLM unit, one-axis-at-a-time sensitivity around the chosen plan,
 * every tiling policy on its first image, and the recommendation in words.
 */
import { fastestPlan, tradeoffText } from '../core/sweep/tradeoff.js';
import { QUALITY_TOLERANCE, rankPlans } from '../core/sweep/rank.js';
import type { SweepResult } from '../core/sweep/result.js';
import type { Estimate } from '../core/types.js';
import type { DeviceProfile, ModelConfig } from '../core/schema/index.js';
import { showValue } from '../core/sweep/values.js';
import { SpecError } from '../core/errors.js';
import { sensitivityOf } from '../core/sweep/sensitivity.js';
import { decodeIndex, type SweepSpec } from '../core/sweep/spec.js';
import { tile, TILING_POLICIES } from '../core/tiling/index.js';
import { llmLayerOps, lmHeadOp } from '../core/cost/operators.js';
import { attainableBandwidth, opTime, spillBytes, computePrecision } from '../core/cost/roofline.js';
import { precisionOf } from '../core/estimate/index.js';
import { kvBytes } from '../core/quant/bits.js';
import { DEFAULT_IMAGE } from '../core/defaults.js';
import { fieldLabel } from '../core/metrics.js';
import type { PlanBreakdown, PlanPoint, ReportData, RooflineData, TileView } from './types.js';

/** Plans plotted besides the front (downsampled beyond this, and the page says so). */
export const MAX_PLOTTED = 3000;
/** Front plans given a full breakdown (the table lists them all). */
export const MAX_BREAKDOWNS = 200;

function configOf(spec: SweepSpec, index: number): Record<string, string> {
  const d = decodeIndex(spec, index);
  const out: Record<string, string> = {};
  spec.axes.forEach((a, i) => (out[a.path] = showValue(a.values[d[i]])));
  return out;
}

export function breakdown(index: number, config: Record<string, string>, e: Estimate): PlanBreakdown {
  const W = e.memory_gb.weights_by_component;
  return {
    index,
    config,
    latency_s: {
      preprocess: e.latency_s.preprocess,
      vision_encode: e.latency_s.vision_encode,
      projector: e.latency_s.projector,
      prefill: e.latency_s.prefill,
      decode_total: e.latency_s.decode_total,
      ttft: e.latency_s.ttft,
      e2e: e.latency_s.e2e,
    },
    memory_gb: { vit: W.vit, projector: W.projector, llm: W.llm, embeddings: W.embeddings, kv_cache: e.memory_gb.kv_cache, activations: e.memory_gb.activations, runtime: e.memory_gb.runtime, peak: e.memory_gb.peak, usable: e.memory_gb.usable },
    decode_tok_s: e.decode_tok_s.mean,
    energy_j: { ...e.energy_j.by_phase, query: e.energy_j.query },
    sustained: { throttle_at_s: e.sustained.throttle_at_s, throttled_factor: e.sustained.throttled_factor },
    tokens: { image: e.tokens.image, text: e.tokens.text, total: e.tokens.total },
    tiles: e.tiles.count,
    fits: e.fits,
    ...(e.quality ? { quality: Object.fromEntries(Object.entries(e.quality).map(([k, q]) => [k, { score: q.score, basis: q.basis }])) } : {}),
  };
}

/** Operators of the chosen plan's LLM placed on its unit's roofline: a mid-prompt prefill chunk and a decode step. */
export function rooflineOf(device: DeviceProfile, model: ModelConfig, e: Estimate, quant: { wbits: number; abits: number; group_size: number; scale_bytes: number }, kvBits: number, chunk: number): RooflineData {
  const unitName = e.units.llm as keyof DeviceProfile['units'];
  const unit = device.units[unitName]!;
  const bw = attainableBandwidth(device, unit);
  const roofs = Object.entries(unit.peak).map(([precision, peak]) => ({ precision, ops_per_s: (peak as number) * unit.compute_efficiency }));
  const p = precisionOf(quant);
  const place = (phase: 'prefill' | 'decode', ops: ReturnType<typeof llmLayerOps>) =>
    ops
      .filter((o) => o.kind !== 'elementwise')
      .map((o) => {
        const t = opTime(o, unit, bw);
        const bytes = o.weightBytes + o.kvBytes + spillBytes(o, unit);
        return { name: `${o.name.replace('llm.', '')} (${computePrecision(unit, o.wbits, o.abits)})`, phase, intensity: o.ops / Math.max(bytes, 1), ops_per_s: (o.ops * o.calls) / t.total };
      });
  const mid = Math.floor(e.tokens.total / 2);
  return {
    unit: unitName,
    roofs,
    bandwidth: bw,
    ops: [...place('prefill', llmLayerOps(model.llm, chunk, mid, p, kvBytes(kvBits))), ...place('decode', [...llmLayerOps(model.llm, 1, e.tokens.total, p, kvBytes(kvBits)), lmHeadOp(model.llm, 1, p)])],
  };
}

export function tileViewOf(width: number, height: number): TileView {
  return {
    width,
    height,
    policies: TILING_POLICIES.map((policy) => {
      try {
        const t = tile(policy, {}, width, height);
        return { policy, cols: t.cols, rows: t.rows, tiles: t.tiles, thumbnail: t.thumbnail, tokens: t.tokens };
      } catch (e) {
        return { policy, cols: 0, rows: 0, tiles: 0, thumbnail: false, tokens: 0, error: (e as Error).message };
      }
    }),
  };
}


export function buildReportData(r: SweepResult, extras: { title?: string; assumptions: string[]; uncertainty: ReportData['uncertainty']; validation?: ReportData['validation'] }): ReportData {
  const { spec, evaluator } = r.setup;
  // Plans identical on every objective are one point: an axis that does not matter for them (the
  // ViT batch of a one-tile plan) would otherwise inflate the front; the lowest index stands for them.
  const distinct = rankPlans(r.front);
  const frontSet = new Set(distinct.map((x) => x.index));
  // Plotted plans: the front, plus evenly spaced others (deterministic, so reports are reproducible).
  const others = r.evaluated - r.front.length;
  const step = Math.max(1, Math.ceil(others / MAX_PLOTTED));
  const plotted: PlanPoint[] = [];
  const toPoint = (row: ReturnType<typeof evaluator.evaluate>): PlanPoint => ({
    index: row.index,
    config: configOf(spec, row.index),
    feasible: row.feasible,
    front: frontSet.has(row.index),
    metrics: Object.fromEntries(evaluator.columns.map((c, i) => [c, Number.isFinite(row.metrics[i]) ? +row.metrics[i].toPrecision(6) : NaN])),
  });
  const onFront = new Set(r.front.map((x) => x.index));
  for (let i = r.range[0]; i < r.range[1]; i += step) if (!onFront.has(i)) plotted.push(toPoint(evaluator.evaluate(i)));
  for (const f of distinct) plotted.push(toPoint(f));
  const chosenRow = r.top[0] ?? r.front[0];
  // A user's constraints that nothing meets are bad input (exit 2), not a bug.
  if (!chosenRow) throw new SpecError('constraints', `none of the ${r.evaluated.toLocaleString('en-US')} configurations meets them: nothing to recommend or draw (relax the constraints or change the base)`);
  const ranked = r.top.length ? r.top : r.front;
  const bd = (index: number) => {
    const x = evaluator.estimateAt(index);
    return { b: breakdown(index, configOf(spec, index), x.estimate), x };
  };
  const chosen = bd(chosenRow.index);
  const front = distinct.slice(0, MAX_BREAKDOWNS).map((f) => bd(f.index).b);
  const limits: Record<string, number> = {};
  for (const c of spec.constraints) {
    if (typeof c.left === 'string' && typeof c.right === 'number') limits[c.left] = c.right;
    if (typeof c.right === 'string' && typeof c.left === 'number') limits[c.right] = c.left;
  }
  limits['memory_gb.peak'] ??= chosen.b.memory_gb.usable;
  const o0 = spec.objectives[0];
  const runnerUp = ranked[1];
  const col = (m: string) => evaluator.columns.indexOf(m);
  const qualityObjective = spec.objectives.find((o) => o.field.startsWith('quality.'));
  const qBench = qualityObjective?.field.split('.')[1];
  const tradeoff = tradeoffText(chosenRow, fastestPlan(r.front, spec), spec, evaluator.columns);
  const why = [
    `Of ${r.evaluated.toLocaleString('en-US')} plans, ${r.feasible.toLocaleString('en-US')} meet the constraints (${spec.constraints.map((c) => c.text).join('; ') || 'none'}) and ${r.front.length} are Pareto-optimal in ${spec.objectives.map((o) => `${o.sense} ${o.field}`).join(', ')}.`,
    `The recommended plan is the front's knee, ${qBench ? `the fastest within ${QUALITY_TOLERANCE * 100}% of the best predicted ${qBench}` : 'the closest to the best of every objective'} (${chosen.b.latency_s.ttft.toFixed(2)} s TTFT, ${chosen.b.decode_tok_s.toFixed(1)} tok/s, ${chosen.b.memory_gb.peak.toFixed(2)} GB peak of ${chosen.b.memory_gb.usable.toFixed(1)} GB usable).`,
    tradeoff ? `Against the fastest plan on the front: ${tradeoff}.` : '',
    qBench && chosen.b.quality?.[qBench] ? `Its predicted ${qBench} score is ${chosen.b.quality[qBench].score.toFixed(1)} (${chosen.b.quality[qBench].basis}${['prior', 'extrapolated', 'unknown'].includes(chosen.b.quality[qBench].basis) ? `: not measured on this model, ±${(chosen.x.estimate.quality?.[qBench]?.uncertainty ?? 0).toFixed(1)} points` : ''}).` : '',
    runnerUp && !qBench ? `The next plan on the front trades ${fieldLabel(o0.field)} ${runnerUp.metrics[col(o0.field)].toPrecision(3)} for ${spec.objectives.slice(1).map((o) => `${fieldLabel(o.field)} ${runnerUp.metrics[col(o.field)].toPrecision(3)}`).join(', ') || 'nothing'}.` : '',
  ].filter(Boolean).join(' ');
  const at = (row: { metrics: number[] }, f: string) => row.metrics[col(f)];
  const ship = r.perGroup.map((g) => ({
    group: g.group,
    config: Object.fromEntries(spec.axes.flatMap((a, i) => (a.path in g.group ? [] : [[a.path, showValue(g.plan.values[i])]]))),
    ttft_s: at(g.plan, 'latency_s.ttft'),
    decode_tok_s: at(g.plan, 'decode_tok_s.mean'),
    peak_gb: at(g.plan, 'memory_gb.peak'),
    ...(qBench && col(`quality.${qBench}.score`) >= 0 ? { quality: `${qBench} ${at(g.plan, `quality.${qBench}.score`).toFixed(1)}` } : {}),
  }));
  const groupTitle = (path: string) => new Set(ship.map((s) => s.group[path]).filter(Boolean)).size;
  const first = chosen.x.estimate.tiles.per_image[0];
  const x = chosen.x;
  return {
    // A sweep over several devices or models is not titled with one of each.
    title: extras.title ?? (ship.length > 1 ? `${groupTitle('model') > 1 ? `${groupTitle('model')} models` : x.model.name} on ${groupTitle('device') > 1 ? `${groupTitle('device')} devices` : x.device.name}: ${spec.name}` : `${x.model.name} on ${x.device.name}: ${spec.name}`),
    generated: new Date().toISOString(),
    question: {
      device: x.device.id,
      device_name: x.device.name,
      model: x.model.id,
      model_name: x.model.name,
      images: x.estimate.tiles.per_image.map((i) => `${i.width}x${i.height}`),
      constraints: spec.constraints.map((c) => c.text),
      objectives: spec.objectives.map((o) => `${o.sense} ${o.field}`),
      axes: spec.axes.map((a) => ({ path: a.path, values: a.values.map(showValue) })),
    },
    points: plotted,
    counts: { evaluated: r.evaluated, feasible: r.feasible, front: distinct.length, front_rows: r.front.length, plotted: plotted.length, downsampled: step > 1 },
    front,
    chosen: chosen.b,
    recommendation: why,
    ship,
    usable_gb: chosen.b.memory_gb.usable,
    limits,
    roofline: rooflineOf(x.device, x.model, x.estimate, x.scenario.quant.llm, x.scenario.quant.kv_bits, x.scenario.chunk),
    sensitivity: sensitivityOf(r, chosenRow.index),
    tiles: first ? tileViewOf(first.width, first.height) : tileViewOf(DEFAULT_IMAGE.width, DEFAULT_IMAGE.height),
    validation: extras.validation,
    assumptions: extras.assumptions,
    uncertainty: extras.uncertainty,
  };
}
