/**
 * Grid art: the tile grid drawn as text over the image's aspect ratio, so a user sees at a glance
 * how a policy cuts the image. Character cells are about twice as tall as wide, so a box of
 * W x H pixels is drawn 2x wider in characters than tall.
 */
export function gridArt(width: number, height: number, cols: number, rows: number, maxCols = 56, maxRows = 20): string {
  const aspect = width / height;
  let h = maxRows;
  let w = Math.round(h * aspect * 2);
  if (w > maxCols) {
    w = maxCols;
    h = Math.max(2, Math.round(w / aspect / 2));
  }
  // Enough room for every cell to show (at least 2 chars wide, 1 tall inside).
  w = Math.max(w, cols * 3);
  h = Math.max(h, rows * 2);
  const xs = new Set(Array.from({ length: cols + 1 }, (_, i) => Math.round((i * w) / cols)));
  const ys = new Set(Array.from({ length: rows + 1 }, (_, j) => Math.round((j * h) / rows)));
  const lines: string[] = [];
  for (let y = 0; y <= h; y++) {
    let line = '';
    for (let x = 0; x <= w; x++) {
      const vx = xs.has(x);
      const hy = ys.has(y);
      line += vx && hy ? '+' : hy ? '-' : vx ? '|' : ' ';
    }
    lines.push(line);
  }
  return lines.join('\n');
}
