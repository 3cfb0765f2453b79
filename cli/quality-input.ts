/**
 * Quality input: the shipped evidence of a model (models/quality/<id>.yaml) and a user's own
 * measured scores (--quality my-evals.csv: a `benchmark` and a `score` column, plus configuration
 * columns wbits, kv_bits, max_tiles, keep_ratio, policy; a missing column means the evidence's reference).
 */
import { existsSync, readdirSync } from 'node:fs';
import { qualityPriorSchema, type QualityPrior } from '../core/quality-priors.js';
import { readTextBounded } from './files.js';
import { join } from 'node:path';
import { qualityFileSchema, type MeasuredScore, type QualityEvidence } from '../core/quality.js';
import { readDataFile, validate } from './load.js';
import { SHIPPED } from './shipped.js';
import { InputError } from '../core/errors.js';
import { splitCsvLine } from './output.js';
import { canonicalBenchmark } from '../core/benchmarks.js';

export const QUALITY_DIR = SHIPPED.quality;

let priorsMemo: QualityPrior[] | undefined;

/** The shipped priors (models/quality/priors/*.yaml), read once per process. */
export function loadPriors(): QualityPrior[] {
  if (priorsMemo) return priorsMemo;
  const dir = join(QUALITY_DIR, 'priors');
  if (!existsSync(dir)) return (priorsMemo = []);
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  return (priorsMemo = files.map((f) => validate(qualityPriorSchema, readDataFile(join(dir, f)), join(dir, f), 'quality prior').value));
}

export function loadQuality(modelId: string): QualityEvidence | undefined {
  const file = join(QUALITY_DIR, `${modelId}.yaml`);
  if (!existsSync(file)) return undefined;
  return validate(qualityFileSchema, readDataFile(file), file, 'quality evidence').value;
}

export function readMeasuredScores(file: string, reference?: QualityEvidence['reference']): MeasuredScore[] {
  const text = readTextBounded(file, 4 * 2 ** 20, { flag: '--quality', what: 'a score CSV' });
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  if (lines.length < 2) throw new InputError('expected a header and at least one row (benchmark,score,wbits,max_tiles,keep_ratio,policy)', file);
  const head = splitCsvLine(lines[0]).map((c) => c.trim()).map((h) => h.toLowerCase());
  for (const need of ['benchmark', 'score']) if (!head.includes(need)) throw new InputError(`missing column '${need}' (found ${head.join(', ')})`, file, 'header');
  const col = (name: string) => head.indexOf(name);
  return lines.slice(1).map((line, i) => {
    const cells = splitCsvLine(line).map((c) => c.trim());
    const row = `row ${i + 2}`;
    const num = (name: string, fallback: number | null | undefined): number | null => {
      const j = col(name);
      if (j < 0 || cells[j] === '' || cells[j] === undefined) {
        if (fallback === undefined) throw new InputError(`no '${name}' column and no reference to default it to`, file, row);
        return fallback;
      }
      const v = Number(cells[j]);
      if (!Number.isFinite(v)) throw new InputError(`${name}: expected a number, found "${cells[j]}"`, file, row);
      return v;
    };
    const score = num('score', undefined)!;
    return {
      benchmark: canonicalBenchmark(cells[col('benchmark')]),
      score,
      wbits: num('wbits', reference?.wbits)!,
      kv_bits: num('kv_bits', reference?.kv_bits ?? 16)!,
      max_tiles: num('max_tiles', reference ? reference.max_tiles : undefined),
      keep_ratio: num('keep_ratio', reference?.keep_ratio ?? 1)!,
      policy: col('policy') >= 0 && cells[col('policy')] ? cells[col('policy')] : (reference?.policy ?? ''),
      source: `${file}:${i + 2}`,
    };
  });
}
