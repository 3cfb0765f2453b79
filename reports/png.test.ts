import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import type { ChartConfiguration } from 'chart.js';
import { CHART_KINDS, chartFor, chartRequest } from './charts/index.js';
import { gridPath } from './charts/tiles.js';
import { chartFont, isBlank, renderPng } from './png.js';
import type { ReportData } from './types.js';

const data: ReportData = JSON.parse(readFileSync(new URL('../test/fixtures/report-data.json', import.meta.url), 'utf8'));
const noValidation: ReportData = { ...data, validation: undefined };
/** The fixture's plans with energy and thermal figures (the fixture predates them): plan i uses i+1, i+2, i+3 J; half throttle. */
const withPower = (p: ReportData['chosen'], i: number) => ({ ...p, energy_j: { encode: i + 1, prefill: i + 2, decode: i + 3, query: 3 * i + 6 }, sustained: { throttle_at_s: i % 2 ? null : 120 + 60 * i, throttled_factor: 0.75 } });
const withEnergy: ReportData = { ...data, front: data.front.map(withPower), chosen: withPower(data.chosen, data.front.findIndex((p) => p.index === data.chosen.index)) };

// Every kind, and the variants a report draws. MMPLAN_CHART_DIR=dir also keeps the PNGs there to look at.
const CASES: Array<{ name: string; kind: string; data?: ReportData; opts?: Record<string, unknown> }> = [
  { name: 'pareto', kind: 'pareto' },
  { name: 'pareto-decode', kind: 'pareto', opts: { x: 'memory_gb.peak', y: 'decode_tok_s.mean' } },
  { name: 'pareto-encode', kind: 'pareto', opts: { x: 'decode_tok_s.mean', y: 'latency_s.ttft' } },
  { name: 'latency', kind: 'latency' },
  { name: 'memory', kind: 'memory' },
  { name: 'energy', kind: 'energy', data: withEnergy },
  { name: 'sustained', kind: 'sustained', data: withEnergy },
  { name: 'roofline', kind: 'roofline' },
  { name: 'sensitivity-decode', kind: 'sensitivity', opts: { metric: 'decode_tok_s.mean' } },
  { name: 'sensitivity-ttft', kind: 'sensitivity', opts: { metric: 'latency_s.ttft' } },
  { name: 'sensitivity-memory', kind: 'sensitivity', opts: { metric: 'memory_gb.peak' } },
  { name: 'tiles', kind: 'tiles' },
  { name: 'validation-scatter', kind: 'validation-scatter' },
  { name: 'validation-errors', kind: 'validation-errors' },
  { name: 'validation-scatter-none', kind: 'validation-scatter', data: noValidation },
  { name: 'validation-errors-none', kind: 'validation-errors', data: noValidation },
];

const outDir = mkdtempSync(join(tmpdir(), 'mmplan-charts-'));
const keepDir = process.env.MMPLAN_CHART_DIR;
if (keepDir) mkdirSync(keepDir, { recursive: true });

