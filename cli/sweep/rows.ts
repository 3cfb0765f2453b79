/**
 * Sweep rows as text: CSV (header + one line per configuration), NDJSON (one object per line) or
 * JSON (an array of the same objects). Axis values print as people write them ("768x1536").
 */
import type { SweepRow } from '../../core/sweep/evaluate.js';
import { InputError } from '../../core/errors.js';
import type { SweepSpec } from '../../core/sweep/spec.js';
import { showValue, jsonValue } from '../../core/sweep/values.js';

export { showValue };

export type Format = 'csv' | 'ndjson' | 'json';

export function formatOf(file: string): Format {
  if (file.endsWith('.csv')) return 'csv';
  if (file.endsWith('.ndjson') || file.endsWith('.jsonl')) return 'ndjson';
  if (file.endsWith('.json')) return 'json';
  throw new InputError(`expected a .csv, .ndjson or .json file, found "${file}"`, undefined, '--out');
}


// Seven significant digits (toPrecision is the cheapest float formatter in V8 for a million-row loop).
const num = (x: number) => (Number.isInteger(x) ? String(x) : Number.isFinite(x) ? x.toPrecision(7) : '');
const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function csvHeader(spec: SweepSpec, columns: string[]): string {
  return ['index', ...spec.axes.map((a) => a.path), 'status', 'feasible', ...columns, 'error'].map(csvCell).join(',') + '\n';
}

/** Axis values as CSV cells, formatted once per value (not once per row). */
const cellCache = new WeakMap<SweepSpec, string[][]>();
function axisCells(spec: SweepSpec): string[][] {
  let c = cellCache.get(spec);
  if (!c) cellCache.set(spec, (c = spec.axes.map((a) => a.values.map((v) => csvCell(showValue(v))))));
  return c;
}

export function csvLine(spec: SweepSpec, r: SweepRow): string {
  const cells = axisCells(spec);
  let s = String(r.index);
  for (let i = 0; i < r.digits.length; i++) s += ',' + cells[i][r.digits[i]];
  s += `,${r.status},${r.feasible}`;
  for (const m of r.metrics) s += ',' + num(m);
  s += ',' + (r.error ? csvCell(r.error) : '');
  return s + '\n';
}

export function rowObject(spec: SweepSpec, columns: string[], r: SweepRow): Record<string, unknown> {
  const config: Record<string, string | number | boolean> = {};
  spec.axes.forEach((a, i) => (config[a.path] = jsonValue(r.values[i])));
  const metrics: Record<string, number | null> = {};
  columns.forEach((c, i) => (metrics[c] = Number.isFinite(r.metrics[i]) ? r.metrics[i] : null));
  return { index: r.index, config, status: r.status, feasible: r.feasible, metrics, ...(r.error ? { error: r.error } : {}) };
}

export function lineFor(format: Format, spec: SweepSpec, columns: string[], r: SweepRow, first: boolean): string {
  if (format === 'csv') return csvLine(spec, r);
  const json = JSON.stringify(rowObject(spec, columns, r));
  return format === 'ndjson' ? json + '\n' : (first ? '' : ',\n') + json;
}
