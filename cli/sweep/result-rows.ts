/**
 * Reading a sweep's results file back, row by row: a CSV (header first) or NDJSON, each row as its
 * configuration index, feasibility, status and a reader of its output fields, with its line number
 * and raw text (for copying). `merge` and `report results.csv` both read rows this way.
 */
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { splitCsvLine } from '../output.js';
import { assertRegularFile } from '../files.js';
import { parseJsonText } from '../load.js';
import { formatOf } from './rows.js';

export type ResultRow = { row: number; line: string; index: number; feasible: boolean; status: string; get: (field: string) => number };

async function* lines(file: string): AsyncGenerator<string> {
  assertRegularFile(file);
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) if (line !== '') yield line;
}

/**
 * The rows of `file`. A CSV's header must hold index, status, feasible and every field in `fields`;
 * `onHeader` gets its raw line. Row numbers are the file's line numbers (the header is row 1).
 */
export async function* resultRows(file: string, fields: readonly string[], onHeader?: (line: string) => Promise<void> | void): AsyncGenerator<ResultRow> {
  const csv = formatOf(file) === 'csv';
  let col: Map<string, number> | undefined;
  let row = 0;
  for await (const line of lines(file)) {
    row++;
    if (csv && !col) {
      col = new Map(splitCsvLine(line).map((c, i) => [c, i]));
      for (const f of ['index', 'status', 'feasible', ...fields]) if (!col.has(f)) throw new InputError(`row 1: expected the header of a sweep CSV with a '${f}' column`, file);
      await onHeader?.(line);
      continue;
    }
    if (csv) {
      const cells = splitCsvLine(line);
      const at = (f: string) => cells[col!.get(f)!];
      yield { row, line, index: Number(at('index')), feasible: at('feasible') === 'true', status: at('status'), get: (f) => Number(at(f)) };
    } else {
      const r = parseJsonText(line, file, `row ${row}`) as { index?: unknown; feasible?: unknown; status?: unknown; metrics?: Record<string, unknown> };
      yield { row, line, index: Number(r?.index), feasible: r?.feasible === true, status: String(r?.status), get: (f) => Number(r?.metrics?.[f]) };
    }
  }
}
