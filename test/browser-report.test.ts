/**
 * The report as a person sees it: opened in headless Chromium (Debian's, via playwright-core),
 * no console errors, no network requests, every chart drawn, the front table filled, and a click
 * on a front point showing its breakdown. Skips with a clear message when no Chromium is found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { writeReport } from '../cli/commands/report.js';
import { isBlank } from '../reports/png.js';
import { CHROMIUM, NO_BROWSER_MESSAGE, launch, openReport } from './browser-helpers.js';
import { ROOT } from './cli-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mmplan-report-'));
let report: Awaited<ReturnType<typeof writeReport>>;

beforeAll(async () => {
  report = await writeReport(join(ROOT, 'examples/bluelm-quant-sweep.yaml'), dir, { force: true });
}, 120_000);

describe('the report files', () => {
  it('writes index.html and non-blank PNG charts, the Pareto one showing the front', async () => {
    expect(statSync(join(dir, 'index.html')).size).toBeGreaterThan(100_000);
    const pngs = readdirSync(join(dir, 'charts'));
    expect(pngs).toContain('pareto.png');
    expect(pngs.length).toBeGreaterThanOrEqual(10);
    for (const p of pngs) expect(isBlank(readFileSync(join(dir, 'charts', p))), p).toBe(false);
    expect(report.data.counts.front).toBeGreaterThan(1);
  });
  it('refuses to overwrite without --force', async () => {
    await expect(writeReport(join(ROOT, 'examples/bluelm-quant-sweep.yaml'), dir, {})).rejects.toThrow(/already holds a report; pass --force/);
  });
  it('embeds chart.js and loads nothing from the network', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
  });
});

describe.skipIf(!CHROMIUM)('in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[] = [];
  let requests: string[] = [];
  beforeAll(async () => {
    ({ browser, page, consoleErrors, requests } = await openReport(join(dir, 'index.html')));
    await page.waitForFunction(() => (window as unknown as { __mmplan?: { ready: boolean } }).__mmplan?.ready === true, null, { timeout: 30_000 });
  }, 60_000);
  afterAll(async () => browser?.close());

  it('shows no console errors and makes no requests besides the page itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
    expect(requests.filter((u) => u.startsWith('file:'))).toHaveLength(1);
  });
  it('draws pixels on every chart canvas', async () => {
    const drawn = await page.evaluate(() =>
      Array.from(document.querySelectorAll('canvas')).map((c) => {
        const ctx = (c as HTMLCanvasElement).getContext('2d')!;
        const { data } = ctx.getImageData(0, 0, c.width, c.height);
        let ink = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) ink++;
        return { id: c.id, ink };
      }),
    );
    expect(drawn.length).toBeGreaterThanOrEqual(12);
    for (const d of drawn) expect(d.ink, d.id).toBeGreaterThan(500);
  });
  it("lists the front's rows in the table", async () => {
    const rows = await page.locator('#front-table tbody tr').count();
    expect(rows).toBe(report.data.front.length);
    expect(rows).toBe(report.data.counts.front);
  });
  it('clicking a front point shows its breakdown', async () => {
    const target = await page.evaluate(() => {
      const w = window as unknown as { __mmplan: { charts: Record<string, { canvas: HTMLCanvasElement; data: { datasets: Array<{ label: string; data: Array<{ index?: number }> }> }; getDatasetMeta: (i: number) => { data: Array<{ x: number; y: number }> } }> } };
      const chart = w.__mmplan.charts['pareto'];
      const di = chart.data.datasets.findIndex((d) => /front/i.test(d.label));
      const el = chart.getDatasetMeta(di).data[0];
      chart.canvas.scrollIntoView({ block: 'center' });
      const r = chart.canvas.getBoundingClientRect();
      const scale = r.width / chart.canvas.width;
      return { x: r.left + el.x * scale, y: r.top + el.y * scale, index: chart.data.datasets[di].data[0].index };
    });
    await page.mouse.move(target.x, target.y);
    await page.mouse.click(target.x, target.y);
    await expect.poll(() => page.locator('#breakdown').getAttribute('data-index')).toBe(String(target.index));
    expect(await page.locator('#breakdown').textContent()).toMatch(/TTFT.*peak memory/s);
    const shots = join(ROOT, 'out');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(dir, 'screenshot.png'), fullPage: false });
    copyFileSync(join(dir, 'screenshot.png'), join(shots, 'report-screenshot.png'));
  });
});

if (!CHROMIUM) {
  console.warn(`browser test skipped: ${NO_BROWSER_MESSAGE}`);
  describe('browser test', () => it.skip(NO_BROWSER_MESSAGE, () => {}));
}

describe('an 8,640-point sweep (nearly three times what a report plots)', () => {
  it('gives a report under 5 MB that says it downsampled, and opens quickly', async () => {
    const big = mkdtempSync(join(tmpdir(), 'mmplan-big-'));
    const r = await writeReport(join(ROOT, 'test/fixtures/sweep-100k.yaml'), big, { png: false, validation: false });
    const size = statSync(r.index).size;
    expect(size).toBeLessThan(5e6);
    expect(r.data.counts.evaluated).toBe(8_640);
    expect(r.data.counts.downsampled).toBe(true);
    const html = readFileSync(r.index, 'utf8');
    expect(html).toMatch(/For display, [\d,]+ of the plans are plotted/);
    if (CHROMIUM) {
      const b = await launch();
      const p = await b.newPage();
      const t0 = Date.now();
      await p.goto(pathToFileURL(r.index).href);
      await p.waitForFunction(() => (window as unknown as { __mmplan?: { ready: boolean } }).__mmplan?.ready === true, null, { timeout: 30_000 });
      const ms = Date.now() - t0;
      await b.close();
      // Generous bound: a loaded CI machine; typically well under a second.
      expect(ms).toBeLessThan(10_000);
    }
  }, 180_000);
});

describe.skipIf(!CHROMIUM)('a quality sweep report', () => {
  it('shows the front with quality and marks each plan measured, interpolated or extrapolated', async () => {
    const qdir = mkdtempSync(join(tmpdir(), 'mmplan-qreport-'));
    const r = await writeReport(join(ROOT, 'examples/bluelm-quality-sweep.yaml'), qdir, { png: false, validation: false });
    expect(r.data.front.every((b) => b.quality?.DocVQA_val !== undefined)).toBe(true);
    const b = await launch();
    const p = await b.newPage();
    await p.goto(pathToFileURL(r.index).href);
    await p.waitForFunction(() => (window as unknown as { __mmplan?: { ready: boolean } }).__mmplan?.ready === true, null, { timeout: 30_000 });
    const head = await p.locator('#front-table thead').textContent();
    expect(head).toContain('DocVQA_val (basis)');
    const body = (await p.locator('#front-table tbody').textContent()) ?? '';
    expect(body).toMatch(/measured|interpolated|prior|extrapolated/);
    // The main Pareto view plots the objectives: DocVQA against TTFT.
    expect(await p.locator('canvas[data-chart="pareto"]').count()).toBe(1);
    expect(r.data.recommendation).toMatch(/knee/);
    await b.close();
  }, 120_000);
});
