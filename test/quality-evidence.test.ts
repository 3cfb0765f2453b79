/** The shipped quality evidence: sourced, reproduced exactly, and never rewarding fewer resources. */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadQuality, QUALITY_DIR } from '../cli/quality-input.js';
import { predictQuality, QUALITY_FACTORS, type QualityConfig } from '../core/quality.js';
import { listIds } from '../cli/load.js';
import { mmplan, ROOT } from './cli-helpers.js';

const ids = readdirSync(QUALITY_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5));

describe('shipped quality evidence', () => {
  it('covers the models the issue names, each a model of the zoo', async () => {
    for (const id of ['bluelm-v-3b', 'internvl2-2b', 'internvl2-8b', 'mini-monkey', 'minicpm-v-2.6', 'qwen2-vl-2b', 'internlm-xcomposer2-4khd-7b']) expect(ids).toContain(id);
    for (const id of ids) expect(listIds('model')).toContain(id);
  });
  for (const id of ids) {
    const ev = loadQuality(id)!;
    const ref: QualityConfig = { ...ev.reference };
    it(`${id}: reproduces every reference score and every absolute evidence point exactly`, async () => {
      const atRef = predictQuality(ev, ref);
      for (const [b, bench] of Object.entries(ev.benchmarks)) {
        expect(atRef[b]).toMatchObject({ score: bench.reference.score, basis: 'measured' });
        for (const f of QUALITY_FACTORS) {
          const c = bench.factors[f];
          if (!c || c.relative) continue;
          for (const p of c.points) {
            const r = predictQuality(ev, { ...ref, [f]: p.value })[b];
            expect(r.score, `${b} ${f}=${p.value}`).toBe(p.score);
            expect(r.basis).toBe('measured');
          }
        }
      }
    });
    it(`${id}: more bits or more tiles never lower a score where the evidence rises`, async () => {
      for (const [b, bench] of Object.entries(ev.benchmarks)) {
        for (const f of ['wbits', 'max_tiles'] as const) {
          const c = bench.factors[f];
          if (!c || ev.reference[f] === null) continue;
          const pts = [...c.points].sort((x, y) => (x.value as number) - (y.value as number));
          const monotone = pts.every((p, i) => i === 0 || p.score >= pts[i - 1].score);
          if (!monotone) continue; // the evidence itself says more is not always better
          const grid = f === 'wbits' ? [1, 2, 3, 4, 5, 6, 8, 12, 16] : [1, 2, 3, 4, 6, 9, 12, 16, 25, 36, 55, 80];
          const scores = grid.map((v) => predictQuality(ev, { ...ref, [f]: v })[b].score);
          for (let i = 1; i < scores.length; i++) expect(scores[i], `${id} ${b} ${f}`).toBeGreaterThanOrEqual(scores[i - 1] - 1e-9);
        }
      }
    });
  }
});

describe('quality in estimates and sweeps', () => {
  it('estimate --json carries quality with basis and sources', async () => {
    const e = JSON.parse((await mmplan(['estimate', '--model', 'qwen2-vl-2b', '--image', '1280x720', '--wbits', '4', '--kvbits', '16', '--prompt-tokens', '64', '--json'])).stdout);
    expect(e.quality.DocVQA_val).toMatchObject({ basis: 'measured', uncertainty: 0 });
    expect(e.quality.DocVQA_val.sources.length).toBeGreaterThan(0);
    // An 8-bit KV cache was never evaluated on this model: the KV-cache studies' effect, with its uncertainty.
    const k = JSON.parse((await mmplan(['estimate', '--model', 'qwen2-vl-2b', '--image', '1280x720', '--wbits', '4', '--kvbits', '8', '--prompt-tokens', '64', '--json'])).stdout);
    expect(k.quality.DocVQA_val.basis).toBe('prior');
    expect(k.quality.DocVQA_val.uncertainty).toBeGreaterThan(0);
  });
  it('a bits x tiles sweep for BlueLM-V-3B gives a 3-D front that trades quality for speed', async () => {
    const r = JSON.parse((await mmplan(['sweep', join(ROOT, 'examples/bluelm-quality-sweep.yaml'), '--json'])).stdout);
    expect(r.objectives).toHaveLength(3);
    expect(r.front_size).toBeGreaterThan(2);
    const q = r.front.map((p: { metrics: Record<string, number> }) => p.metrics['quality.DocVQA_val.score']);
    const t = r.front.map((p: { metrics: Record<string, number> }) => p.metrics['latency_s.ttft']);
    // The front spans a real trade-off: its best-quality plan is not its fastest.
    expect(Math.max(...q)).toBeGreaterThan(Math.min(...q));
    expect(t[q.indexOf(Math.max(...q))]).toBeGreaterThan(Math.min(...t));
  });
});
