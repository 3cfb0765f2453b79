/**
 * A report built from hostile input files must show their text as text: no script from a model
 * or device name runs, nothing is loaded from the network.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { writeReport } from '../cli/commands/report.js';
import { CHROMIUM, launch } from './browser-helpers.js';
import { ROOT } from './cli-helpers.js';

const EVIL = `</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><!-- \u2028 &amp; '"`;
const dir = mkdtempSync(join(tmpdir(), 'mmplan-hostile-'));
let index = '';

beforeAll(async () => {
  const model = parse(readFileSync(join(ROOT, 'models/bluelm-v-3b.yaml'), 'utf8'));
  model.name = `BlueLM ${EVIL}`;
  model.notes = EVIL;
  model.source = `https://example.invalid/${EVIL}`;
  writeFileSync(join(dir, 'evil-model.yaml'), stringify(model));
  const device = parse(readFileSync(join(ROOT, 'device-profiles/dimensity-9300.yaml'), 'utf8'));
  device.name = `Phone ${EVIL}`;
  writeFileSync(join(dir, 'evil-device.yaml'), stringify(device));
  writeFileSync(
    join(dir, 'spec.yaml'),
    stringify({
      name: `sweep ${EVIL}`,
      base: { model: join(dir, 'evil-model.yaml'), device: join(dir, 'evil-device.yaml'), images: ['768x1536'], prompt_tokens: 100 },
      axes: { 'llm.wbits': [4, 8], chunk: [64, 128] },
      objectives: ['min latency_s.ttft', 'min memory_gb.peak'],
    }),
  );
  const r = await writeReport(join(dir, 'spec.yaml'), join(dir, 'report'), { validation: false });
  index = r.index;
}, 120_000);

describe('a report from hostile files', () => {
  it('escapes the text in the HTML and keeps embedded JSON inert', () => {
    const html = readFileSync(index, 'utf8');
    expect(html).not.toContain('<script>window.__pwned');
    expect(html).not.toContain('<img src=x onerror');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    // Inside the JSON data blocks "<" is \u003c, so "</script>" cannot close them.
    const json = html.slice(html.indexOf('id="report-data">'), html.indexOf('</script>', html.indexOf('id="report-data">')));
    expect(json).not.toMatch(/<\/?script/i);
    expect(json).toContain('\\u003c/script\\u003e');
  });
});

describe.skipIf(!CHROMIUM)('opened in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const requests: string[] = [];
  beforeAll(async () => {
    browser = await launch();
    page = await browser.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(index).href);
    await page.waitForFunction(() => (window as unknown as { __mmplan?: { ready: boolean } }).__mmplan?.ready === true, null, { timeout: 30_000 });
  }, 60_000);
  afterAll(async () => browser?.close());

  it('runs no script from the input and shows the names as text', async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('h1').textContent()).toContain('</script><script>window.__pwned=1</script>');
  });
  it('loads nothing but the page', () => {
    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
  });
});
