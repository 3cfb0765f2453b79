/** mmplan's command line: parse, load, call core, print. */
import { installSignalHandlers } from './interrupt.js';

// First, before the commands load: an interruption at any moment cleans up and exits cleanly.
installSignalHandlers();
// A reader that stops early (`mmplan list models --json | head -1`) closes the pipe: that is a
// normal end, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const { hideBin } = await import('yargs/helpers');
const { runCli } = await import('./app.js');
process.exitCode = await runCli(hideBin(process.argv));
