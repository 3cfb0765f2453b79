/**
 * The charts a report shows, in page order: Pareto views (the objectives' own pair first when they
 * name quality), breakdowns of the front, the roofline, sensitivity per metric, the tiling
 * policies and, when there is a calibration, the validation page.
 */
import type { ChartRequest } from './charts/index.js';
import type { ReportData } from './types.js';

export type ReportChart = { key: string; title: string; request: ChartRequest };

export function reportCharts(data: ReportData): ReportChart[] {
  const list: ReportChart[] = [
    { key: 'pareto', title: 'TTFT vs peak memory', request: { kind: 'pareto', x: 'memory_gb.peak', y: 'latency_s.ttft' } },
    { key: 'pareto-decode', title: 'decode speed vs peak memory', request: { kind: 'pareto', x: 'memory_gb.peak', y: 'decode_tok_s.mean' } },
    { key: 'pareto-encode', title: 'TTFT vs decode speed', request: { kind: 'pareto', x: 'decode_tok_s.mean', y: 'latency_s.ttft' } },
    ...data.question.objectives
      .filter((o) => o.includes('quality.'))
      .map((o): ReportChart => {
        const f = o.split(' ')[1];
        return { key: `pareto-${f.split('.')[1]}`, title: `${f.split('.')[1]} score vs TTFT`, request: { kind: 'pareto', x: 'latency_s.ttft', y: f } };
      }),
    { key: 'latency', title: 'latency breakdown of front plans', request: { kind: 'latency' } },
    { key: 'memory', title: 'memory breakdown of front plans', request: { kind: 'memory' } },
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
