/**
 * Benchmarks (npm run bench): cold-start ratios (bench/cold-start.ts), estimates per second in a tight loop, then a 1,036,800-point sweep
 * written to CSV with its Pareto front, wall time and peak RSS (main thread and workers share the
 * process, so the figure covers both). Targets on a 2-core machine: >= 1,000,000 configurations in
 * under 10 s including the front, peak RSS under 500 MB.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../cli/load.js';
import { loadDevice, loadModel } from '../cli/names.js';
import { DEFAULT_SCENARIO_FILE, resolveScenario } from '../core/scenario.js';
import { estimate, newEstimateCache } from '../core/estimate/index.js';
import { runSweep } from '../cli/sweep/run.js';
import { readSweepSpec } from '../cli/sweep/setup.js';
import { coldStart } from './cold-start.js';

// Cold starts first, on an idle machine (median of 11 interleaved rounds).
for (const line of coldStart()) console.log(line);

// The sweep runs first so that the peak RSS is the sweep's own.
let sweepLine = '';
const dir = mkdtempSync(join(tmpdir(), 'mmplan-bench-'));
const out = join(dir, 'sweep.csv');
try {
  const t0 = performance.now();
  const r = await runSweep({ spec: readSweepSpec(join(PACKAGE_ROOT, 'bench', 'sweep-1m.yaml')), out });
  const s = (performance.now() - t0) / 1000;
  const rss = process.resourceUsage().maxRSS / 1024;
  sweepLine = `sweep: ${r.evaluated} configs in ${s.toFixed(2)} s (${Math.round(r.evaluated / s)} configs/s), peak RSS ${Math.round(rss)} MB`;
  console.log(`workers: ${availableParallelism()} (the machine's cores), feasible ${r.feasible.toLocaleString('en-US')}, front ${r.front.length}, CSV ${(statSync(out).size / 1e6).toFixed(0)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function rate(label: string, seconds: number, fn: () => void): void {
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < seconds * 1000) {
    fn();
    n++;
  }
  const s = (performance.now() - t0) / 1000;
  console.log(`${label}: ${Math.round(n / s).toLocaleString('en-US')} per s (${((s / n) * 1e6).toFixed(1)} us each)`);
}

const device = loadDevice('dimensity-9300').value;
const model = loadModel('bluelm-v-3b').value;
const scenario = resolveScenario(model, device, DEFAULT_SCENARIO_FILE).scenario;
rate('estimate (BlueLM-V-3B default, no cache)', 2, () => estimate(device, model, scenario));
const cache = newEstimateCache();
rate('estimate (same scenario, stage cache warm)', 2, () => estimate(device, model, scenario, { cache }));

console.log(sweepLine);
