/**
 * Tiling small multiples: the image's outline drawn once per policy, side by side in one scatter
 * chart, each cut by its policy's cols x rows grid, with "policy: grid, tiles, tokens" as the
 * dataset label (the legend colours match the drawings in reading order). Policies that failed on
 * this image (`error`) are left out. The drawings wrap into more rows when that draws them larger
 * (five landscape images in one row of a landscape chart leave most of it empty).
 * The grid is spread evenly over the image's aspect: TileView has no resized/padded canvas size,
 * so a policy that resizes to a different aspect before tiling is drawn as if it did not.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ReportData, TileView } from '../types.js';
import { HIDDEN_AXIS, legend, seriesColor, titles, widen } from './style.js';

export type TilesOpts = {
  /** Width / height of the plot area the PNG or page gives the chart, to keep squares square. */
  plotAspect?: number;
};

type XY = { x: number; y: number };
type Policy = TileView['policies'][number];

/**
 * Outline and grid of a w x h rectangle at (x0, y0) as ONE polyline: after the outline it walks
 * along the border between grid lines, retracing edges already drawn, so a single dataset (one
 * legend entry) draws the whole grid without gaps, which JSON data could not express.
 */
export function gridPath(x0: number, y0: number, w: number, h: number, cols: number, rows: number): XY[] {
  const [x1, y1] = [x0 + w, y0 + h];
  const path: XY[] = [{ x: x0, y: y0 }, { x: x1, y: y0 }, { x: x1, y: y1 }, { x: x0, y: y1 }, { x: x0, y: y0 }];
  let y = y0;
  for (let c = 1; c < cols; c++) {
    const x = x0 + (w * c) / cols;
    path.push({ x, y }, { x, y: y === y0 ? y1 : y0 });
    y = y === y0 ? y1 : y0;
  }
  path.push({ x: x0, y }); // back to the left edge along the current (top or bottom) edge
  let x = x0;
  for (let r = 1; r < rows; r++) {
    const yy = y0 + (h * r) / rows;
    path.push({ x, y: yy }, { x: x === x0 ? x1 : x0, y: yy });
    x = x === x0 ? x1 : x0;
  }
  return path;
}

/** Columns x rows of `n` drawings of aspect `a` (height 1, gap g) that draw them largest in the plot. */
function arrange(n: number, a: number, g: number, plotAspect: number): { cols: number; rows: number } {
  let best = { cols: Math.max(n, 1), rows: 1, scale: 0 };
  for (let rows = 1; rows <= Math.max(n, 1); rows++) {
    const cols = Math.ceil(n / rows);
    const scale = Math.min(plotAspect / (cols * (a + g)), 1 / (rows * (1 + g)));
    if (scale > best.scale * 1.05) best = { cols, rows, scale }; // more rows only for a clear gain
  }
  return best;
}

function policyLabel(p: Policy): string {
  const grid = p.cols > 0 && p.rows > 0 ? `${p.cols}x${p.rows}` : 'no grid';
  return `${p.policy}: ${grid}, ${p.tiles} tiles${p.thumbnail ? ' + thumbnail' : ''}, ${p.tokens} tokens`;
}

export function tilesChart(data: ReportData, opts: TilesOpts = {}): ChartConfiguration {
  const { width, height, policies } = data.tiles;
  const shown = policies.filter((p) => !p.error);
  // Height 1, width the aspect ratio; a gap of a quarter of the larger side between drawings.
  const aspect = width / height;
  const gap = 0.25 * Math.max(aspect, 1);
  const plotAspect = opts.plotAspect ?? 2.2;
  const { cols, rows } = arrange(shown.length, aspect, gap, plotAspect);
  const datasets: ChartDataset<'scatter', XY[]>[] = shown.map((p, i) => ({
    label: policyLabel(p),
    // reading order: left to right, top row first
    data: gridPath((i % cols) * (aspect + gap), (rows - 1 - Math.floor(i / cols)) * (1 + gap), aspect, 1, p.cols, p.rows),
    showLine: true,
    borderColor: seriesColor(i),
    backgroundColor: seriesColor(i),
    borderWidth: 2,
    pointRadius: 0,
    pointHitRadius: 0,
    pointStyle: 'rect',
  }));
  // Equal scaling: widen the shorter range so one unit spans as many pixels on y as on x.
  const [w, h] = [cols * (aspect + gap), rows * (1 + gap)];
  const [xSpan, ySpan] = [Math.max(w, h * plotAspect), Math.max(h, w / plotAspect)];
  const [cx, cy] = [w / 2 - gap / 2, h / 2 - gap / 2];
  const skipped = policies.length - shown.length;
  return widen({
    type: 'scatter',
    data: { datasets },
    options: {
      animation: false,
      plugins: {
        ...titles(`Tiling of a ${width}x${height} image by policy`, skipped ? `${skipped} polic${skipped > 1 ? 'ies' : 'y'} not applicable to this image left out` : undefined),
        legend: legend({ pointStyle: true }),
      },
      scales: {
        x: { ...HIDDEN_AXIS, type: 'linear', min: cx - xSpan / 2, max: cx + xSpan / 2 },
        y: { ...HIDDEN_AXIS, type: 'linear', min: cy - ySpan / 2, max: cy + ySpan / 2 },
      },
    },
  });
}
