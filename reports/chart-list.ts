/**
 * The charts a report shows, in page order: Pareto views (the objectives' own pair first when they
 * name quality), breakdowns of the front, the roofline, sensitivity per metric, the tiling
 * policies and, when there is a calibration, the validation page.
 */
import type { ChartRequest } from './charts/index.js';
import type { ReportData } from './types.js';
import { fieldLabel } from '../core/metrics.js';

export type ReportChart = { key: string; title: string; request: ChartRequest };

const label = (f: string) => (f.startsWith('quality.') ? `${f.split('.')[1]} score` : fieldLabel(f));

/**
 * The main Pareto view plots the objectives: quality against the first other objective when quality
 * is one, else the second objective against the first.
 */
function mainPair(objectives: string[]): { x: string; y: string } {
  const fields = objectives.map((o) => o.split(' ')[1]);
  const q = fields.find((f) => f.startsWith('quality.'));
  const other = fields.filter((f) => !f.startsWith('quality.'));
  if (q && other.length) return { x: other[0], y: q };
  if (fields.length >= 2) return { x: fields[1], y: fields[0] };
  return { x: 'memory_gb.peak', y: fields[0] ?? 'latency_s.ttft' };
}

export function reportCharts(data: ReportData): ReportChart[] {
  const main = mainPair(data.question.objectives);
  const views = [
    { key: 'pareto-memory', x: 'memory_gb.peak', y: 'latency_s.ttft' },
    { key: 'pareto-decode', x: 'memory_gb.peak', y: 'decode_tok_s.mean' },
    { key: 'pareto-encode', x: 'decode_tok_s.mean', y: 'latency_s.ttft' },
  ].filter((v) => !(v.x === main.x && v.y === main.y));
  const list: ReportChart[] = [
    { key: 'pareto', title: `${label(main.y)} vs ${label(main.x)}`, request: { kind: 'pareto', x: main.x, y: main.y } },
    ...views.map((v): ReportChart => ({ key: v.key, title: `${label(v.y)} vs ${label(v.x)}`, request: { kind: 'pareto', x: v.x, y: v.y } })),
    { key: 'latency', title: 'latency breakdown of front plans', request: { kind: 'latency' } },
    { key: 'memory', title: 'memory breakdown of front plans', request: { kind: 'memory' } },
    { key: 'energy', title: 'energy of one request by phase', request: { kind: 'energy' } },
    { key: 'sustained', title: 'decode speed over minutes of use', request: { kind: 'sustained' } },
    { key: 'roofline', title: `roofline of the ${data.roofline.unit.toUpperCase()} with the LLM's operators`, request: { kind: 'roofline' } },
    { key: 'sensitivity-decode', title: 'sensitivity: decode tok/s', request: { kind: 'sensitivity', metric: 'decode_tok_s.mean' } },
    { key: 'sensitivity-ttft', title: 'sensitivity: TTFT', request: { kind: 'sensitivity', metric: 'latency_s.ttft' } },
    { key: 'sensitivity-memory', title: 'sensitivity: peak memory', request: { kind: 'sensitivity', metric: 'memory_gb.peak' } },
    { key: 'tiles', title: `tiling policies on ${data.tiles.width}x${data.tiles.height}`, request: { kind: 'tiles' } },
  ];
  if (data.validation) {
    list.push({ key: 'validation-scatter', title: 'predicted vs measured (log-log)', request: { kind: 'validation-scatter' } });
    list.push({ key: 'validation-errors', title: 'median absolute error by metric (validation)', request: { kind: 'validation-errors' } });
  }
  return list;
}
