/**
 * Roofline of the unit running the LLM, log-log: attainable performance against arithmetic
 * intensity. One polyline per compute roof, min(roof, bandwidth x intensity), the bandwidth slope
 * dashed up to the highest ridge, and the operators as points (prefill and decode apart), each
 * point carrying its operator `name` for the HTML page's tooltips.
 * Performance is plotted in GOPS so the tick labels stay short (10, 1K, 10K rather than 1e+13)
 * without a tick formatter, which would be a function and cannot travel in a JSON config.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ReportData } from '../types.js';
import { legend, logAxis, palette, refLine, seriesColor, si, titles, widen } from './style.js';

const GIGA = 1e9;
type XY = { x: number; y: number };

const decade = (v: number, dir: 'down' | 'up') => 10 ** (dir === 'down' ? Math.floor(Math.log10(v)) : Math.ceil(Math.log10(v)));

/** The smallest 1, 2 or 5 x 10^k at or above v: an axis end that gets a round tick label. */
function nice125(v: number): number {
  const e = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 5, 10].find((m) => m * e >= v) ?? 10) * e;
}

/**
 * Intensity range in whole decades: one decade of the memory-bound slope left of the lowest
 * operator, and at least 2x room right of the highest operator or ridge point.
 */
function intensityRange(points: number[]): [number, number] {
  const pos = points.filter((v) => v > 0 && Number.isFinite(v));
  if (!pos.length) return [0.1, 1e5];
  return [decade(Math.min(...pos), 'down') / 10, decade(Math.max(...pos) * 2, 'up')];
}

/** min(roof, bandwidth x I) over [lo, hi]: the slope up to the ridge, then flat. */
function roofPolyline(roof: number, bandwidth: number, lo: number, hi: number): XY[] {
  const ridge = roof / bandwidth;
  const at = (i: number) => ({ x: i, y: Math.min(roof, bandwidth * i) / GIGA });
  return ridge > lo && ridge < hi ? [at(lo), at(ridge), at(hi)] : [at(lo), at(hi)];
}

export function rooflineChart(data: ReportData): ChartConfiguration {
  const { roofs, bandwidth, ops, unit } = data.roofline;
  const ridges = roofs.map((r) => r.ops_per_s / bandwidth);
  const [lo, hi] = intensityRange([...ops.map((o) => o.intensity), ...ridges]);
  const topRidge = Math.max(...ridges, lo);

  const roofLines: ChartDataset<'scatter', XY[]>[] = roofs.map((r, i) => ({
    label: `${r.precision} roof ${si(r.ops_per_s)}OPS`,
    data: roofPolyline(r.ops_per_s, bandwidth, lo, hi),
    showLine: true,
    borderColor: seriesColor(i + 4),
    backgroundColor: seriesColor(i + 4),
    borderWidth: 2.5,
    pointRadius: 0,
    pointHitRadius: 0,
    pointStyle: 'line',
    order: 1,
  }));
  // Dashed over the roofs' shared slope (drawn on top, order 0), so the slope reads as the bandwidth.
  const slope = { ...refLine(`DRAM bandwidth ${si(bandwidth)}B/s`, palette.text), data: [lo, topRidge].map((i) => ({ x: i, y: (bandwidth * i) / GIGA })), order: 0 };
  const opPoints = (phase: 'prefill' | 'decode', color: string): ChartDataset<'scatter', XY[]> => ({
    label: `${phase} operators`,
    data: ops.filter((o) => o.phase === phase && o.intensity > 0 && o.ops_per_s > 0).map((o) => ({ x: o.intensity, y: o.ops_per_s / GIGA, name: o.name })),
    backgroundColor: color,
    borderColor: color,
    pointRadius: 6,
    pointHoverRadius: 8,
    order: -1, // operators over the lines
  });

  return widen({
    type: 'scatter',
    data: { datasets: [...roofLines, slope, opPoints('prefill', palette.series[0]), opPoints('decode', palette.series[1])] },
    options: {
      animation: false,
      plugins: {
        ...titles(`Roofline of the ${unit.toUpperCase()} with the LLM's operators`, `${data.question.model_name} on ${data.question.device_name}; attainable roofs (peak x efficiency)`),
        legend: legend({ pointStyle: true }),
      },
      scales: {
        x: logAxis('arithmetic intensity (ops/byte of DRAM traffic)', { min: lo, max: hi }),
        // headroom above the top roof so it does not sit on the chart's border
        y: logAxis('attainable performance (GOPS)', { max: nice125((1.5 * Math.max(...roofs.map((r) => r.ops_per_s), bandwidth * lo)) / GIGA) }),
      },
    },
  });
}
