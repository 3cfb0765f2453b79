/** `--shard auto` reads the job-array index each scheduler sets; `{shard}` names the part; merge takes a folder. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseShard, shardOut } from '../cli/sweep/shard.js';
import { mmplan, mmplanSpawn, ROOT } from './cli-helpers.js';

describe('parseShard', () => {
  it('i/n as written', () => expect(parseShard('3/8', {})).toEqual([3, 8]));
  it('Slurm: index from SLURM_ARRAY_TASK_ID less SLURM_ARRAY_TASK_MIN, count from SLURM_ARRAY_TASK_COUNT', () => {
    expect(parseShard('auto', { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '8' })).toEqual([1, 8]);
    expect(parseShard('auto', { SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '8' })).toEqual([8, 8]);
  });
  it('Kubernetes, AWS Batch (0-based) and GNU parallel (1-based), with the count written as auto/n or MMPLAN_SHARD_COUNT', () => {
    expect(parseShard('auto/8', { JOB_COMPLETION_INDEX: '0' })).toEqual([1, 8]);
    expect(parseShard('auto/4', { AWS_BATCH_JOB_ARRAY_INDEX: '3' })).toEqual([4, 4]);
    expect(parseShard('auto', { PARALLEL_SEQ: '2', MMPLAN_SHARD_COUNT: '5' })).toEqual([2, 5]);
  });
  it('says what is missing', () => {
    expect(() => parseShard('auto', {})).toThrow(/found no job-array index/);
    expect(() => parseShard('auto', { JOB_COMPLETION_INDEX: '2' })).toThrow(/JOB_COMPLETION_INDEX gives the index but not the number of shards: write --shard auto\/N/);
    expect(() => parseShard('auto/4', { JOB_COMPLETION_INDEX: '4' })).toThrow(/shard 5 of 4, outside 1..4/);
    expect(() => parseShard('0/3', {})).toThrow(/expected i\/n/);
  });
  it('{shard} in --out names the part', () => {
    expect(shardOut('r/part-{shard}.csv', [3, 8])).toBe('r/part-3-of-8.csv');
    expect(shardOut('r/all.csv', [3, 8])).toBe('r/all.csv');
    expect(() => shardOut('r/part-{shard}.csv', undefined)).toThrow(/no --shard/);
  });
});

describe('a job array end to end: three tasks with --shard auto, merged from their folder', () => {
  it('equals the single run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmplan-array-'));
    const spec = join(ROOT, 'examples', 'bluelm-quant-sweep.yaml');
    for (const i of [1, 2, 3]) {
      const r = mmplanSpawn(['sweep', spec, '--shard', 'auto', '--out', join(dir, 'part-{shard}.csv')], { env: { SLURM_ARRAY_TASK_ID: String(i), SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '3' } });
      expect(r.code, r.stderr).toBe(0);
    }
    const m = await mmplan(['merge', dir, '--out', join(dir, 'all.csv')]);
    expect(m.code, m.stderr).toBe(0);
    const full = join(dir, 'full.csv');
    expect((await mmplan(['sweep', spec, '--out', full])).code).toBe(0);
    expect(readFileSync(join(dir, 'all.csv'), 'utf8')).toBe(readFileSync(full, 'utf8'));
  }, 60_000);
});
