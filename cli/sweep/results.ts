/**
 * A sweep's results file (CSV or NDJSON from `sweep --out` or `merge`) read back as a sweep result:
 * the spec comes from the file's metadata (<file>.meta.json), feasibility and objectives from its
 * rows, and the front is recomputed from them (core/sweep/objective.ts, the same objectives the
 * sweep used). Only the front and the plotted sample are evaluated again, so shard -> merge ->
 * report does not re-run the sweep.
 */
import { InputError } from '../../core/errors.js';
import { paretoFront } from '../../core/sweep/pareto.js';
import { objectiveFields, objectiveValue } from '../../core/sweep/objective.js';
import { recommendPlans } from '../../core/sweep/rank.js';
import { groupKnees } from '../../core/sweep/groups.js';
import type { SweepResult } from '../../core/sweep/result.js';
import { readMeta } from './merge.js';
import { resultRows } from './result-rows.js';
import { loadSweep } from './setup.js';

export const isResultsFile = (file: string) => /\.(csv|ndjson|jsonl)$/i.test(file);

export async function resultFromFile(file: string, profiles?: string): Promise<SweepResult> {
  const meta = readMeta(file);
  if (meta.spec_doc === undefined) throw new InputError('its metadata does not hold the sweep spec (written by an older mmplan?); report the spec instead', `${file}.meta.json`);
  const setup = loadSweep({ doc: meta.spec_doc, label: meta.spec }, profiles);
  const { spec } = setup;
  if (JSON.stringify(spec.objectives) !== JSON.stringify(meta.objectives)) throw new InputError('the spec in its metadata no longer compiles to the objectives the rows were written with', `${file}.meta.json`);
  const fields = objectiveFields(spec.objectives);
  const idx: number[] = [];
  const obj: number[] = [];
  let rows = 0;
  let invalid = 0;
  let notApplicable = 0;
  for await (const r of resultRows(file, fields)) {
    rows++;
    if (!Number.isInteger(r.index) || r.index < 0 || r.index >= spec.size) throw new InputError(`row ${r.row}: index ${r.index} is not a configuration of this sweep`, file);
    if (r.status === 'invalid') invalid++;
    if (r.status === 'not_applicable') notApplicable++;
    if (!r.feasible) continue;
    idx.push(r.index);
    for (const o of spec.objectives) obj.push(objectiveValue(o, r.get));
  }
  const feasibleIndex = Float64Array.from(idx);
  const feasibleObjectives = Float64Array.from(obj);
  const front = paretoFront(feasibleObjectives, idx.length, spec.objectives.length).map((i) => setup.evaluator.evaluate(idx[i]));
  return {
    setup,
    range: meta.range,
    evaluated: rows,
    feasible: idx.length,
    invalid,
    notApplicable,
    front,
    top: recommendPlans(front, spec.objectives).slice(0, spec.top),
    perGroup: groupKnees(spec, feasibleIndex, feasibleObjectives, (i) => setup.evaluator.evaluate(i)),
    feasibleIndex,
    feasibleObjectives,
  };
}
