/**
 * Metrics: the one vocabulary of what mmplan predicts and what measurements report. A metric has
 * the name measurement records and validation use (`ttft_s`), the estimate field it is read from
 * (`latency_s.ttft`), its unit, a label for people, and the uncertainty band an estimate reports it
 * under (several record metrics can pool into one band: prefill in seconds and in tokens/s).
 */
import type { Estimate } from './types.js';

export const METRICS = ['decode_tok_s', 'prefill_tok_s', 'prefill_s', 'ttft_s', 'vision_encode_s', 'patch_embed_cpu_s', 'load_s', 'peak_mem_gb', 'e2e_s', 'energy_j_per_token', 'energy_j_query', 'power_w_decode', 'power_w_prefill', 'power_w', 'sustained_decode_tok_s'] as const;
export type Metric = (typeof METRICS)[number];

/** The uncertainty bands an estimate carries (Estimate['uncertainty'] keys). */
export const BANDS = ['decode_tok_s', 'prefill', 'ttft', 'vision_encode', 'peak_memory'] as const;
export type Band = (typeof BANDS)[number];

export type MetricDef = {
  /** The estimate field (dotted path) it corresponds to; undefined when mmplan does not predict it. */
  field?: string;
  unit: 's' | 'tok/s' | 'GB' | 'J' | 'W';
  label: string;
  band?: Band;
  /** The predicted value in the record's units; undefined when outside the cost model. */
  value?: (e: Estimate) => number;
  /**
   * false: validated but not fitted. Energy and power follow from times the other records fit; fitting
   * the efficiencies to match a joule count would bend the speed model to the power model's errors.
   */
  fitted?: false;
};

export const METRIC_DEFS: Record<Metric, MetricDef> = {
  decode_tok_s: { field: 'decode_tok_s.mean', unit: 'tok/s', label: 'decode speed', band: 'decode_tok_s', value: (e) => e.decode_tok_s.mean },
  prefill_tok_s: { field: 'prefill_tok_s', unit: 'tok/s', label: 'prefill speed', band: 'prefill', value: (e) => e.prefill_tok_s },
  prefill_s: { field: 'latency_s.prefill', unit: 's', label: 'prefill time', band: 'prefill', value: (e) => e.latency_s.prefill },
  ttft_s: { field: 'latency_s.ttft', unit: 's', label: 'TTFT', band: 'ttft', value: (e) => e.latency_s.ttft },
  // Published encode times include the projector (the image's embeddings are ready for the LLM).
  vision_encode_s: { field: 'latency_s.vision_encode', unit: 's', label: 'vision encode time', band: 'vision_encode', value: (e) => e.latency_s.vision_encode + e.latency_s.projector },
  patch_embed_cpu_s: { field: 'latency_s.patch_embed', unit: 's', label: 'patch embedding time', value: (e) => e.latency_s.patch_embed },
  // Loading weights from storage is outside the cost model.
  load_s: { unit: 's', label: 'load time' },
  peak_mem_gb: { field: 'memory_gb.peak', unit: 'GB', label: 'peak memory', band: 'peak_memory', value: (e) => e.memory_gb.peak },
  e2e_s: { field: 'latency_s.e2e', unit: 's', label: 'end-to-end latency', value: (e) => e.latency_s.e2e },
  // Energy and power (core/energy/): whole-device figures as the records measure them.
  energy_j_per_token: { fitted: false, field: 'energy_j.per_output_token', unit: 'J', label: 'energy per output token', value: (e) => e.energy_j.per_output_token },
  energy_j_query: { fitted: false, field: 'energy_j.query', unit: 'J', label: 'energy per request', value: (e) => e.energy_j.query },
  power_w_decode: { fitted: false, field: 'power_w.decode', unit: 'W', label: 'decode power', value: (e) => e.power_w.decode },
  power_w_prefill: { fitted: false, field: 'power_w.prefill', unit: 'W', label: 'prefill power', value: (e) => e.power_w.prefill },
  power_w: { fitted: false, field: 'power_w.average', unit: 'W', label: 'average power', value: (e) => e.power_w.average },
  // Decode speed after the record's duration_s of back-to-back runs.
  sustained_decode_tok_s: { fitted: false, field: 'sustained.decode_tok_s', unit: 'tok/s', label: 'sustained decode speed', value: (e) => e.sustained.decode_tok_s },
};

/** The record metrics a band pools, in METRICS order. */
export function bandMetrics(band: Band): Metric[] {
  return METRICS.filter((m) => METRIC_DEFS[m].band === band);
}

/** The record metric that names a band in reports (its first metric: `prefill` -> `prefill_tok_s`). */
export function bandMetric(band: Band): Metric {
  return bandMetrics(band)[0];
}

/** The predicted value of a metric in the record's units (NaN when mmplan does not predict it). */
export function metricValue(e: Estimate, metric: Metric): number {
  const f = METRIC_DEFS[metric].value;
  return f ? f(e) : NaN;
}

/** Readable names of estimate fields that charts and pages show often. */
const FIELD_LABELS: Record<string, string> = {
  'latency_s.ttft': 'TTFT',
  'latency_s.e2e': 'end-to-end latency',
  'latency_s.prefill': 'prefill time',
  'latency_s.vision_encode': 'vision encode time',
  'memory_gb.peak': 'peak memory',
  'decode_tok_s.mean': 'decode speed',
};

/** Units of estimate fields by their first key ("latency_s.ttft" -> "s"). */
const FIELD_UNITS: Record<string, string> = { latency_s: 's', memory_gb: 'GB', decode_tok_s: 'tok/s', prefill_tok_s: 'tok/s', energy_j: 'J', power_w: 'W', battery_pct: '%' };

/** The unit of an estimate field by its prefix ("latency_s.ttft" -> "s"), or "" when unknown. */
export function fieldUnit(path: string): string {
  return FIELD_UNITS[path.split('.')[0]] ?? '';
}

/** A readable name of an estimate field ("memory_gb.peak" -> "peak memory"). */
export function fieldLabel(path: string): string {
  if (FIELD_LABELS[path]) return FIELD_LABELS[path];
  const [head, ...rest] = path.split('.');
  const base = head.replace(/_(s|gb|tok_s)$/, '').replace(/_/g, ' ');
  return rest.length ? `${base} ${rest.join(' ').replace(/_/g, ' ')}` : base;
}
