/**
 * A report as files: the HTML page and (optionally) every chart as a PNG beside it, returned as
 * bytes with their paths relative to the report folder. The caller writes them (atomically).
 */
import { chartFor } from './charts/index.js';
import { reportCharts } from './chart-list.js';
import { renderHtml, type ChartSet } from './html.js';
import { renderPng } from './png.js';
import type { ReportData } from './types.js';

export type ReportFile = { path: string; content: string | Uint8Array };

export async function renderReport(data: ReportData, opts: { png?: boolean } = {}): Promise<ReportFile[]> {
  const files: ReportFile[] = [];
  const charts: ChartSet = {};
  for (const c of reportCharts(data)) {
    const config = chartFor(c.request, data);
    charts[c.key] = { title: c.title, config };
    if (opts.png !== false) {
      const path = `charts/${c.key}.png`;
      files.push({ path, content: await renderPng(config, { width: 1000, height: 560 }) });
      charts[c.key].png = path;
    }
  }
  files.push({ path: 'index.html', content: renderHtml(data, charts) });
  return files;
}
