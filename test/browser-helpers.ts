/** Headless Chromium (Debian's, driven by playwright-core; no browser download). */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));

export const NO_BROWSER_MESSAGE = 'no Chromium found: install it (Debian: apt-get install -y chromium) to run the browser tests; .ci/run installs it';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A report opened in a fresh browser, with its console errors and requests recorded (a page must
 * show none of the first and make none but its own file's).
 */
export async function openReport(file: string): Promise<{ browser: Browser; page: Page; consoleErrors: string[]; requests: string[] }> {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  return { browser, page, consoleErrors, requests };
}
