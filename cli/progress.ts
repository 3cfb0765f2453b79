/**
 * Progress on stderr: a bar with rate and ETA when stderr is a terminal, nothing otherwise (so
 * logs and pipes stay clean). Redrawn at most every 100 ms.
 */
export type Progress = { update: (done: number) => void; done: () => void };

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total <= 0) return { update: () => {}, done: () => {} };
  const start = Date.now();
  let last = 0;
  const draw = (done: number) => {
    const elapsed = (Date.now() - start) / 1000;
    const rate = done / Math.max(elapsed, 1e-3);
    const eta = rate > 0 ? (total - done) / rate : 0;
    const width = 30;
    const filled = Math.round((done / total) * width);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${rate >= 100 ? Math.round(rate).toLocaleString('en-US') : rate.toFixed(1)}/s ETA ${eta.toFixed(0)}s  `);
  };
  return {
    update(done) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      draw(done);
    },
    done() {
      stream.write('\r\x1b[K');
    },
  };
}
