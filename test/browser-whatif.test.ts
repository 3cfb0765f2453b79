/**
 * The what-if panel as a person uses it, in headless Chromium (Debian's, via playwright-core): the
 * report of examples/bluelm-quant-sweep.yaml opens at the recommended plan, a change of KV bits,
 * tile cap, image size, chunk, ViT batch or quantization recomputes the numbers in the page, and
 * they equal `mmplan estimate --json` for the same choices over the sweep's base scenario: the
 * data-value of every output to a relative 1e-12 (both sides run the same code on the same inputs;
 * the margin only allows for a different V8 in Chromium than in Node, which has not been seen), and
 * its text exactly, as the same rounding of the CLI's number. The plan is drawn on the Pareto chart.
 * Skips with a clear message when no Chromium is found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { writeReport } from '../cli/commands/report.js';
import { choicesToArgs, fieldOf, type WhatIfChoices, type WhatIfInputs } from '../core/whatif.js';
import { formatField } from '../reports/whatif/format.js';
import type { Estimate } from '../core/types.js';
import { CHROMIUM, NO_BROWSER_MESSAGE, openReport } from './browser-helpers.js';
import { ROOT, mmplan } from './cli-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mmplan-whatif-report-'));
const baseFile = join(dir, 'base.yaml');
let report: Awaited<ReturnType<typeof writeReport>>;

beforeAll(async () => {
  // One report for every test here (the PNGs and the validation page are browser-report.test.ts's).
  report = await writeReport(join(ROOT, 'examples/bluelm-quant-sweep.yaml'), join(dir, 'report'), { png: false, validation: false });
  const html = readFileSync(report.index, 'utf8');
  const inputs = JSON.parse(/<script type="application\/json" id="whatif-inputs">([^]*?)<\/script>/.exec(html)![1]) as WhatIfInputs;
  writeFileSync(baseFile, JSON.stringify(inputs.base));
}, 120_000);

type Shown = Record<string, { value: number; text: string }>;
type Api = { __mmplan: { whatif: { ready: boolean; choices: WhatIfChoices; error?: string; updates: number }; charts: Record<string, { data: { datasets: Array<{ label: string; data: Array<{ x: number; y: number }> }> } }> } };

/** Every output of the panel: field -> full value and shown text. */
const outputs = (page: Page): Promise<Shown> =>
  page.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll<HTMLElement>('#what-if [data-metric]')).map((e) => [e.dataset.metric!, { value: e.dataset.value === undefined ? NaN : Number(e.dataset.value), text: e.textContent ?? '' }]),
    ),
  );

const choicesOf = (page: Page) => page.evaluate(() => (window as unknown as Api).__mmplan.whatif.choices);

