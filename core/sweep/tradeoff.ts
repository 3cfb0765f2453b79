/**
 * The trade-off of a recommendation in the user's units: what the knee costs and buys against the
 * front's fastest corner (its best plan on the first objective that is not quality), e.g.
 * "tiling.max_tiles 6 instead of 1: +0.62 s latency_s.ttft, +7.1 DocVQA_val points".
 */
import type { SweepRow } from './evaluate.js';
import type { SweepSpec } from './spec.js';
import { showValue } from './values.js';
import { fieldUnit } from '../metrics.js';

const unitOf = (field: string) => (fieldUnit(field) ? ` ${fieldUnit(field)}` : '');
const labelOf = (field: string) => {
  const q = /^quality\.([^.]+)\.score$/.exec(field);
  return q ? `${q[1]} points` : field;
};
const signed = (x: number, digits: number) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;

/** The front's fastest corner: best on the first objective that is not a quality score. */
export function fastestPlan(rows: SweepRow[], spec: SweepSpec): SweepRow | undefined {
  const j = Math.max(0, spec.objectives.findIndex((o) => !o.field.startsWith('quality.')));
  return [...rows].sort((a, b) => a.objectives[j] - b.objectives[j] || a.index - b.index)[0];
}

/** "A instead of B: +x s TTFT, +y DocVQA points", or undefined when the knee is the fastest plan. */
export function tradeoffText(knee: SweepRow, fastest: SweepRow | undefined, spec: SweepSpec, columns: string[]): string | undefined {
  if (!fastest || fastest.index === knee.index) return undefined;
  const changed = spec.axes.map((a, i) => (knee.values[i] !== fastest.values[i] ? `${a.path} ${showValue(knee.values[i])} instead of ${showValue(fastest.values[i])}` : '')).filter(Boolean);
  const deltas = spec.objectives
    .map((o) => {
      const c = columns.indexOf(o.field);
      const d = knee.metrics[c] - fastest.metrics[c];
      if (!Number.isFinite(d) || Math.abs(d) < 1e-9) return '';
      const digits = Math.abs(d) >= 10 ? 0 : Math.abs(d) >= 1 ? 1 : 2;
      return `${signed(d, digits)}${unitOf(o.field)} ${labelOf(o.field)}`;
    })
    .filter(Boolean);
  return `${changed.join(', ') || 'the same choices'}: ${deltas.join(', ') || 'no difference in the objectives'}`;
}
