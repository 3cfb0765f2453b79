/** mmplan's command line: parse, load, call core, print. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { estimateCommand } from './commands/estimate.js';
import { listCommand } from './commands/list.js';
import { importHfCommand } from './commands/import-hf.js';
import { tilesCommand } from './commands/tiles.js';
import { calibrateCommands } from './commands/calibrate.js';
import { sweepCommands } from './commands/sweep.js';
import { reportCommand } from './commands/report.js';
import { reportError } from './run.js';

const cli = yargs(hideBin(process.argv))
  .scriptName('mmplan')
  .usage('$0 <command> [options]\n\nPlan and simulate multimodal LLM deployments on phones and edge devices.')
  .option('debug', { type: 'boolean', describe: 'print stack traces on errors', global: true })
  .strict()
  .demandCommand(1, 'name a command (see --help)')
  .recommendCommands()
  .help()
  .alias('h', 'help')
  .version()
  .wrap(Math.min(110, process.stdout.columns || 110))
  .fail((msg, err) => {
    if (err) throw err;
    process.stderr.write(`mmplan: ${msg}\n(see mmplan --help)\n`);
    process.exit(2);
  });

estimateCommand(cli);
listCommand(cli);
importHfCommand(cli);
tilesCommand(cli);
calibrateCommands(cli);
sweepCommands(cli);
reportCommand(cli);

try {
  await cli.parseAsync();
} catch (e) {
  process.exitCode = reportError(e, process.argv.includes('--debug'));
}
