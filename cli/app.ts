/**
 * The command line as a function: parse `args`, run the command, return the exit code (0 ok,
 * 2 bad input, 1 internal error). main.ts calls it for the real process; tests call it in-process.
 */
import yargs from 'yargs';
import { CATALOG, commandOf } from './commands/catalog.js';
import { reportError } from './run.js';
import { nearest } from '../core/nearest.js';
import { InputError } from '../core/errors.js';
import { loaderOptions } from './loader-options.js';

/**
 * An unknown flag with the nearest known one ("--modle: did you mean --model?"), as unknown commands
 * already get. yargs also lists each dashed flag's camelCase twin: those are dropped.
 */
function unknownFlags(msg: string, y: unknown): string {
  const known = Object.keys((y as { getOptions(): { key: Record<string, unknown> } }).getOptions().key).filter((k) => k.length > 1 && !/[A-Z]/.test(k));
  const given = msg.replace(/^Unknown arguments?: /, '').split(', ').filter((n) => !/[A-Z]/.test(n));
  const parts = given.map((n) => {
    const s = nearest(n, known);
    return s ? `--${n} (did you mean --${s}?)` : `--${n}`;
  });
  return `unknown flag${parts.length > 1 ? 's' : ''} ${parts.join(', ')} (see mmplan <command> --help)`;
}

export async function runCli(args: string[]): Promise<number> {
  process.exitCode = 0;
  const cli = yargs(args)
    .scriptName('mmplan')
    .usage('$0 <command> [options]\n\nPlan and simulate multimodal LLM deployments on phones and edge devices.')
    .epilogue('Exit codes: 0 ok; 1 a bug in mmplan (please report it; --debug prints the trace); 2 a problem with your input (files, flags, a plan that does not fit); 130 interrupted by Ctrl-C (128 + the signal number for SIGTERM and SIGHUP).')
    .option('debug', { type: 'boolean', describe: 'print stack traces on errors', global: true })
    .option('allow-implausible', { type: 'boolean', describe: 'use device or engine numbers outside their plausible range (warns instead of failing)', global: true })
    .middleware(((argv: Record<string, unknown>, y: unknown) => {
      loaderOptions.allowImplausible = argv['allow-implausible'] === true;
      // A flag that takes one value, given twice (--out a --out b), would arrive as a list: ask.
      const { array } = (y as unknown as { getOptions(): { array: string[] } }).getOptions();
      for (const [k, v] of Object.entries(argv)) {
        if (Array.isArray(v) && k !== '_' && !array.includes(k) && k.length > 1 && !/[A-Z]/.test(k)) throw new InputError(`given ${v.length} times (${v.map(String).join(', ')}); give it once`, undefined, `--${k}`);
      }
      // The type package knows only the one-argument middleware; yargs passes the instance too.
    }) as never)
    .strict()
    .demandCommand(1, 'name a command')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((msg, err) => {
      // Usage mistakes (unknown option, missing argument) are bad input: one line, exit 2.
      if (!err && /^Unknown arguments?: /.test(msg)) throw new InputError(unknownFlags(msg, cli));
      throw err ?? new InputError(`${msg.replace(/\n/g, ' ')} (see mmplan --help)`);
    });
  // Only the named command's module loads; without one (--help, a typo), the catalog's lines suffice.
  const named = commandOf(args);
  if (named) (await CATALOG[named].load())(cli);
  else for (const c of Object.values(CATALOG)) cli.command(c.command, c.describe);
  try {
    // With a parse callback yargs hands help and version text back instead of printing it with
    // console.log, so it goes to stdout through the same writer as everything else.
    await cli.parseAsync(args, {}, (_err, _argv, output) => {
      if (output) process.stdout.write(output + '\n');
    });
  } catch (e) {
    process.exitCode = reportError(e, args.includes('--debug'));
  }
  return Number(process.exitCode ?? 0);
}
