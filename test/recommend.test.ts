/**
 * The planner's answer: the recommendation is the front's knee (not its fastest corner), a sweep
 * over several devices recommends one plan per device, and a report from merged shard results gives
 * the same front and recommendation as the report of the spec itself.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { kneePlan, QUALITY_TOLERANCE } from '../core/sweep/rank.js';
import type { SweepRow } from '../core/sweep/evaluate.js';
import type { Objective } from '../core/sweep/spec.js';
import { runSweep } from '../cli/sweep/run.js';
import { mergeShards } from '../cli/sweep/merge.js';
import { reportDataFor } from '../cli/commands/report.js';

const row = (index: number, objectives: number[]): SweepRow => ({ index, digits: [], values: [], status: 'ok', feasible: true, metrics: [], objectives });

describe('the knee of a front', () => {
  const objectives: Objective[] = [
    { field: 'latency_s.ttft', sense: 'min' },
    { field: 'quality.DocVQA.score', sense: 'max' },
  ];
  // (TTFT, -score): the fastest plan scores 60, the best 86; 85 at 2.1 s is within 2% of 86.
  const front = [row(0, [0.9, -60]), row(1, [1.5, -78]), row(2, [2.1, -85]), row(3, [4.8, -86])];
  it(`takes the fastest plan within ${QUALITY_TOLERANCE * 100}% of the best quality, not the fastest plan`, () => {
    expect(kneePlan(front, objectives)!.index).toBe(2);
  });
  it('without a quality objective, the plan closest to the best of every objective', () => {
    const mins: Objective[] = [
      { field: 'latency_s.ttft', sense: 'min' },
      { field: 'memory_gb.peak', sense: 'min' },
    ];
    expect(kneePlan([row(0, [1, 10]), row(1, [2, 3]), row(2, [9, 1])], mins)!.index).toBe(1);
  });
});

describe('results files and groups', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmplan-rec-'));
  const spec = join(dir, 'spec.yaml');
  writeFileSync(
    spec,
    stringify({
      name: 'small',
      base: { model: 'bluelm-v-3b', images: ['768x1536'], prompt_tokens: 284, output_tokens: 64 },
      axes: { device: ['dimensity-9300', 'snapdragon-8-gen-3'], 'llm.wbits': [3, 4], kv_bits: [4, 16], 'tiling.max_tiles': [1, 4, 9] },
      constraints: ['memory_gb.peak <= device.usable'],
      objectives: ['min latency_s.ttft', 'max quality.DocVQA_val.score'],
    }),
  );
  it('shard -> merge -> report gives the same front and recommendation as the report of the spec', async () => {
    const doc = { doc: (await import('yaml')).parse((await import('node:fs')).readFileSync(spec, 'utf8')), label: spec };
    await runSweep({ spec: doc, shard: [1, 2], out: join(dir, 'p1.csv') });
    await runSweep({ spec: doc, shard: [2, 2], out: join(dir, 'p2.csv') });
    await mergeShards([join(dir, 'p1.csv'), join(dir, 'p2.csv')], join(dir, 'merged.csv'));
    const a = await reportDataFor(spec, { validation: false });
    const b = await reportDataFor(join(dir, 'merged.csv'), { validation: false });
    expect(b.result.front.map((r) => r.index).sort((x, y) => x - y)).toEqual(a.result.front.map((r) => r.index).sort((x, y) => x - y));
    expect(b.data.chosen.config).toEqual(a.data.chosen.config);
    expect(b.data.ship).toEqual(a.data.ship);
    // Two devices: one recommendation each, and the title names neither device alone.
    expect(a.data.ship.map((s) => s.group.device).sort()).toEqual(['dimensity-9300', 'snapdragon-8-gen-3']);
    expect(a.data.title).toMatch(/2 devices/);
    expect(a.data.recommendation).toMatch(/knee/);
  }, 60_000);
});
