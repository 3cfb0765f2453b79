/**
 * Memory breakdown: one stacked bar per front plan (same plans and order as the latency chart)
 * by component, with the device's usable memory as a dashed line: the headroom is the point.
 */
import type { ChartConfiguration } from 'chart.js';
import type { PlanBreakdown, ReportData } from '../types.js';
import { barLabel, planKey, selectPlans } from './plans.js';
import { axis, fmt, legend, refLine, seriesColor, titles, widen } from './style.js';

export type MemoryOpts = { plans?: number };

const PARTS: Array<{ label: string; value: (p: PlanBreakdown) => number }> = [
  { label: 'ViT weights', value: (p) => p.memory_gb.vit },
  { label: 'projector weights', value: (p) => p.memory_gb.projector },
  { label: 'LLM weights', value: (p) => p.memory_gb.llm },
  { label: 'embeddings', value: (p) => p.memory_gb.embeddings },
  { label: 'KV cache', value: (p) => p.memory_gb.kv_cache },
  { label: 'activations', value: (p) => p.memory_gb.activations },
  { label: 'runtime', value: (p) => p.memory_gb.runtime },
];

export function memoryChart(data: ReportData, opts: MemoryOpts = {}): ChartConfiguration {
  const plans = selectPlans(data, opts.plans ?? 8);
  const bars = PARTS.map((s, i) => ({ type: 'bar' as const, label: s.label, data: plans.map(s.value), backgroundColor: seriesColor(i), stack: 'memory', order: 1, pointStyle: 'rect' as const }));
  const usable = { ...refLine(`usable memory ${fmt(data.usable_gb)} GB`), type: 'line' as const, data: plans.map(() => data.usable_gb), order: 0 };
  return widen({
    type: 'bar',
    data: { labels: plans.map((p) => barLabel(p, data)), datasets: [...bars, usable] },
    options: {
      animation: false,
      plugins: {
        ...titles('Memory breakdown of the front plans', `${data.question.model_name} on ${data.question.device_name}; bars are the parts of the peak`),
        legend: legend({ pointStyle: true }), // shows the usable-memory line as a line, bars as squares
      },
      scales: { x: axis(`plan (${planKey(plans)})`, { stacked: true }), y: axis('memory (GB)', { stacked: true, beginAtZero: true }) },
    },
  });
}
