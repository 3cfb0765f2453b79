/**
 * Cold start: the wall time of a fresh `mmplan` process against a bare `node -e 0`, side by side
 * (the runs interleave, so machine noise hits all alike), as a ratio of medians. Targets (issue 17):
 * `estimate --json` within 6x the bare start, `--help` within 4x.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../cli/load.js';

type Probe = { label: string; args: string[]; target?: number };

const BIN = join(PACKAGE_ROOT, 'bin', 'mmplan.js');
const PROBES: Probe[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'mmplan --version', args: [BIN, '--version'] },
  { label: 'mmplan --help', args: [BIN, '--help'], target: 4 },
  { label: 'mmplan estimate --json', args: [BIN, 'estimate', '--json'], target: 6 },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median wall seconds of each probe over `rounds` interleaved rounds (one warm-up round first). */
export function coldStart(rounds = 11): string[] {
  const times = PROBES.map(() => [] as number[]);
  for (let r = -1; r < rounds; r++) {
    PROBES.forEach((p, i) => {
      const t0 = performance.now();
      const res = spawnSync(process.execPath, p.args, { stdio: ['ignore', 'ignore', 'inherit'] });
      if (res.status !== 0) throw new Error(`${p.label} exited with ${res.status}`);
      if (r >= 0) times[i].push((performance.now() - t0) / 1000);
    });
  }
  const base = median(times[0]);
  return PROBES.map((p, i) => {
    const m = median(times[i]);
    const ratio = m / base;
    const verdict = p.target ? ` (target <= ${p.target}x: ${ratio <= p.target ? 'met' : 'MISSED'})` : '';
    return `cold start ${p.label.padEnd(24)} ${(m * 1000).toFixed(0).padStart(5)} ms  ${ratio.toFixed(1)}x bare node${verdict}`;
  });
}
