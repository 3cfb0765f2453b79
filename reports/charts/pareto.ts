/**
 * Pareto chart: every plotted plan as a faint point, the Pareto front highlighted (sorted by x and
 * connected when the axes are the front's objectives), the chosen plan as a star, and the
 * constraint thresholds on either axis as dashed lines.
 * Each point carries its plan `index` (chart.js ignores unknown fields) so the HTML page can link a
 * point to the plan's details.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { PlanBreakdown, PlanPoint, ReportData } from '../types.js';
import { axis, fmt, legend, metricLabel, metricName, metricUnit, palette, refLine, titles, widen } from './style.js';

export type ParetoOpts = { x?: string; y?: string };

type Pt = { x: number; y: number; index: number };
type Line = ChartDataset<'scatter', Array<{ x: number; y: number }>>;

/** A metric of a breakdown by its output-field path ("latency_s.ttft", "decode_tok_s.mean"). */
function breakdownMetric(b: PlanBreakdown, path: string): number {
  const [head, key] = path.split('.');
  const v: unknown = (b as unknown as Record<string, unknown>)[head];
  if (typeof v === 'number') return v; // decode_tok_s is a plain number in a breakdown
  const inner = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return typeof inner === 'number' ? inner : NaN;
}

const toPt = (x: string, y: string) => (p: PlanPoint): Pt => ({ x: p.metrics[x], y: p.metrics[y], index: p.index });
const finite = (p: Pt) => Number.isFinite(p.x) && Number.isFinite(p.y);

/** The chosen plan's position: its plotted point, else its breakdown (it may have been downsampled away). */
function chosenPoint(data: ReportData, x: string, y: string): Pt {
  const p = data.points.find((q) => q.index === data.chosen.index);
  const pt = p ? toPt(x, y)(p) : { x: NaN, y: NaN, index: data.chosen.index };
  return {
    x: Number.isFinite(pt.x) ? pt.x : breakdownMetric(data.chosen, x),
    y: Number.isFinite(pt.y) ? pt.y : breakdownMetric(data.chosen, y),
    index: data.chosen.index,
  };
}

/** The threshold on a metric: a constraint from data.limits, else usable memory for peak memory. */
function limitOf(data: ReportData, metric: string): { value: number; label: string } | undefined {
  const value = data.limits[metric] ?? (metric === 'memory_gb.peak' ? data.usable_gb : undefined);
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const what = metric === 'memory_gb.peak' && value === data.usable_gb ? 'usable memory' : `${metricName(metric)} limit`;
  return { value, label: `${what} ${fmt(value)} ${metricUnit(metric)}`.trim() };
}

/**
 * A dashed threshold line across the other axis' data range. A threshold far outside the data
 * (usable memory of 10 GB against plans of 2-4 GB) would squeeze every point into a corner, so it
 * is kept in the legend only, marked "off the axis".
 */
function limitLine(
  limit: { value: number; label: string } | undefined,
  along: number[],
  across: number[],
  vertical: boolean,
): Line | undefined {
  if (!limit || !along.length || !across.length) return undefined;
  const [lo, hi] = [Math.min(...along), Math.max(...along)];
  const span = hi - lo || Math.abs(hi) || 1;
  const inView = limit.value >= lo - span && limit.value <= hi + span;
  const [a, b] = [Math.min(...across), Math.max(...across)];
  const ends = vertical
    ? [{ x: limit.value, y: a }, { x: limit.value, y: b }]
    : [{ x: a, y: limit.value }, { x: b, y: limit.value }];
  return { ...refLine(inView ? limit.label : `${limit.label} (off the axis)`), data: inView ? ends : [], order: 2 };
}

/** The output fields the front was computed on ("min latency_s.ttft" -> "latency_s.ttft"). */
function objectiveFields(data: ReportData): string[] {
  return data.question.objectives.map((o) => o.trim().split(/\s+/).pop() ?? '');
}

/** Scatter of the plans on (x, y) with the front, the chosen plan and the constraint lines. */
export function paretoChart(data: ReportData, opts: ParetoOpts = {}): ChartConfiguration {
  const { x = 'memory_gb.peak', y = 'latency_s.ttft' } = opts;
  const pts = (keep: (p: PlanPoint) => boolean) => data.points.filter(keep).map(toPt(x, y)).filter(finite);
  const others = pts((p) => p.feasible && !p.front);
  const infeasible = pts((p) => !p.feasible);
  const front = pts((p) => p.front).sort((a, b) => a.x - b.x || a.y - b.y);
  const chosen = chosenPoint(data, x, y);
  const all = [...others, ...infeasible, ...front, ...(finite(chosen) ? [chosen] : [])];
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);

  // The front is a curve only in the plane of its objectives; in another projection its points
  // are scattered, and joining them would draw a trade-off that is not there.
  const fields = objectiveFields(data);
  const frontIsCurve = fields.includes(x) && fields.includes(y);

  // `order`: lower draws on top (and comes first in the legend): the star over the front over the rest.
  const datasets: ChartDataset<'scatter', Array<{ x: number; y: number }>>[] = [
    { label: 'all evaluated plans', data: others, order: 3, backgroundColor: palette.faint, borderColor: palette.faint, pointRadius: 2.5, pointHoverRadius: 4 },
    { label: 'infeasible plans', data: infeasible, order: 4, backgroundColor: palette.fainter, borderColor: palette.fainter, borderWidth: 1.5, pointRadius: 3.5, pointHoverRadius: 5, pointStyle: 'crossRot' },
    { label: 'Pareto front', data: front, order: 1, showLine: frontIsCurve, borderColor: palette.front, backgroundColor: palette.front, borderWidth: 2, pointRadius: 4.5, pointHoverRadius: 6 },
    {
      label: `chosen plan (#${data.chosen.index})`,
      data: finite(chosen) ? [chosen] : [],
      order: 0,
      pointStyle: 'star',
      pointRadius: 13,
      pointHoverRadius: 15,
      borderWidth: 3,
      borderColor: palette.chosen,
      backgroundColor: palette.chosen,
    },
  ];
  for (const line of [limitLine(limitOf(data, x), xs, ys, true), limitLine(limitOf(data, y), ys, xs, false)]) if (line) datasets.push(line);

  const c = data.counts;
  const sample = c.downsampled ? `, ${c.plotted} plotted` : '';
  return widen({
    type: 'scatter',
    data: { datasets },
    options: {
      animation: false,
      plugins: {
        ...titles(`${metricName(y)} vs ${metricName(x)}`, `${data.question.model_name} on ${data.question.device_name}: ${c.evaluated} plans evaluated, ${c.feasible} feasible, ${c.front} on the front${sample}`),
        legend: legend({ pointStyle: true }),
      },
      scales: { x: axis(metricLabel(x), { type: 'linear' as const }), y: axis(metricLabel(y), { type: 'linear' as const }) },
    },
  });
}
