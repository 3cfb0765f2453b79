/**
 * Merging sweep shards: the parts written with `sweep --shard i/n --out part.csv` (each with its
 * part.csv.meta.json) are checked to come from one sweep, streamed line by line into one output
 * (written atomically), and the Pareto front is recomputed over every feasible row of every part.
 */
import { createWriteStream, existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { paretoFront } from '../../core/sweep/pareto.js';
import { objectiveFields, objectiveValue } from '../../core/sweep/objective.js';
import { InputError } from '../../core/errors.js';
import { readTextBounded } from '../files.js';
import { parseJsonText } from '../load.js';
import { assertWritable, withTempAsync, writeFileAtomic } from '../write.js';
import { formatOf } from './rows.js';
import { resultRows } from './result-rows.js';

const metaSchema = z.object({
  spec: z.string(),
  shard: z.tuple([z.number().int(), z.number().int()]),
  range: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
  size: z.number().int().positive(),
  objectives: z.array(z.object({ field: z.string(), sense: z.enum(['min', 'max']) })).min(1),
  columns: z.array(z.string()),
  axes: z.array(z.string()),
  pareto_only: z.boolean().optional(),
  /** The sweep spec as written (results written by sweep --out and merge carry it). */
  spec_doc: z.unknown().optional(),
});
type ShardMeta = z.output<typeof metaSchema>;

export type MergeSummary = { parts: number; size: number; rows: number; complete: boolean; feasible: number; front_size: number; front: number[] };

export function readMeta(file: string): ShardMeta {
  const metaFile = `${file}.meta.json`;
  let text: string;
  try {
    text = readTextBounded(metaFile, 1 << 20, { what: 'shard metadata' });
  } catch {
    throw new InputError(`no shard metadata (${metaFile}); was it written by mmplan sweep --shard?`, file);
  }
  const r = metaSchema.safeParse(parseJsonText(text, metaFile));
  if (!r.success) throw new InputError(`not shard metadata written by mmplan sweep --shard (${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message})`, metaFile);
  return r.data;
}


/**
 * The shard files named: a file as given, a folder as the .csv/.ndjson files in it that have their
 * .meta.json (what `--shard` writes, e.g. from `--out results/part-{shard}.csv`), the merged
 * output itself excluded.
 */
export function shardFiles(args: string[], out: string): string[] {
  const files: string[] = [];
  for (const a of args) {
    let dir = false;
    try {
      dir = statSync(a).isDirectory();
    } catch {
      // not there: readMeta names the missing file
    }
    if (!dir) {
      files.push(a);
      continue;
    }
    const found = readdirSync(a)
      .filter((f) => /\.(csv|ndjson)$/.test(f) && existsSync(join(a, `${f}.meta.json`)))
      .map((f) => join(a, f))
      .filter((f) => resolve(f) !== resolve(out))
      .sort();
    if (!found.length) throw new InputError('no shard outputs here (.csv or .ndjson files with their .meta.json)', a);
    files.push(...found);
  }
  return files;
}

export async function mergeShards(args: string[], out: string, opts: { force?: boolean } = {}): Promise<MergeSummary> {
  const files = shardFiles(args, out);
  const parts = files.map((file) => ({ file, meta: readMeta(file) }));
  const m0 = parts[0].meta;
  for (const p of parts) {
    if (p.meta.size !== m0.size || JSON.stringify(p.meta.columns) !== JSON.stringify(m0.columns) || JSON.stringify(p.meta.objectives) !== JSON.stringify(m0.objectives)) {
      throw new InputError('shard of a different sweep (size, columns or objectives differ)', p.file);
    }
    if (formatOf(p.file) !== formatOf(out)) throw new InputError(`a .${formatOf(p.file)} shard cannot be merged into a .${formatOf(out)} output`, p.file);
  }
  parts.sort((a, b) => a.meta.range[0] - b.meta.range[0]);
  const covered = parts.reduce((a, p) => a + p.meta.range[1] - p.meta.range[0], 0);
  const format = formatOf(out);
  if (format !== 'csv' && format !== 'ndjson') throw new InputError('merge writes .csv or .ndjson', out, '--out');
  assertWritable(out, opts.force === true, '--out');

  // Objectives of each part's feasible rows, then the front over all of them.
  const idx: number[] = [];
  const obj: number[] = [];
  const fields = objectiveFields(m0.objectives);
  const bad = (file: string, row: number, what: string) => new InputError(`row ${row}: ${what}`, file);
  await withTempAsync(out, async (tmp) => {
    const w = createWriteStream(tmp);
    const write = (s: string) => new Promise<void>((res, rej) => (w.write(s) ? res() : w.once('drain', res).once('error', rej)));
    try {
      for (const [n, p] of parts.entries()) {
        for await (const { row, line, index, feasible, get } of resultRows(p.file, fields, (header: string) => (n === 0 ? write(header + '\n') : undefined))) {
          const values = m0.objectives.map((o) => objectiveValue(o, get));
          if (!Number.isInteger(index) || index < p.meta.range[0] || index >= p.meta.range[1]) throw bad(p.file, row, `index ${index} is outside the shard's range ${p.meta.range[0]}..${p.meta.range[1] - 1}`);
          if (feasible) {
            if (values.some((v) => !Number.isFinite(v))) throw bad(p.file, row, 'a feasible row without a numeric value for every objective');
            idx.push(index);
            values.forEach((v) => obj.push(v));
          }
          await write(line + '\n');
        }
      }
      await new Promise<void>((res, rej) => w.end((e?: Error | null) => (e ? rej(e) : res())));
    } catch (e) {
      w.destroy();
      throw e;
    }
    renameSync(tmp, out);
  });
  // The merged file describes itself like a whole sweep's output.
  writeFileAtomic(`${out}.meta.json`, JSON.stringify({ ...m0, shard: [1, 1], range: [parts[0].meta.range[0], parts[parts.length - 1].meta.range[1]] }, null, 2), { force: true });
  const front = paretoFront(Float64Array.from(obj), idx.length, m0.objectives.length).map((i) => idx[i]);
  return { parts: parts.length, size: m0.size, rows: covered, complete: covered === m0.size, feasible: idx.length, front_size: front.length, front: front.sort((a, b) => a - b) };
}
