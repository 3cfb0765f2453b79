/**
 * Energy breakdown: one stacked bar per front plan (the plans and order of the latency and memory
 * charts) by phase, in joules per request: what a query costs the battery, and where.
 */
import type { ChartConfiguration } from 'chart.js';
import type { PlanBreakdown, ReportData } from '../types.js';
import { barLabel, planKey, selectPlans } from './plans.js';
import { axis, legend, seriesColor, titles, widen } from './style.js';

export type EnergyOpts = { plans?: number };

const PHASES: Array<{ label: string; value: (p: PlanBreakdown) => number }> = [
  { label: 'vision encode', value: (p) => p.energy_j?.encode ?? 0 },
  { label: 'prefill', value: (p) => p.energy_j?.prefill ?? 0 },
  { label: 'decode', value: (p) => p.energy_j?.decode ?? 0 },
];

export function energyChart(data: ReportData, opts: EnergyOpts = {}): ChartConfiguration {
  const plans = selectPlans(data, opts.plans ?? 8);
  const bars = PHASES.map((s, i) => ({ type: 'bar' as const, label: s.label, data: plans.map(s.value), backgroundColor: seriesColor(i), stack: 'energy', pointStyle: 'rect' as const }));
  return widen({
    type: 'bar',
    data: { labels: plans.map((p) => barLabel(p, data)), datasets: bars },
    options: {
      animation: false,
      plugins: {
        ...titles('Energy of one request, by phase', `${data.question.model_name} on ${data.question.device_name}; estimated power (core/energy/defaults.ts), request overhead not shown`),
        legend: legend({ pointStyle: true }),
      },
      scales: { x: axis(`plan (${planKey(plans)})`, { stacked: true }), y: axis('energy per request (J)', { stacked: true, beginAtZero: true }) },
    },
  });
}