/** Paths of every function (or non-finite number, which JSON turns into null) inside `v`. */
function notJson(v: unknown, path = '$'): string[] {
  if (typeof v === 'function') return [path];
  if (typeof v === 'number' && !Number.isFinite(v)) return [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => notJson(x, `${path}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => notJson(x, `${path}.${k}`));
  return [];
}

type XY = { x: number; y: number; index?: number };
const dataset = (c: ChartConfiguration, label: string) => c.data.datasets.find((d) => d.label === label);
const xs = (d: { data: unknown[] } | undefined) => (d?.data ?? []) as XY[];

describe('chart configurations', () => {
  it('covers every chart kind', () => {
    expect(new Set(CASES.map((c) => c.kind))).toEqual(new Set(CHART_KINDS));
  });

  it.each(CASES)('$name is plain JSON: no functions, no NaN, survives a JSON round trip', ({ kind, data: d, opts }) => {
    const c = chartFor(chartRequest(kind, opts), d ?? data);
    expect(notJson(c)).toEqual([]);
    expect(JSON.parse(JSON.stringify(c))).toStrictEqual(c);
    expect(c.options?.responsive).toBeUndefined(); // set by the renderer, not the config
  });

  it('pareto: the front dataset holds exactly the front points, sorted by x', () => {
    for (const opts of [{}, { x: 'decode_tok_s.mean', y: 'latency_s.ttft' }]) {
      const c = chartFor(chartRequest('pareto', opts), data);
      const front = xs(dataset(c, 'Pareto front'));
      const expected = data.points.filter((p) => p.front).map((p) => p.index);
      expect(front.map((p) => p.index).sort()).toEqual([...expected].sort());
      for (let i = 1; i < front.length; i++) expect(front[i].x).toBeGreaterThanOrEqual(front[i - 1].x);
    }
  });

  it('pareto: dataset 0 is the other plans, the chosen plan is a star, limits are dashed 2-point lines', () => {
    const c = chartFor(chartRequest('pareto'), data);
    expect(c.data.datasets[0].label).toBe('all evaluated plans');
    const chosen = c.data.datasets.find((d) => d.label?.startsWith('chosen plan'));
    expect(chosen).toMatchObject({ pointStyle: 'star' });
    expect(xs(chosen)[0].index).toBe(data.chosen.index);
    const ttft = dataset(c, 'TTFT limit 6 s') as { data: XY[]; borderDash?: number[] } | undefined;
    expect(ttft?.data.map((p) => p.y)).toEqual([6, 6]);
    expect(ttft?.borderDash?.length).toBeGreaterThan(0);
    // usable memory (10.3 GB) is far right of plans at 2-4 GB: named in the legend, not drawn
    expect(xs(c.data.datasets.find((d) => d.label?.startsWith('usable memory')))).toEqual([]);
  });

  it('latency and memory: one bar per selected front plan, the chosen one marked', () => {
    for (const kind of ['latency', 'memory']) {
      const c = chartFor(chartRequest(kind, { plans: 5 }), data);
      expect(c.data.labels).toHaveLength(5);
      expect(c.data.labels?.filter((l) => String(l).endsWith('(chosen)'))).toHaveLength(1);
    }
    const mem = chartFor(chartRequest('memory'), data);
    const usable = mem.data.datasets.find((d) => d.label?.startsWith('usable memory'));
    expect(usable?.data).toEqual(mem.data.labels?.map(() => data.usable_gb));
  });

  it('sensitivity: bars sorted by span, widest first, one per axis of the metric', () => {
    for (const metric of ['decode_tok_s.mean', 'latency_s.ttft', 'memory_gb.peak']) {
      const c = chartFor(chartRequest('sensitivity', { metric }), data);
      const bars = c.data.datasets[0].data as Array<[number, number]>;
      expect(bars).toHaveLength(data.sensitivity.filter((b) => b.metric === metric).length);
      const spans = bars.map(([lo, hi]) => hi - lo);
      for (let i = 1; i < spans.length; i++) expect(spans[i]).toBeLessThanOrEqual(spans[i - 1]);
    }
    expect(() => chartFor(chartRequest('sensitivity', { metric: 'latency_s.e2e' }), data)).toThrow(/sensitivity metric/);
  });

  it('roofline: every operator is plotted at a positive intensity', () => {
    const c = chartFor(chartRequest('roofline'), data);
    const ops = c.data.datasets.filter((d) => d.label?.endsWith('operators')).flatMap((d) => xs(d));
    expect(ops).toHaveLength(data.roofline.ops.length);
    for (const p of ops) expect(p.x).toBeGreaterThan(0);
  });

  it('tiles: one drawing per policy without an error, and the grid path covers every grid line', () => {
    const c = chartFor(chartRequest('tiles'), data);
    expect(c.data.datasets).toHaveLength(data.tiles.policies.filter((p) => !p.error).length);
    const path = gridPath(0, 0, 2, 1, 3, 2);
    const segs = path.slice(1).map((p, i) => [path[i], p]);
    const has = (a: XY, b: XY) => segs.some(([p, q]) => (p.x === a.x && p.y === a.y && q.x === b.x && q.y === b.y) || (p.x === b.x && p.y === b.y && q.x === a.x && q.y === a.y));
    expect(has({ x: 2 / 3, y: 0 }, { x: 2 / 3, y: 1 })).toBe(true);
    expect(has({ x: 4 / 3, y: 1 }, { x: 4 / 3, y: 0 })).toBe(true);
    expect(has({ x: 0, y: 0.5 }, { x: 2, y: 0.5 })).toBe(true);
    for (const p of path) expect(p.x >= 0 && p.x <= 2 && p.y >= 0 && p.y <= 1).toBe(true); // never leaves the outline
  });

  it('validation: one dataset per engine plus y = x; a title-only chart without data', () => {
    const c = chartFor(chartRequest('validation-scatter'), data);
    const engines = new Set(data.validation!.records.map((r) => r.engine));
    expect(c.data.datasets).toHaveLength(engines.size + 1);
    const none = chartFor(chartRequest('validation-scatter'), noValidation);
    expect(none.data.datasets).toEqual([]);
    expect(String((none.options?.plugins?.title as { text?: string })?.text)).toMatch(/no validation data/);
  });

  it('rejects an unknown kind and malformed options', () => {
    expect(() => chartFor(chartRequest('pie'), data)).toThrow(/unknown chart kind "pie"/);
    expect(() => chartFor(chartRequest('latency', { plans: 'eight' }), data)).toThrow(/plans/);
  });
});

describe('PNG rendering', () => {
  it('finds a font to draw text with', () => {
    // Without one (no fonts installed) charts still render, but with no text: install fonts-dejavu-core.
    expect(chartFont()).toBeTruthy();
  });

  it.each(CASES)('$name renders to a non-blank PNG', async ({ name, kind, data: d, opts }) => {
    const c = chartFor(chartRequest(kind, opts), d ?? data);
    const before = JSON.stringify(c);
    const png = await renderPng(c, { width: 1000, height: 560 });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(1000); // IHDR width
    expect(png.readUInt32BE(20)).toBe(560); // IHDR height
    expect(isBlank(png)).toBe(false);
    expect(JSON.stringify(c)).toBe(before); // rendering does not modify the config
    writeFileSync(join(outDir, `${name}.png`), png);
    if (keepDir) writeFileSync(join(keepDir, `${name}.png`), png);
  });

  it('pixelRatio 2 doubles the bitmap', async () => {
    const png = await renderPng(chartFor(chartRequest('tiles'), data), { width: 400, height: 300, pixelRatio: 2 });
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([800, 600]);
  });

  it('isBlank: true for an all-white or transparent image', async () => {
    const canvas = createCanvas(50, 40);
    expect(isBlank(await canvas.encode('png'))).toBe(true);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 50, 40);
    expect(isBlank(await canvas.encode('png'))).toBe(true);
    ctx.fillStyle = '#000';
    ctx.fillRect(10, 10, 1, 1);
    expect(isBlank(await canvas.encode('png'))).toBe(false);
  });
});

describe('energy and sustained charts', () => {
  it('energy: one stacked bar per plan, its phases as the plan carries them', () => {
    const c = chartFor(chartRequest('energy'), withEnergy);
    const labels = c.data.labels as string[];
    expect(c.data.datasets.map((d) => d.label)).toEqual(['vision encode', 'prefill', 'decode']);
    const decode = c.data.datasets[2].data as number[];
    const prefill = c.data.datasets[1].data as number[];
    expect(decode.every((v, i) => v === prefill[i] + 1)).toBe(true);
    expect(labels.length).toBe(decode.length);
  });
  it('sustained: burst until the heat budget is spent, then the throttled speed; a plan that never throttles is flat', async () => {
    const { speedCurve } = await import('./charts/sustained.js');
    const p = { ...data.chosen, decode_tok_s: 20, sustained: { throttle_at_s: 180, throttled_factor: 0.75 } };
    expect(speedCurve(p, 30)).toEqual([{ x: 0, y: 20 }, { x: 3, y: 20 }, { x: 3, y: 15 }, { x: 30, y: 15 }]);
    expect(speedCurve({ ...p, sustained: { throttle_at_s: null, throttled_factor: 1 } }, 30)).toEqual([{ x: 0, y: 20 }, { x: 30, y: 20 }]);
    // Throttling after the window: flat within it.
    expect(speedCurve({ ...p, sustained: { throttle_at_s: 3600, throttled_factor: 0.75 } }, 30)).toEqual([{ x: 0, y: 20 }, { x: 30, y: 20 }]);
    const c = chartFor(chartRequest('sustained'), withEnergy);
    expect(c.data.datasets.length).toBeGreaterThan(0);
  });
});
