/**
 * Tornado chart for one metric: how far the metric moves when a single axis sweeps its values
 * around the chosen plan. One floating bar [low, high] per axis, widest on top, and the chosen
 * plan's value as a dashed vertical line.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ReportData, SensitivityBar } from '../types.js';
import { axis, fmt, legend, metricLabel, metricName, metricUnit, palette, refLine, titles, widen } from './style.js';

export type SensitivityMetric = SensitivityBar['metric'];
export const SENSITIVITY_METRICS: readonly SensitivityMetric[] = ['decode_tok_s.mean', 'latency_s.ttft', 'memory_gb.peak'];
export type SensitivityOpts = { metric: SensitivityMetric };

/** The axis label: which axis values give the low and the high end ("llm.wbits: 8 → 2"). */
const barName = (b: SensitivityBar) => (b.high === b.low ? `${b.axis}: no effect` : `${b.axis}: ${b.lowValue} → ${b.highValue}`);

export function sensitivityChart(data: ReportData, opts: SensitivityOpts): ChartConfiguration {
  const { metric } = opts;
  const bars = data.sensitivity.filter((b) => b.metric === metric).sort((a, b) => b.high - b.low - (a.high - a.low));
  const base = bars[0]?.base ?? NaN;
  const unit = metricUnit(metric);
  const baseLine = {
    ...refLine(`chosen plan: ${fmt(base)} ${unit}`.trim(), palette.chosen),
    type: 'line' as const,
    indexAxis: 'y' as const, // vertical: one x value (the base) across the categories
    data: bars.map(() => base),
    borderWidth: 2,
    order: 0,
  };
  const range = {
    type: 'bar' as const,
    label: `${metricName(metric)} range (low → high)`,
    data: bars.map((b) => [b.low, b.high] as [number, number]),
    backgroundColor: palette.series[0],
    borderColor: palette.series[0],
    barPercentage: 0.7,
    order: 1,
    pointStyle: 'rect' as const, // its legend entry: a square, next to the base value's line
  };
  const datasets: ChartDataset<'bar' | 'line', Array<number | [number, number]>>[] = Number.isFinite(base) ? [range, baseLine] : [range];
  return widen({
    type: 'bar',
    data: { labels: bars.map(barName), datasets },
    options: {
      animation: false,
      indexAxis: 'y',
      plugins: {
        ...titles(`Sensitivity of ${metricName(metric)}: one axis at a time around the chosen plan`, `${data.question.model_name} on ${data.question.device_name}; bars sorted by span`),
        legend: legend({ pointStyle: true }),
      },
      scales: { x: axis(metricLabel(metric)), y: axis('axis: value at low → value at high') },
    },
  });
}
