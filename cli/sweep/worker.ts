/** A sweep worker thread: evaluates its slice of the space and reports counts and front candidates. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadSweep, type SpecInput } from './setup.js';
import { evaluateRange } from './range.js';
import type { Format } from './rows.js';
import { InputError } from '../../core/errors.js';
import { writeError } from '../write.js';
import { loaderOptions, primeParsedFiles, type parsedFiles } from '../load.js';

type Job = { spec: SpecInput; out?: string; allowImplausible?: boolean; profiles?: string; quality?: string; start: number; end: number; part?: { file: string; format: Format }; parsed?: ReturnType<typeof parsedFiles> };
const job = workerData as Job;
// The command line's loader settings, as the main thread has them, and the files it has parsed.
loaderOptions.allowImplausible = job.allowImplausible === true;
if (job.parsed) primeParsedFiles(job.parsed);
try {
  const setup = loadSweep(job.spec, job.profiles, job.quality);
  // Fault injection for tests: a worker that dies must fail the sweep with its error, not hang it.
  if (process.env.MMPLAN_FAULT_WORKER === 'throw') throw new Error('injected worker fault (MMPLAN_FAULT_WORKER=throw)');
  if (process.env.MMPLAN_FAULT_WORKER === 'exit') process.exit(3);
  const r = evaluateRange(setup, job.start, job.end, job.part, (done) => parentPort!.postMessage({ type: 'progress', done }));
  parentPort!.postMessage({ type: 'done', result: r }, [r.index.buffer as ArrayBuffer, r.objectives.buffer as ArrayBuffer]);
} catch (e) {
  // Classes do not cross threads: say whether it was the user's input (a full disk writing the
  // output counts: it is about the user's machine, not a bug).
  const err = job.out ? writeError(e, job.out) : (e as Error);
  parentPort!.postMessage({ type: 'error', message: err instanceof InputError ? err.line : err.message, input: err instanceof InputError });
}
