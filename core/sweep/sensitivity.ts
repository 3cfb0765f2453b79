/**
 * One-axis-at-a-time sensitivity around a chosen plan: for each axis with several values, move only
 * that axis and record the lowest and highest value of a metric (the tornado chart of a report).
 */
import { decodeIndex, type SweepSpec } from './spec.js';
import type { SweepResult } from './result.js';
import { showValue } from './values.js';

export type SensitivityMetric = 'decode_tok_s.mean' | 'latency_s.ttft' | 'memory_gb.peak';

export type SensitivityBar = {
  axis: string;
  /** Metric value at the chosen plan and the range when only this axis moves. */
  metric: SensitivityMetric;
  base: number;
  low: number;
  high: number;
  lowValue: string;
  highValue: string;
};

function indexOf(spec: SweepSpec, digits: number[]): number {
  return digits.reduce((acc, d, i) => acc * spec.axes[i].values.length + d, 0);
}

/** Bars for decode speed, TTFT and peak memory around configuration `chosen`. */
export function sensitivityOf(r: SweepResult, chosen: number): SensitivityBar[] {
  const { spec, evaluator } = r.setup;
  const base = decodeIndex(spec, chosen);
  const metrics = ['decode_tok_s.mean', 'latency_s.ttft', 'memory_gb.peak'] as const;
  const col = (m: string) => evaluator.columns.indexOf(m);
  const baseRow = evaluator.evaluate(chosen);
  const out: SensitivityBar[] = [];
  spec.axes.forEach((a, ai) => {
    if (a.values.length < 2) return;
    const rows = a.values.map((_, vi) => {
      const d = [...base];
      d[ai] = vi;
      return { v: showValue(a.values[vi]), row: evaluator.evaluate(indexOf(spec, d)) };
    }).filter((x) => x.row.status === 'ok');
    for (const m of metrics) {
      if (!rows.length) continue;
      const vals = rows.map((x) => ({ v: x.v, y: x.row.metrics[col(m)] }));
      const lo = vals.reduce((a2, b) => (b.y < a2.y ? b : a2));
      const hi = vals.reduce((a2, b) => (b.y > a2.y ? b : a2));
      out.push({ axis: a.path, metric: m, base: baseRow.metrics[col(m)], low: lo.y, high: hi.y, lowValue: lo.v, highValue: hi.v });
    }
  });
  return out;
}