async function estimateJson(c: WhatIfChoices): Promise<Estimate> {
  const r = await mmplan(['estimate', '--json', '--no-fit-check', '--scenario', baseFile, ...choicesToArgs(c)]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** The panel shows what the CLI prints, field by field (and shows every field the CLI has a score for). */
function expectSame(shown: Shown, e: Estimate) {
  const fields = Object.keys(shown);
  expect(fields).toEqual(expect.arrayContaining(['latency_s.ttft', 'latency_s.vision_encode', 'latency_s.prefill', 'decode_tok_s.mean', 'memory_gb.peak']));
  expect(fields.filter((f) => f.startsWith('quality.')).sort()).toEqual(Object.keys(e.quality ?? {}).map((b) => `quality.${b}.score`).sort());
  for (const f of fields) {
    const want = fieldOf(e, f);
    expect(Number.isFinite(want), f).toBe(true);
    expect(Math.abs(shown[f].value - want), `${f}: page ${shown[f].value}, CLI ${want}`).toBeLessThanOrEqual(1e-12 * Math.abs(want));
    expect(shown[f].text, f).toBe(formatField(f, want));
  }
}

describe.skipIf(!CHROMIUM)('the what-if panel in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[] = [];
  let requests: string[] = [];
  beforeAll(async () => {
    ({ browser, page, consoleErrors, requests } = await openReport(report.index));
    await page.waitForFunction(() => (window as unknown as Api).__mmplan?.whatif?.ready === true, null, { timeout: 30_000 });
  }, 60_000);
  afterAll(async () => browser?.close());

  it('starts at the recommended plan, with its numbers', async () => {
    const c = await choicesOf(page);
    const cfg = report.data.chosen.config;
    expect({ wbits: String(c.wbits), kv_bits: String(c.kv_bits), max_tiles: String(c.max_tiles), chunk: String(c.chunk), vit_batch: String(c.vit_batch) }).toEqual({
      wbits: cfg['llm.wbits'],
      kv_bits: cfg.kv_bits,
      max_tiles: cfg['tiling.max_tiles'],
      chunk: cfg.chunk,
      vit_batch: cfg.vit_batch,
    });
    const shown = await outputs(page);
    const b = report.data.chosen;
    expect(shown['latency_s.ttft'].value).toBeCloseTo(b.latency_s.ttft, 12);
    expect(shown['memory_gb.peak'].value).toBeCloseTo(b.memory_gb.peak, 12);
    expect(shown['decode_tok_s.mean'].value).toBeCloseTo(b.decode_tok_s, 10);
    expectSame(shown, await estimateJson(c));
  });

  it('KV bits and tile cap: the numbers change and equal estimate --json for the same choices', async () => {
    const before = await outputs(page);
    await page.selectOption('#what-if [data-choice="kv_bits"]', '16');
    await page.fill('#what-if [data-choice="max_tiles"]', '6');
    const c = await choicesOf(page);
    expect(c).toMatchObject({ kv_bits: 16, max_tiles: 6 });
    expect(choicesToArgs(c).join(' ')).toMatch(/--kvbits 16 .*--max-tiles 6/);
    const after = await outputs(page);
    for (const f of ['latency_s.ttft', 'latency_s.vision_encode', 'latency_s.prefill', 'memory_gb.peak', 'tokens.image']) expect(after[f].value, f).not.toBe(before[f].value);
    // The recommended plan uses 16 tiles: a cap of 6 loses DocVQA points.
    expect(after['quality.DocVQA_val.score'].value).not.toBe(before['quality.DocVQA_val.score'].value);
    expectSame(after, await estimateJson(c));
    expect(await page.locator('#whatif-command').textContent()).toContain('--kvbits 16');
  });

  it('image size, chunk, ViT batch and a named quantization, too', async () => {
    await page.fill('#what-if [data-choice="image_width"]', '1024');
    await page.fill('#what-if [data-choice="image_height"]', '1024');
    await page.fill('#what-if [data-choice="chunk"]', '256');
    await page.fill('#what-if [data-choice="vit_batch"]', '2');
    await page.selectOption('#what-if [data-choice="weights"]', 'quant:Q4_K_M');
    const c = await choicesOf(page);
    expect(c).toMatchObject({ quant: 'Q4_K_M', images: [{ width: 1024, height: 1024 }], chunk: 256, vit_batch: 2 });
    expect(c.wbits).toBeUndefined();
    expectSame(await outputs(page), await estimateJson(c));
    await page.selectOption('#what-if [data-choice="weights"]', 'bits:3');
    const c3 = await choicesOf(page);
    expect(c3).toMatchObject({ wbits: 3 });
    expectSame(await outputs(page), await estimateJson(c3));
  });

  it('places the plan on the Pareto chart as one more dataset', async () => {
    const shown = await outputs(page);
    const mark = await page.evaluate(() => {
      const ds = (window as unknown as Api).__mmplan.charts.pareto.data.datasets.find((d) => /what-if/.test(d.label));
      return ds?.data;
    });
    // The main Pareto chart plots the objectives (DocVQA against TTFT for this spec): the mark uses its axes.
    const axes = await page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('canvas[data-chart="pareto"]')!;
      return { x: c.dataset.x!, y: c.dataset.y! };
    });
    expect(axes).toEqual({ x: 'latency_s.ttft', y: 'quality.DocVQA_val.score' });
    expect(mark).toEqual([{ x: shown[axes.x].value, y: shown[axes.y].value }]);
  });

  it('a choice that cannot run says why and shows no numbers; a valid one brings them back', async () => {
    await page.fill('#what-if [data-choice="chunk"]', '0');
    expect(await page.locator('#whatif-status').textContent()).toMatch(/Cannot estimate this plan: .*integer >= 1/);
    expect((await outputs(page))['latency_s.ttft'].text).toBe('-');
    await page.fill('#what-if [data-choice="chunk"]', '128');
    expect((await outputs(page))['latency_s.ttft'].text).toMatch(/^\d+\.\d{3} s$/);
  });

  it('logs no errors and loads nothing but the page', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
    expect(requests.filter((u) => u.startsWith('file:'))).toHaveLength(1);
  });
});

if (!CHROMIUM) {
  console.warn(`browser what-if test skipped: ${NO_BROWSER_MESSAGE}`);
  describe('browser what-if test', () => it.skip(NO_BROWSER_MESSAGE, () => {}));
}
