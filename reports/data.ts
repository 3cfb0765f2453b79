/**
 * Report data from a sweep: the plotted plans (every front plan, the others downsampled evenly by
 * index so a 100,000-point sweep stays small), breakdowns of the front and the chosen plan, the
 * roofline of the chosen plan's LLM unit, one-axis-at-a-time sensitivity around the chosen plan,
 * every tiling policy on its first image, and the recommendation in words.
 */
import type { SweepResult } from '../core/sweep/result.js';
import type { Estimate } from '../core/types.js';
import type { DeviceProfile, ModelConfig } from '../core/schema/index.js';
import { showValue } from '../core/sweep/values.js';
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
  const frontSet = new Set(r.front.map((x) => x.index));
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
  for (let i = r.range[0]; i < r.range[1]; i += step) if (!frontSet.has(i)) plotted.push(toPoint(evaluator.evaluate(i)));
  for (const f of r.front) plotted.push(toPoint(f));
  const chosenRow = r.top[0] ?? r.front[0];
  if (!chosenRow) throw new Error('no configuration meets the constraints: nothing to recommend (relax the constraints)');
  const ranked = r.top.length ? r.top : r.front;
  const bd = (index: number) => {
    const x = evaluator.estimateAt(index);
    return { b: breakdown(index, configOf(spec, index), x.estimate), x };
  };
  const chosen = bd(chosenRow.index);
  const front = r.front.slice(0, MAX_BREAKDOWNS).map((f) => bd(f.index).b);
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
  const why = [
    `Of ${r.evaluated.toLocaleString('en-US')} plans, ${r.feasible.toLocaleString('en-US')} meet the constraints (${spec.constraints.map((c) => c.text).join('; ') || 'none'}) and ${r.front.length} are Pareto-optimal in ${spec.objectives.map((o) => `${o.sense} ${o.field}`).join(', ')}.`,
    `The recommended plan has the best ${fieldLabel(o0.field)} on the front (${chosen.b.latency_s.ttft.toFixed(2)} s TTFT, ${chosen.b.decode_tok_s.toFixed(1)} tok/s, ${chosen.b.memory_gb.peak.toFixed(2)} GB peak of ${chosen.b.memory_gb.usable.toFixed(1)} GB usable).`,
    qBench && chosen.b.quality?.[qBench] ? `Its predicted ${qBench} score is ${chosen.b.quality[qBench].score.toFixed(1)} (${chosen.b.quality[qBench].basis}).` : '',
    runnerUp ? `The next plan on the front trades ${fieldLabel(o0.field)} ${runnerUp.metrics[col(o0.field)].toPrecision(3)} for ${spec.objectives.slice(1).map((o) => `${fieldLabel(o.field)} ${runnerUp.metrics[col(o.field)].toPrecision(3)}`).join(', ') || 'nothing'}.` : '',
  ].filter(Boolean).join(' ');
  const first = chosen.x.estimate.tiles.per_image[0];
  const x = chosen.x;
  return {
    title: extras.title ?? `${x.model.name} on ${x.device.name}: ${spec.name}`,
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
    counts: { evaluated: r.evaluated, feasible: r.feasible, front: r.front.length, plotted: plotted.length, downsampled: step > 1 },
    front,
    chosen: chosen.b,
    recommendation: why,
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
