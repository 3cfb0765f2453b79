/**
 * Evaluate a slice [start, end) of the sweep space: write each row to a part file (when asked)
 * and keep only what the front needs of feasible rows (index and objective vector), in growable
 * typed arrays, so memory stays bounded by the feasible count, not by the rows written.
 */
import { openSync, writeSync, closeSync } from 'node:fs';
import type { SweepSetup } from './setup.js';
import { lineFor, type Format } from './rows.js';

export type RangeResult = { evaluated: number; feasible: number; invalid: number; notApplicable: number; firstError?: string; firstNotApplicable?: string; index: Float64Array; objectives: Float64Array };

export function evaluateRange(setup: SweepSetup, start: number, end: number, part: { file: string; format: Format } | undefined, onProgress?: (done: number) => void): RangeResult {
  const k = setup.spec.objectives.length;
  let cap = 1024;
  let index = new Float64Array(cap);
  let objectives = new Float64Array(cap * k);
  let feasible = 0;
  let invalid = 0;
  let notApplicable = 0;
  let firstNotApplicable: string | undefined;
  let firstError: string | undefined;
  const fd = part ? openSync(part.file, 'w') : undefined;
  let buf = '';
  let first = true;
  try {
    for (let i = start; i < end; i++) {
      const r = setup.evaluator.evaluate(i);
      if (r.status === 'not_applicable') {
        notApplicable++;
        firstNotApplicable ??= r.error;
      }
      if (r.status === 'invalid') {
        invalid++;
        firstError ??= `configuration ${i}: ${r.error}`;
      }
      if (r.feasible) {
        if (feasible === cap) {
          cap *= 2;
          const ni = new Float64Array(cap);
          ni.set(index);
          index = ni;
          const no = new Float64Array(cap * k);
          no.set(objectives);
          objectives = no;
        }
        index[feasible] = i;
        for (let j = 0; j < k; j++) objectives[feasible * k + j] = r.objectives[j];
        feasible++;
      }
      if (fd !== undefined) {
        buf += lineFor(part!.format, setup.spec, setup.evaluator.columns, r, first);
        first = false;
        if (buf.length > 1 << 14) {
          writeSync(fd, buf);
          buf = '';
        }
      }
      if (onProgress && (i - start) % 4096 === 4095) onProgress(i - start + 1);
    }
    if (fd !== undefined && buf) writeSync(fd, buf);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  onProgress?.(end - start);
  return { evaluated: end - start, feasible, invalid, notApplicable, firstError, firstNotApplicable, index: index.slice(0, feasible), objectives: objectives.slice(0, feasible * k) };
}
