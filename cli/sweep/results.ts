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
import { splitCsvLine } from '../output.js';
import { parseJsonText } from '../load.js';
import { lines, readMeta } from './merge.js';
import { formatOf } from './rows.js';
import { loadSweep } from './setup.js';

export const isResultsFile = (file: string) => /\.(csv|ndjson|jsonl)$/i.test(file);

export async function resultFromFile(file: string, profiles?: string): Promise<SweepResult> {
  const meta = readMeta(file);
  if (meta.spec_doc === undefined) throw new InputError('its metadata does not hold the sweep spec (written by an older mmplan?); report the spec instead', `${file}.meta.json`);
  const setup = loadSweep({ doc: meta.spec_doc, label: meta.spec }, profiles);
  const { spec } = setup;
  if (JSON.stringify(spec.objectives) !== JSON.stringify(meta.objectives)) throw new InputError('the spec in its metadata no longer compiles to the objectives the rows were written with', `${file}.meta.json`);
  const fields = objectiveFields(spec.objectives);
  const format = formatOf(file);
  const idx: number[] = [];
  const obj: number[] = [];
  let rows = 0;
  let invalid = 0;
  let notApplicable = 0;
  let col = new Map<string, number>();
  let first = true;
  for await (const line of lines(file)) {
    let index: number;
    let feasible: boolean;
    let status: string;
    let get: (f: string) => number;
    if (format === 'csv') {
      const cells = splitCsvLine(line);
      if (first) {
        first = false;
        col = new Map(cells.map((c, i) => [c, i]));
        for (const f of ['index', 'status', 'feasible', ...fields]) if (!col.has(f)) throw new InputError(`expected the header of a sweep CSV with a '${f}' column`, file, 'row 1');
        continue;
      }
      index = Number(cells[col.get('index')!]);
      feasible = cells[col.get('feasible')!] === 'true';
      status = cells[col.get('status')!];
      get = (f) => Number(cells[col.get(f)!]);
    } else {
      const r = parseJsonText(line, file, `row ${rows + 1}`) as { index?: unknown; feasible?: unknown; status?: unknown; metrics?: Record<string, unknown> };
      index = Number(r?.index);
      feasible = r?.feasible === true;
      status = String(r?.status);
      get = (f) => Number(r?.metrics?.[f]);
    }
    rows++;
    if (!Number.isInteger(index) || index < 0 || index >= spec.size) throw new InputError(`row ${rows}: index ${index} is not a configuration of this sweep`, file);
    if (status === 'invalid') invalid++;
    if (status === 'not_applicable') notApplicable++;
    if (!feasible) continue;
    idx.push(index);
    for (const o of spec.objectives) obj.push(objectiveValue(o, get));
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
