/**
 * Command runner: turns errors into the CLI's manners. Bad input (an InputError or one of its
 * kinds, core/errors.ts) prints one line and exits 2; anything else is an internal error (exit 1).
 * Stack traces only with --debug.
 */
import { InputError } from '../core/errors.js';

export function reportError(e: unknown, debug: boolean): number {
  const err = e as Error;
  const isInput = e instanceof InputError;
  const text = e instanceof InputError ? e.line : String(err?.message ?? e);
  process.stderr.write(isInput ? `mmplan: ${text.split('\n')[0]}\n` : `mmplan: internal error: ${text.split('\n')[0]} (a bug in mmplan, not in your input: please report it with the command you ran${debug ? ' and the trace below' : '; --debug prints the stack trace'})\n`);
  if (debug && err?.stack) process.stderr.write(err.stack + '\n');
  return isInput ? 2 : 1;
}

/** Run a command body; on error print it and set the exit code. */
export async function guard(argv: object, body: () => void | Promise<void>): Promise<void> {
  try {
    const a = argv as { json?: unknown; csv?: unknown };
    if (a.json === true && a.csv === true) throw new InputError('choose one output format: --json or --csv, not both', undefined, '--json');
    await body();
  } catch (e) {
    process.exitCode = reportError(e, (argv as { debug?: unknown }).debug === true);
  }
}
