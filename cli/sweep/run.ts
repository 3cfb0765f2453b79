/**
 * Running a sweep: split the slice over worker threads (each writes its own part file), join the
 * parts in index order into one output written atomically, compute the Pareto front from the
 * feasible rows' objectives, and re-evaluate the front rows for the summary. Output is identical
 * for any number of workers. An interrupted or failed run removes its temporary files.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { createReadStream, createWriteStream, rmSync, renameSync, statSync } from 'node:fs';
import { kindOf } from '../files.js';
import { pipeline } from 'node:stream/promises';
import { paretoFront } from '../../core/sweep/pareto.js';
import { shardRange } from '../../core/sweep/spec.js';
import { loadSweep, type SpecInput } from './setup.js';
import { recommendPlans } from '../../core/sweep/rank.js';
import { groupKnees } from '../../core/sweep/groups.js';
import type { SweepResult } from '../../core/sweep/result.js';
import { evaluateRange, type RangeResult } from './range.js';
import { csvHeader, lineFor, formatOf, type Format } from './rows.js';
import { assertWritable, tempPath, writeError, writeFileAtomic } from '../write.js';
import { onInterrupt } from '../interrupt.js';
import { loaderOptions, parsedFiles } from '../load.js';
import { loadPriors } from '../quality-input.js';
import { InputError } from '../../core/errors.js';

export type SweepOptions = {
  /** The spec as parsed data (a file read with readSweepSpec, or a spec built in memory). */
  spec: SpecInput;
  profiles?: string;
  /** The user's own measured quality scores (CSV). */
  quality?: string;
  out?: string;
  force?: boolean;
  paretoOnly?: boolean;
  workers?: number;
  shard?: [number, number];
  onProgress?: (done: number, total: number) => void;
};

export type { SweepResult };

const MIN_PER_WORKER = 20_000;

const workerUrl = () => new URL(import.meta.url.endsWith('.ts') ? './worker-tsx.mjs' : './worker.js', import.meta.url);

function runWorker(job: object, onProgress: (done: number) => void, track: Set<Worker>): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    // A capped old generation makes each worker collect before growing, which keeps the peak RSS of a
    // million-row sweep near 400 MB; the working set (modules, data, stage cache) needs ~100 MB.
    const w = new Worker(workerUrl(), { workerData: job, resourceLimits: { maxOldGenerationSizeMb: 256 } });
    track.add(w);
    let settled = false;
    w.on('message', (m: { type: string; done?: number; result?: RangeResult; message?: string; input?: boolean }) => {
      if (m.type === 'progress') onProgress(m.done!);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.result!);
      } else if (m.type === 'error') {
        settled = true;
        const e = m.input ? new InputError(m.message!) : new Error(`sweep worker failed: ${m.message}`);
        reject(e);
      }
    });
    w.on('error', (e) => {
      settled = true;
      reject(new Error(`sweep worker failed: ${e.message}`));
    });
    w.on('exit', (code) => {
      track.delete(w);
      if (!settled) reject(new Error(`sweep worker exited with code ${code} before finishing`));
    });
  });
}

