/** One flag vocabulary (issue 17): the deployment flags of estimate also drive compare-tiling, chart and report. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mmplan, parseCsv, ROOT, hasStackTrace } from './cli-helpers.js';
import { reportDataFor } from '../cli/commands/report.js';

describe('the shared scenario flags', () => {
  it('are in the help of estimate, compare-tiling, chart and report', async () => {
    for (const cmd of [['estimate'], ['compare-tiling'], ['chart', 'latency'], ['report']]) {
      const help = (await mmplan([...cmd, '--help'])).stdout;
      for (const f of ['--device', '--model', '--engine', '--wbits', '--kv-bits', '--chunk', '--vit-batch', '--quant']) expect(help, `${cmd[0]} ${f}`).toContain(f);
    }
  });
  it('compare-tiling: the flags reach every policy row (--wbits changes prefill), and --csv has one row per policy', async () => {
    const run = async (bits: string) => {
      const r = await mmplan(['compare-tiling', '--image', '1920x1080', '--model', 'internvl2-2b', '--device', 'snapdragon-8-gen-3', '--wbits', bits, '--csv']);
      expect(r.code, r.stderr).toBe(0);
      const [h, ...rows] = parseCsv(r.stdout.trimEnd());
      return { h, rows };
    };
    const w4 = await run('4');
    const w16 = await run('16');
    expect(w4.h).toEqual(['policy', 'cols', 'rows', 'thumbnail', 'encoder_images', 'tokens', 'vision_encode_s', 'prefill_s', 'ttft_s', 'error']);
    expect(w4.rows.length).toBeGreaterThan(20);
    const prefill = (t: { h: string[]; rows: string[][] }) => Number(t.rows.find((r) => r[0] === 'internvl_dynamic')![t.h.indexOf('prefill_s')]);
    expect(prefill(w16)).toBeGreaterThan(prefill(w4));
  });
  it('report and chart: the flags move the base of the sweep (a scenario file here)', async () => {
    const { result } = await reportDataFor(join(ROOT, 'examples', 'bluelm-v3b-d9300.yaml'), { validation: false, flags: { device: 'snapdragon-8-gen-3' } });
    const chosen = result.setup.evaluator.estimateAt((result.top[0] ?? result.front[0]).index);
    expect(chosen.device.id).toBe('snapdragon-8-gen-3');
  });
  it('constraints nothing meets are the user\'s input: one line, exit 2', async () => {
    const r = await mmplan(['chart', 'latency', '--device', 'Pixel 9 Pro', '--wbits', '4', '--out', join(ROOT, '.never-written.png')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/constraints: none of the 3,840 configurations meets them/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
  it('tiles --max-tiles cuts the grid estimate --max-tiles cuts', async () => {
    const t = JSON.parse((await mmplan(['tiles', '--model', 'internvl2-2b', '--image', '1920x1080', '--max-tiles', '4', '--json'])).stdout);
    const e = JSON.parse((await mmplan(['estimate', '--model', 'internvl2-2b', '--image', '1920x1080', '--max-tiles', '4', '--json'])).stdout);
    expect([t.cols, t.rows]).toEqual(e.tiles.grid);
    expect(t.tokens).toBe(e.tokens.image);
    expect(t.cols * t.rows).toBeLessThanOrEqual(4);
  });
});
