/**
 * The chart kinds of a report and one entry point, `chartFor(kind, data, opts)`, for callers that
 * hold the kind and options as data (a report's chart list, a CLI flag). Options arrive untyped,
 * so each is checked here before it reaches the typed chart function.
 */
import type { ChartConfiguration } from 'chart.js';
import type { ReportData } from '../types.js';
import { latencyChart } from './latency.js';
import { memoryChart } from './memory.js';
import { paretoChart } from './pareto.js';
import { rooflineChart } from './roofline.js';
import { SENSITIVITY_METRICS, sensitivityChart, type SensitivityMetric } from './sensitivity.js';
import { tilesChart } from './tiles.js';
import { validationErrors, validationScatter } from './validation.js';

export { latencyChart, memoryChart, paretoChart, rooflineChart, sensitivityChart, tilesChart, validationErrors, validationScatter };
export { SENSITIVITY_METRICS };
export type { LatencyOpts } from './latency.js';
export type { MemoryOpts } from './memory.js';
export type { ParetoOpts } from './pareto.js';
export type { SensitivityMetric, SensitivityOpts } from './sensitivity.js';
export type { TilesOpts } from './tiles.js';
export { metricLabel, palette } from './style.js';

export const CHART_KINDS = ['pareto', 'latency', 'memory', 'roofline', 'sensitivity', 'tiles', 'validation-scatter', 'validation-errors'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

function str(opts: Record<string, unknown>, key: string): string | undefined {
  const v = opts[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new TypeError(`chart option ${key} must be a string, found ${JSON.stringify(v)}`);
  return v;
}

function num(opts: Record<string, unknown>, key: string): number | undefined {
  const v = opts[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new TypeError(`chart option ${key} must be a positive number, found ${JSON.stringify(v)}`);
  return v;
}

function sensitivityMetric(opts: Record<string, unknown>): SensitivityMetric {
  const m = str(opts, 'metric') ?? 'decode_tok_s.mean';
  if (!(SENSITIVITY_METRICS as readonly string[]).includes(m)) throw new TypeError(`sensitivity metric must be one of ${SENSITIVITY_METRICS.join(', ')}, found "${m}"`);
  return m as SensitivityMetric;
}

/** The chart of `kind` for `data`; throws on an unknown kind or a malformed option. */
export function chartFor(kind: string, data: ReportData, opts: Record<string, unknown> = {}): ChartConfiguration {
  switch (kind as ChartKind) {
    case 'pareto':
      return paretoChart(data, { x: str(opts, 'x'), y: str(opts, 'y') });
    case 'latency':
      return latencyChart(data, { plans: num(opts, 'plans') });
    case 'memory':
      return memoryChart(data, { plans: num(opts, 'plans') });
    case 'roofline':
      return rooflineChart(data);
    case 'sensitivity':
      return sensitivityChart(data, { metric: sensitivityMetric(opts) });
    case 'tiles':
      return tilesChart(data, { plotAspect: num(opts, 'plotAspect') });
    case 'validation-scatter':
      return validationScatter(data);
    case 'validation-errors':
      return validationErrors(data);
    default:
      throw new Error(`unknown chart kind "${kind}" (known: ${CHART_KINDS.join(', ')})`);
  }
}
