/**
 * Shared look of every chart: colours, font sizes, metric names with units, number formatting and
 * the option blocks (title, legend, axes) the chart modules would otherwise each repeat.
 * Everything these helpers return is plain data: configs are rendered to PNG on the server and
 * also shipped as JSON into the HTML page, so no option may be a function (no callbacks, no
 * scriptable options).
 */
import type { ChartConfiguration, ChartType } from 'chart.js';
import { fieldLabel, fieldUnit } from '../../core/metrics.js';

/** Colours: faint greys for context, one strong colour per highlighted thing, a categorical series. */
export const palette = {
  text: '#222222',
  muted: '#555555',
  grid: '#e6e6e6',
  faint: 'rgba(110, 110, 110, 0.45)',
  fainter: 'rgba(110, 110, 110, 0.3)',
  front: '#1f5fa8',
  chosen: '#d62728',
  limit: '#444444',
  /**
   * Tableau 10 (distinct in print and for the common colour-vision deficiencies), plus cyan and
   * charcoal so all 11 tiling policies get a colour of their own.
   */
  series: ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#17becf', '#333333'],
} as const;

/** Pixel sizes: title 16, axis titles 13, ticks and legend 12. */
export const FONT = { title: 16, subtitle: 12, axis: 13, tick: 12, legend: 12 } as const;

/** Dash pattern of every threshold / reference line, so "dashed" always means "a limit, not data". */
export const DASH = [6, 4];

/** The i-th categorical colour (cycles). */
export function seriesColor(i: number): string {
  return palette.series[i % palette.series.length];
}

const MARKERS = ['circle', 'triangle', 'rectRot', 'rect'] as const;

/** The i-th series' point colour and marker: past the palette, the marker changes so no two series look alike. */
export function seriesMarker(i: number): { color: string; pointStyle: (typeof MARKERS)[number] } {
  return { color: seriesColor(i), pointStyle: MARKERS[Math.floor(i / palette.series.length) % MARKERS.length] };
}

/** The unit of an output field by its prefix ("latency_s.ttft" -> "s"), or "" when unknown. */
export const metricUnit = fieldUnit;

/** A readable name of an output field ("memory_gb.peak" -> "peak memory"). */
export const metricName = fieldLabel;

/** Name with unit, for axis titles: "TTFT (s)", "decode speed (tok/s)". */
export function metricLabel(path: string): string {
  const unit = metricUnit(path);
  return unit ? `${metricName(path)} (${unit})` : metricName(path);
}

/** Three significant digits, no exponent for the magnitudes these charts show. */
export function fmt(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(3))) : String(v);
}

/** A value with the SI prefix that keeps it between 1 and 1000: 13.6e12 -> "13.6 T". */
export function si(v: number): string {
  const prefixes: Array<[number, string]> = [[1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  const [f, p] = prefixes.find(([f]) => Math.abs(v) >= f) ?? [1, ''];
  return `${fmt(v / f)} ${p}`;
}

/** Title (and optional subtitle) plugin options. */
export function titles(text: string, subtitle?: string) {
  return {
    title: { display: true, text, color: palette.text, font: { size: FONT.title, weight: 'bold' as const }, padding: { top: 6, bottom: subtitle ? 2 : 10 } },
    subtitle: { display: subtitle !== undefined, text: subtitle ?? '', color: palette.muted, font: { size: FONT.subtitle }, padding: { bottom: 8 } },
  };
}

/**
 * Legend options. `pointStyle: true` draws each entry in its dataset's point style (a dot, a star,
 * a line for reference lines with `pointStyle: 'line'`, a square for bars given `pointStyle:
 * 'rect'`): a dashed line in a default legend box renders as a smudge.
 */
export function legend(opts: { display?: boolean; pointStyle?: boolean } = {}) {
  const { display = true, pointStyle = false } = opts;
  return {
    display,
    position: 'top' as const,
    labels: { color: palette.text, font: { size: FONT.legend }, boxWidth: 18, usePointStyle: pointStyle, ...(pointStyle ? { pointStyleWidth: 22 } : {}) },
  };
}

/** A titled axis (title with unit, readable ticks, light grid); `extra` adds type, min, stacked, tick options ... */
export function axis<T extends object>(title: string, extra?: T) {
  const ticks = (extra as { ticks?: object } | undefined)?.ticks;
  return {
    ...extra,
    title: { display: title !== '', text: title, color: palette.text, font: { size: FONT.axis } },
    ticks: { color: palette.text, font: { size: FONT.tick }, ...ticks },
    grid: { color: palette.grid },
  };
}

/**
 * A logarithmic axis. chart.js gives every log tick the decimals of the smallest one ("1,000.0"
 * when the axis starts at 0.1) and labels many ticks near the top of the range, which overlap;
 * a callback could fix that but a JSON config cannot carry one, so `ticks.format` (Intl number
 * options) does: compact notation ("0.1", "3", "7K", "10K") keeps the labels short and apart.
 */
export function logAxis(title: string, range: { min?: number; max?: number } = {}) {
  const format = { notation: 'compact' as const, minimumFractionDigits: 0, maximumFractionDigits: 2 };
  return axis(title, { type: 'logarithmic' as const, ...range, ticks: { maxRotation: 0, format } });
}

/** An axis that is not drawn and takes no space (the tiles chart's geometry, empty charts). */
export const HIDDEN_AXIS = { display: false } as const;

/**
 * Widen a precisely typed config (checked against its own chart type) to the plain
 * `ChartConfiguration` every chart function returns. chart.js's types are invariant across chart
 * types (scriptable options take a context typed per chart type), so the widening needs a cast.
 */
export function widen<T extends ChartType, D>(config: ChartConfiguration<T, D>): ChartConfiguration {
  return config as unknown as ChartConfiguration;
}

/**
 * The style of a dashed reference line (threshold, y = x, base value): no points and no hover on
 * it, shown as a dashed line in a point-style legend. Spread it and add `data` (and `type`).
 */
export function refLine(label: string, color: string = palette.limit) {
  return {
    label,
    showLine: true,
    fill: false,
    borderColor: color,
    backgroundColor: color,
    borderDash: DASH,
    borderWidth: 1.5,
    pointRadius: 0,
    pointHoverRadius: 0,
    pointHitRadius: 0,
    pointStyle: 'line' as const,
  };
}
