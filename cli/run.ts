/**
 * Command runner: turns errors into the CLI's manners. Bad input (InputError, TilingError and
 * other user-facing errors) prints one line and exits 2; anything else is an internal error
 * (exit 1). Stack traces only with --debug.
 */
import { InputError } from './errors.js';

/** Error classes from core that describe bad input rather than a bug. */
const INPUT_ERROR_NAMES = new Set(['InputError', 'TilingError', 'ScenarioError', 'SpecError']);

export function reportError(e: unknown, debug: boolean): number {
  const err = e as Error & { field?: string; file?: string; line?: string };
  const isInput = e instanceof InputError || INPUT_ERROR_NAMES.has(err?.name);
  const text = e instanceof InputError ? e.line : err?.field ? `${err.field}: ${err.message}` : String(err?.message ?? e);
  process.stderr.write(`mmplan: ${isInput ? '' : 'internal error: '}${text.split('\n')[0]}\n`);
  if (debug && err?.stack) process.stderr.write(err.stack + '\n');
  return isInput ? 2 : 1;
}

/** Run a command body; on error print it and set the exit code. */
export async function guard(argv: object, body: () => void | Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    process.exitCode = reportError(e, (argv as { debug?: unknown }).debug === true);
  }
}
