/**
 * The chart kinds of a report and one entry point, `chartFor(request, data)`: a request is a
 * discriminated union of the kinds and their options; `chartRequest(kind, opts)` builds one from
 * untyped input (a CLI flag) and checks every option on the way.
 */
import type { ChartConfiguration } from 'chart.js';
import type { ReportData } from '../types.js';
import { latencyChart } from './latency.js';
import { memoryChart } from './memory.js';
import { energyChart } from './energy.js';
import { sustainedChart } from './sustained.js';
import { paretoChart } from './pareto.js';
import { rooflineChart } from './roofline.js';
import { SENSITIVITY_METRICS, sensitivityChart, type SensitivityMetric } from './sensitivity.js';
import { tilesChart } from './tiles.js';
import { validationErrors, validationScatter } from './validation.js';

export { energyChart, sustainedChart, latencyChart, memoryChart, paretoChart, rooflineChart, sensitivityChart, tilesChart, validationErrors, validationScatter };
export { SENSITIVITY_METRICS };
export type { LatencyOpts } from './latency.js';
export type { MemoryOpts } from './memory.js';
export type { ParetoOpts } from './pareto.js';
export type { SensitivityMetric, SensitivityOpts } from './sensitivity.js';
export type { TilesOpts } from './tiles.js';
export { metricLabel, palette } from './style.js';

export const CHART_KINDS = ['pareto', 'latency', 'memory', 'energy', 'sustained', 'roofline', 'sensitivity', 'tiles', 'validation-scatter', 'validation-errors'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** One chart to draw: its kind and that kind's options (a discriminated union, checked by the compiler). */
export type ChartRequest =
  | { kind: 'pareto'; x?: string; y?: string }
  | { kind: 'latency'; plans?: number }
  | { kind: 'memory'; plans?: number }
  | { kind: 'energy'; plans?: number }
  | { kind: 'sustained'; plans?: number; minutes?: number }
  | { kind: 'roofline' }
  | { kind: 'sensitivity'; metric?: SensitivityMetric }
  | { kind: 'tiles'; plotAspect?: number }
  | { kind: 'validation-scatter' }
  | { kind: 'validation-errors' };

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

/**
 * A request from untyped input (a CLI flag's kind and options): each option is checked here before
 * it reaches the typed chart function. Throws a TypeError naming the kind or option.
 */
export function chartRequest(kind: string, opts: Record<string, unknown> = {}): ChartRequest {
  switch (kind as ChartKind) {
    case 'pareto':
      return { kind: 'pareto', x: str(opts, 'x'), y: str(opts, 'y') };
    case 'latency':
    case 'memory':
    case 'energy':
      return { kind: kind as 'latency' | 'memory' | 'energy', plans: num(opts, 'plans') };
    case 'sustained':
      return { kind: 'sustained', plans: num(opts, 'plans'), minutes: num(opts, 'minutes') };
    case 'sensitivity':
      return { kind: 'sensitivity', metric: sensitivityMetric(opts) };
    case 'tiles':
      return { kind: 'tiles', plotAspect: num(opts, 'plotAspect') };
    case 'roofline':
    case 'validation-scatter':
    case 'validation-errors':
      return { kind: kind as 'roofline' | 'validation-scatter' | 'validation-errors' };
    default:
      throw new TypeError(`unknown chart kind "${kind}" (known: ${CHART_KINDS.join(', ')})`);
  }
}

/** The chart.js configuration of one request. */
export function chartFor(req: ChartRequest, data: ReportData): ChartConfiguration {
  switch (req.kind) {
    case 'pareto':
      return paretoChart(data, { x: req.x, y: req.y });
    case 'latency':
      return latencyChart(data, { plans: req.plans });
    case 'memory':
      return memoryChart(data, { plans: req.plans });
    case 'energy':
      return energyChart(data, { plans: req.plans });
    case 'sustained':
      return sustainedChart(data, { plans: req.plans, minutes: req.minutes });
    case 'roofline':
      return rooflineChart(data);
    case 'sensitivity':
      return sensitivityChart(data, { metric: req.metric ?? 'decode_tok_s.mean' });
    case 'tiles':
      return tilesChart(data, { plotAspect: req.plotAspect });
    case 'validation-scatter':
      return validationScatter(data);
    case 'validation-errors':
      return validationErrors(data);
  }
}
