/**
 * Interruption: Ctrl-C (SIGINT), SIGTERM (a scheduler or `kill`) and SIGHUP (a closed terminal)
 * all end the run the same way: every registered clean-up runs (temporary files and folders are
 * removed, worker threads stopped), one line says so on stderr, and the process exits with
 * 128 + the signal's number (130 for Ctrl-C), as shells report it. Outputs are renamed into place
 * only when complete, so an interrupted run leaves what was there before and nothing else.
 */
const cleanups = new Set<() => void>();

/** Register a clean-up for an interruption; call the returned function when it is no longer needed. */
export function onInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => void cleanups.delete(cleanup);
}

const SIGNALS: Array<[NodeJS.Signals, number]> = [
  ['SIGINT', 2],
  ['SIGTERM', 15],
  ['SIGHUP', 1],
];

/** Install the handlers (once, by the real process; in-process test runs do not). */
export function installSignalHandlers(): void {
  for (const [signal, n] of SIGNALS) {
    process.once(signal, () => {
      for (const c of [...cleanups]) {
        try {
          c();
        } catch {
          // A clean-up that fails must not stop the others.
        }
      }
      process.stderr.write(`\nmmplan: interrupted (${signal}); no output was written or changed\n`);
      process.exit(128 + n);
    });
  }
}
