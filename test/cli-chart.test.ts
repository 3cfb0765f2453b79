import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mmplan } from './cli-helpers.js';
import { isBlank } from '../reports/png.js';

const tmp = mkdtempSync(join(tmpdir(), 'mmplan-chart-'));

describe('mmplan chart', () => {
  it('draws a chosen chart kind to a non-blank PNG, with selectable Pareto axes', async () => {
    const f = join(tmp, 'front.png');
    const r = (await mmplan(['chart', 'pareto', '--x', 'decode_tok_s.mean', '--y', 'memory_gb.peak', '--out', f]));
    expect(r.code, r.stderr).toBe(0);
    const png = readFileSync(f);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(isBlank(png)).toBe(false);
  });
  it('rejects an unknown field or kind with exit 2', async () => {
    expect((await mmplan(['chart', 'pareto', '--x', 'nope', '--out', join(tmp, 'x.png')])).stderr).toMatch(/--x: unknown field 'nope'/);
    expect((await mmplan(['chart', 'piechart', '--out', join(tmp, 'y.png')])).code).toBe(2);
  });
});
