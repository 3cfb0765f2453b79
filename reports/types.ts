/**
 * Report data: everything a chart or the HTML report shows, as plain JSON-safe data. Built once
 * from a sweep (or a single scenario) by reports/data.ts; charts (reports/charts/) turn it into
 * chart.js configurations, rendered to PNG on the server and live in the browser.
 */

/** One plan (configuration) with the numbers the charts need. */
export type PlanPoint = {
  index: number;
  /** Axis path -> value as written ("768x1536", "4"). */
  config: Record<string, string>;
  feasible: boolean;
  front: boolean;
  /** Output fields by name: "latency_s.ttft", "memory_gb.peak", "decode_tok_s.mean", ... */
  metrics: Record<string, number>;
};

/** The full breakdown of a plan (front plans and the chosen one). */
export type PlanBreakdown = {
  index: number;
  config: Record<string, string>;
  latency_s: { preprocess: number; vision_encode: number; projector: number; prefill: number; decode_total: number; ttft: number; e2e: number };
  memory_gb: { vit: number; projector: number; llm: number; embeddings: number; kv_cache: number; activations: number; runtime: number; peak: number; usable: number };
  decode_tok_s: number;
  /** Energy of one request by phase (J) and the thermal behaviour under back-to-back requests (core/energy/). */
  energy_j?: { encode: number; prefill: number; decode: number; query: number };
  sustained?: { throttle_at_s: number | null; throttled_factor: number };
  tokens: { image: number; text: number; total: number };
  tiles: number;
  fits: boolean;
  /** Predicted quality per benchmark and its basis (measured / interpolated / extrapolated). */
  quality?: Record<string, { score: number; basis: string }>;
};

export type RooflineData = {
  /** Device compute roofs: precision -> attainable ops/s (peak x efficiency) of the LLM's unit. */
  roofs: Array<{ precision: string; ops_per_s: number }>;
  /** Attainable DRAM bandwidth of that unit, bytes/s. */
  bandwidth: number;
  /** Operators placed by arithmetic intensity (ops per DRAM byte) and attained ops/s. */
  ops: Array<{ name: string; phase: 'prefill' | 'decode'; intensity: number; ops_per_s: number }>;
  unit: string;
};

export type { SensitivityBar } from '../core/sweep/sensitivity.js';
import type { SensitivityBar } from '../core/sweep/sensitivity.js';

export type TileView = {
  width: number;
  height: number;
  policies: Array<{ policy: string; cols: number; rows: number; tiles: number; thumbnail: boolean; tokens: number; error?: string }>;
};

export type ValidationData = {
  records: Array<{ id: string; metric: string; device: string; engine: string; measured: number; predicted: number; error_pct: number }>;
  by_metric: Array<{ key: string; n: number; median_ape: number; within_25: number }>;
  /** How the errors by metric were obtained: leaving out whole devices, single records, or in sample. */
  mode: 'device' | 'record' | 'in-sample';
};

export type ReportData = {
  title: string;
  generated: string;
  question: {
    device: string;
    device_name: string;
    model: string;
    model_name: string;
    images: string[];
    constraints: string[];
    objectives: string[];
    axes: Array<{ path: string; values: string[] }>;
  };
  /** Plans to plot: every front plan, plus a (possibly downsampled) set of the others. */
  points: PlanPoint[];
  counts: { evaluated: number; feasible: number; /** Distinct plans on the front (identical objectives count once) and the rows behind them. */ front: number; front_rows: number; plotted: number; downsampled: boolean };
  /** "Ship this": the recommended plan per device and model when the sweep varies them. */
  ship: Array<{ group: Record<string, string>; config: Record<string, string>; ttft_s: number; decode_tok_s: number; peak_gb: number; quality?: string }>;
  front: PlanBreakdown[];
  chosen: PlanBreakdown;
  /** Why the chosen plan: one or two sentences. */
  recommendation: string;
  usable_gb: number;
  /** Constraint thresholds on plotted metrics, for drawing lines: metric -> value. */
  limits: Record<string, number>;
  roofline: RooflineData;
  sensitivity: SensitivityBar[];
  tiles: TileView;
  validation?: ValidationData;
  assumptions: string[];
  /** Typical errors of the predictions (from the calibration), by metric. */
  uncertainty: Array<{ metric: string; median_abs_pct: number; band_pct: number; basis: string }>;
};
