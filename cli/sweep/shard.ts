/**
 * Which slice of a sweep this process runs: `--shard i/n`, or `--shard auto` (`auto/n`) to read the
 * index from the job-array variable the scheduler sets, so one command line serves every task:
 *
 * | scheduler | index (as set) | count |
 * |---|---|---|
 * | Slurm job arrays | SLURM_ARRAY_TASK_ID (from SLURM_ARRAY_TASK_MIN) | SLURM_ARRAY_TASK_COUNT |
 * | Kubernetes Indexed Jobs | JOB_COMPLETION_INDEX (0-based) | not exported: auto/n or MMPLAN_SHARD_COUNT |
 * | AWS Batch array jobs | AWS_BATCH_JOB_ARRAY_INDEX (0-based) | not exported: auto/n or MMPLAN_SHARD_COUNT |
 * | GNU parallel | PARALLEL_SEQ (1-based) | not exported: auto/n or MMPLAN_SHARD_COUNT |
 *
 * (Slurm: sbatch(1) "OUTPUT ENVIRONMENT VARIABLES"; Kubernetes: "Indexed Job for Parallel
 * Processing with Static Work Assignment"; AWS Batch user guide "Array jobs"; GNU parallel(1)
 * "$PARALLEL_SEQ".) Pure: the caller passes the environment.
 */
import { InputError } from '../../core/errors.js';

export type Env = Record<string, string | undefined>;
/** 1-based shard index and shard count, as `--shard i/n` writes them. */
export type Shard = [index: number, count: number];

const int = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : undefined);

/** The scheduler's index (made 1-based) and count, from the first scheduler whose variable is set. */
function fromScheduler(env: Env): { index: number; count?: number; from: string } | undefined {
  const slurm = int(env.SLURM_ARRAY_TASK_ID);
  if (slurm !== undefined) return { index: slurm - (int(env.SLURM_ARRAY_TASK_MIN) ?? 0) + 1, count: int(env.SLURM_ARRAY_TASK_COUNT), from: 'SLURM_ARRAY_TASK_ID' };
  for (const v of ['JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX']) {
    const i = int(env[v]);
    if (i !== undefined) return { index: i + 1, from: v };
  }
  const seq = int(env.PARALLEL_SEQ);
  if (seq !== undefined) return { index: seq, from: 'PARALLEL_SEQ' };
  return undefined;
}

export function parseShard(s: string | undefined, env: Env): Shard | undefined {
  if (s === undefined) return undefined;
  const auto = /^auto(?:\/(\d+))?$/.exec(s);
  if (auto) {
    const sched = fromScheduler(env);
    if (!sched) throw new InputError('--shard auto found no job-array index (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX or PARALLEL_SEQ); give --shard i/n', undefined, '--shard');
    const count = int(auto[1]) ?? int(env.MMPLAN_SHARD_COUNT) ?? sched.count;
    if (count === undefined) throw new InputError(`${sched.from} gives the index but not the number of shards: write --shard auto/N (or set MMPLAN_SHARD_COUNT)`, undefined, '--shard');
    if (sched.index < 1 || sched.index > count) throw new InputError(`${sched.from} makes this shard ${sched.index} of ${count}, outside 1..${count}`, undefined, '--shard');
    return [sched.index, count];
  }
  const m = /^(\d+)\/(\d+)$/.exec(s);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new InputError(`expected i/n with 1 <= i <= n, or auto (auto/n), found "${s}"`, undefined, '--shard');
  return [Number(m[1]), Number(m[2])];
}

/** `--out results/part-{shard}.csv` names each shard's file: `part-3-of-8.csv`. */
export function shardOut(out: string | undefined, shard: Shard | undefined): string | undefined {
  if (out === undefined || !out.includes('{shard}')) return out;
  if (!shard) throw new InputError('--out has {shard} but no --shard is given', undefined, '--out');
  return out.replaceAll('{shard}', `${shard[0]}-of-${shard[1]}`);
}
