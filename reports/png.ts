/**
 * Server-side PNG rendering of a chart configuration with chart.js on @napi-rs/canvas (Skia; no
 * browser, no DOM). The configs from reports/charts/ are plain JSON; what only a server render
 * needs is added here: a fixed size, no animation, a white background and a font that exists on
 * this machine. `isBlank` decodes a PNG back, for tests.
 */
import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts, Image } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';

Chart.register(...registerables);

/** Families tried in order; DejaVu and Liberation are what Debian images usually carry. */
const PREFERRED_FONTS = ['DejaVu Sans', 'Liberation Sans', 'Noto Sans', 'Arial', 'Helvetica'];
const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts'];

let fontFamily: string | null | undefined;

/**
 * The font family chart text is drawn in, or null when the machine has none (text then does not
 * render; Debian's fonts-dejavu-core provides one). Skia usually finds the system fonts itself;
 * when it found none, the usual font directories are registered explicitly once.
 */
export function chartFont(): string | null {
  if (fontFamily !== undefined) return fontFamily;
  const families = () => GlobalFonts.families.map((f) => f.family);
  if (!families().length) for (const dir of FONT_DIRS) if (existsSync(dir)) GlobalFonts.loadFontsFromDir(dir);
  const known = families();
  fontFamily = PREFERRED_FONTS.find((f) => known.includes(f)) ?? known[0] ?? null;
  // chart.js's default stack starts with 'Helvetica Neue', which Skia may resolve to nothing.
  if (fontFamily) Chart.defaults.font.family = `'${fontFamily}', sans-serif`;
  return fontFamily;
}

/** Fills the canvas white before chart.js draws (a PNG is transparent otherwise). Server-only. */
const whiteBackground: Plugin = {
  id: 'mmplanWhiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/**
 * Log axes: label only the ticks at 1, 2 and 5 x 10^k. chart.js labels every tick in the top 20%
 * of a log axis, which overlap in a PNG; the fix needs a tick callback, which the JSON config
 * cannot carry, so the server renderer adds it (the HTML page may do the same in its script).
 */
function tidyLogTicks(scales: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, raw] of Object.entries(scales)) {
    const scale = raw as { type?: string; ticks?: { format?: Intl.NumberFormatOptions } } | undefined;
    if (scale?.type !== 'logarithmic') {
      out[id] = raw;
      continue;
    }
    const nf = new Intl.NumberFormat('en-US', scale.ticks?.format ?? { maximumSignificantDigits: 3 });
    const callback = (value: number | string) => {
      const v = Number(value);
      const significand = v / 10 ** Math.floor(Math.log10(v));
      return [1, 2, 5, 10].some((m) => Math.abs(significand - m) < 1e-6) ? nf.format(v) : '';
    };
    out[id] = { ...scale, ticks: { ...scale.ticks, callback } };
  }
  return out;
}

export type PngOpts = { width?: number; height?: number; pixelRatio?: number };

/**
 * Render `config` to a PNG of width x height CSS pixels (times `pixelRatio`, default 1). The config
 * is not modified: its data is cloned, since chart.js instruments the data arrays it is given.
 */
export async function renderPng(config: ChartConfiguration, opts: PngOpts = {}): Promise<Buffer> {
  const { width = 1000, height = 600, pixelRatio = 1 } = opts;
  chartFont();
  const canvas = createCanvas(Math.round(width * pixelRatio), Math.round(height * pixelRatio));
  const ctx = canvas.getContext('2d');
  const chart = new Chart(ctx as unknown as CanvasRenderingContext2D, {
    ...config,
    data: structuredClone(config.data),
    options: {
      ...config.options,
      ...(config.options?.scales ? { scales: tidyLogTicks(config.options.scales as Record<string, unknown>) } : {}),
      responsive: false,
      animation: false,
      devicePixelRatio: pixelRatio,
    },
    plugins: [...(config.plugins ?? []), whiteBackground],
  } as ChartConfiguration);
  try {
    // chart.js took its size from the canvas, which is in device pixels: set the CSS size, and
    // with it the device-pixel-ratio scaling.
    chart.resize(width, height);
    chart.update('none');
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}

/** True when every pixel of the PNG is (near) white or transparent: nothing was drawn. */
export function isBlank(png: Buffer): boolean {
  const img = new Image();
  img.src = png; // a Buffer source decodes synchronously
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, img.width, img.height);
  ctx.drawImage(img, 0, 0);
  const px = ctx.getImageData(0, 0, img.width, img.height).data;
  for (let i = 0; i < px.length; i += 4) if (px[i] < 245 || px[i + 1] < 245 || px[i + 2] < 245) return false;
  return true;
}
