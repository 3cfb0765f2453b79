/** mmplan's command line: parse, load, call core, print. */
import { hideBin } from 'yargs/helpers';
import { runCli } from './app.js';

process.exitCode = await runCli(hideBin(process.argv));
