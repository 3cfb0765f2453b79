/**
 * A report as files: the HTML page and (optionally) every chart as a PNG beside it, returned as
 * bytes with their paths relative to the report folder. The caller writes them (atomically).
 */
import { chartFor } from './charts/index.js';
import { reportCharts } from './chart-list.js';
import { renderHtml, type ChartSet, type WhatIfPanel } from './html.js';
import { renderPng } from './png.js';
import type { ReportData } from './types.js';

export type ReportFile = { path: string; content: string | Uint8Array };

/** `whatif`: the what-if panel's inputs and script (cli/whatif.ts); without it the page has no panel. */
export async function renderReport(data: ReportData, opts: { png?: boolean; whatif?: WhatIfPanel } = {}): Promise<ReportFile[]> {
  const files: ReportFile[] = [];
  const charts: ChartSet = {};
  for (const c of reportCharts(data)) {
    const config = chartFor(c.request, data);
    charts[c.key] = { title: c.title, config };
    // The fields a Pareto chart plots, so the what-if panel can place its plan on it.
    if (c.request.kind === 'pareto') charts[c.key].fields = { x: c.request.x ?? 'memory_gb.peak', y: c.request.y ?? 'latency_s.ttft' };
    if (opts.png !== false) {
      const path = `charts/${c.key}.png`;
      files.push({ path, content: await renderPng(config, { width: 1000, height: 560 }) });
      charts[c.key].png = path;
    }
  }
  files.push({ path: 'index.html', content: renderHtml(data, charts, opts.whatif) });
  return files;
}