export async function runSweep(opts: SweepOptions): Promise<SweepResult> {
  const setup = loadSweep(opts.spec, opts.profiles, opts.quality);
  const { spec } = setup;
  const range: [number, number] = opts.shard ? shardRange(spec.size, opts.shard[0], opts.shard[1]) : [0, spec.size];
  const total = range[1] - range[0];
  const format: Format | undefined = opts.out ? formatOf(opts.out) : undefined;
  if (opts.out) {
    assertWritable(opts.out, opts.force === true, '--out');
    // The output is renamed into place when complete: a device or pipe cannot be renamed over.
    const st = statSync(opts.out, { throwIfNoEntry: false });
    if (st && !st.isFile()) throw new InputError(`is ${kindOf(st)}; a sweep writes a regular file`, opts.out, '--out');
  }
  const writeAll = opts.out !== undefined && !opts.paretoOnly;
  // Asked-for workers are used as asked; the default spreads only spaces big enough to gain from it.
  const workers = Math.max(1, Math.min(opts.workers ?? Math.min(availableParallelism(), Math.ceil(total / MIN_PER_WORKER)), total));
  const slices: Array<[number, number]> = Array.from({ length: workers }, (_, w) => [range[0] + Math.floor((w * total) / workers), range[0] + Math.floor(((w + 1) * total) / workers)]);
  const parts = slices.map((_, w) => (writeAll ? tempPath(`${opts.out}.part${w}`) : undefined));
  const tmpOut = opts.out ? tempPath(opts.out) : undefined;
  const live = new Set<Worker>();
  const cleanup = () => {
    for (const w of live) void w.terminate();
    for (const p of parts) if (p) rmSync(p, { force: true });
    if (tmpOut) rmSync(tmpOut, { force: true });
  };
  // Ctrl-C, SIGTERM or SIGHUP: workers stop and every temporary file goes (cli/interrupt.ts).
  const unregister = onInterrupt(cleanup);
  try {
    const done = new Array(workers).fill(0);
    const progress = (w: number) => (d: number) => {
      done[w] = d;
      opts.onProgress?.(done.reduce((a, b) => a + b, 0), total);
    };
    let results: RangeResult[];
    // Small spaces run in this thread; anything larger runs in worker threads (even one), which
    // keeps this thread free to handle Ctrl-C and to report progress.
    if (workers === 1 && total <= MIN_PER_WORKER) {
      results = [evaluateRange(setup, slices[0][0], slices[0][1], parts[0] ? { file: parts[0], format: format! } : undefined, progress(0))];
    } else {
      // Workers get the files this thread parsed (profiles, models, the spec; the quality priors when a
      // column needs them) instead of parsing each again.
      if (setup.evaluator.columns.some((c) => c.startsWith('quality.'))) loadPriors();
      const parsed = parsedFiles();
      results = await Promise.all(slices.map(([a, b], w) => runWorker({ spec: opts.spec, out: opts.out, allowImplausible: loaderOptions.allowImplausible, profiles: opts.profiles, quality: opts.quality, start: a, end: b, part: parts[w] ? { file: parts[w], format } : undefined, parsed }, progress(w), live)));
    }
    // Front candidates from every slice, in index order (slices are contiguous and ordered).
    const k = spec.objectives.length;
    const feasible = results.reduce((a, r) => a + r.feasible, 0);
    const idx = new Float64Array(feasible);
    const obj = new Float64Array(feasible * k);
    let off = 0;
    for (const r of results) {
      idx.set(r.index, off);
      obj.set(r.objectives, off * k);
      off += r.feasible;
    }
    const front = paretoFront(obj, feasible, k).map((i) => setup.evaluator.evaluate(idx[i]));
    let written: string | undefined;
    if (opts.out && tmpOut) {
      const out = createWriteStream(tmpOut);
      const header = format === 'csv' ? csvHeader(spec, setup.evaluator.columns) : format === 'json' ? '[\n' : '';
      out.write(header);
      if (writeAll) {
        let wroteAny = false;
        for (const [w, p] of parts.entries()) {
          const empty = results[w].evaluated === 0;
          if (format === 'json' && wroteAny && !empty) out.write(',\n');
          await pipeline(createReadStream(p!), out, { end: false });
          if (!empty) wroteAny = true;
        }
      } else {
        front.forEach((r, i) => out.write(lineFor(format!, spec, setup.evaluator.columns, r, i === 0)));
      }
      if (format === 'json') out.write('\n]\n');
      await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
      renameSync(tmpOut, opts.out);
      written = opts.out;
      // The results describe themselves: merge checks shards against it, and report and chart
      // rebuild the front from the file with the spec kept here (no re-run).
      writeFileAtomic(
        `${opts.out}.meta.json`,
        JSON.stringify({ spec: opts.spec.label, shard: opts.shard ?? [1, 1], range, size: spec.size, objectives: spec.objectives, columns: setup.evaluator.columns, axes: spec.axes.map((a) => a.path), pareto_only: opts.paretoOnly === true, spec_doc: opts.spec.doc }, null, 2),
        { force: true },
      );
    }
    return {
      setup,
      range,
      evaluated: total,
      feasible,
      invalid: results.reduce((a, r) => a + r.invalid, 0),
      notApplicable: results.reduce((a, r) => a + r.notApplicable, 0),
      firstNotApplicable: results.find((r) => r.firstNotApplicable)?.firstNotApplicable,
      firstError: results.find((r) => r.firstError)?.firstError,
      front,
      top: recommendPlans(front, spec.objectives).slice(0, spec.top),
      perGroup: groupKnees(spec, idx, obj, (i) => setup.evaluator.evaluate(i)),
      feasibleIndex: idx,
      feasibleObjectives: obj,
      written,
    };
  } catch (e) {
    throw opts.out ? writeError(e, opts.out) : e;
  } finally {
    cleanup();
    unregister();
  }
}
