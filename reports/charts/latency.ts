/**
 * Latency breakdown: one stacked bar per front plan (same plans and order as the memory chart),
 * stacked in pipeline order preprocess, vision encode, projector, prefill (together the TTFT),
 * then decode of the whole answer.
 */
import type { ChartConfiguration } from 'chart.js';
import type { PlanBreakdown, ReportData } from '../types.js';
import { barLabel, planKey, selectPlans } from './plans.js';
import { axis, legend, seriesColor, titles, widen } from './style.js';

export type LatencyOpts = { plans?: number };

const STAGES: Array<{ label: string; value: (p: PlanBreakdown) => number }> = [
  { label: 'preprocess', value: (p) => p.latency_s.preprocess },
  { label: 'vision encode', value: (p) => p.latency_s.vision_encode },
  { label: 'projector', value: (p) => p.latency_s.projector },
  { label: 'prefill', value: (p) => p.latency_s.prefill },
  { label: 'decode', value: (p) => p.latency_s.decode_total },
];

export function latencyChart(data: ReportData, opts: LatencyOpts = {}): ChartConfiguration {
  const plans = selectPlans(data, opts.plans ?? 8);
  return widen({
    type: 'bar',
    data: {
      labels: plans.map((p) => barLabel(p, data)),
      datasets: STAGES.map((s, i) => ({ label: s.label, data: plans.map(s.value), backgroundColor: seriesColor(i), stack: 'latency' })),
    },
    options: {
      animation: false,
      plugins: {
        ...titles('Latency breakdown of the front plans', `${data.question.model_name} on ${data.question.device_name}; TTFT = preprocess + vision encode + projector + prefill`),
        legend: legend(),
      },
      scales: { x: axis(`plan (${planKey(plans)})`, { stacked: true }), y: axis('time (s)', { stacked: true, beginAtZero: true }) },
    },
  });
}
