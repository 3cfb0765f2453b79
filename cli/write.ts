/**
 * Writing outputs safely. Every output is checked before any work starts (its folder exists, it is
 * the right kind of path, an existing file is replaced only with --force), and written atomically:
 * into a temporary file or folder beside it, then renamed into place, so an interrupted or failed
 * run leaves either the old output or the new one, never half of one, and no temporary file.
 * A device or pipe as the output (/dev/stdout, /dev/null) is written to directly.
 * System errors become one line in words ("no space left writing X").
 */
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { errnoText, kindOf } from './files.js';
import { onInterrupt } from './interrupt.js';

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(errnoText(e), path);
  }
}

/** The folder an output goes into must exist already (a typo in it is not silently created). */
function assertParentFolder(path: string, flag?: string): void {
  const parent = dirname(resolve(path));
  const st = statOrUndefined(parent);
  if (!st) throw new InputError(`the folder ${dirname(path)} does not exist`, path, flag);
  if (!st.isDirectory()) throw new InputError(`${dirname(path)} is ${kindOf(st)}, not a folder`, path, flag);
}

/** An output file: its folder exists, it is not a folder, and an existing file needs --force. */
export function assertWritable(file: string, force: boolean, flag?: string): void {
  assertParentFolder(file, flag);
  const st = statOrUndefined(file);
  if (!st) return;
  if (st.isDirectory()) throw new InputError('is a folder; expected a file path to write', file, flag);
  if (st.isFile() && !force) throw new InputError('already exists; pass --force to overwrite it', file, flag);
}

/** An output folder (a report): its parent exists, it is not a file, and files it holds need --force. */
export function assertWritableFolder(dir: string, command: string, force: boolean, guard: string[], flag?: string): void {
  assertParentFolder(dir, flag);
  const st = statOrUndefined(dir);
  if (!st) return;
  if (!st.isDirectory()) throw new InputError(`is ${kindOf(st)}; ${command} writes a folder`, dir, flag);
  for (const f of guard) {
    if (statOrUndefined(join(dir, f)) && !force) throw new InputError('already holds a report; pass --force to overwrite it', dir, flag);
  }
}

/** Temporary path beside `file` (same filesystem, so rename is atomic). */
export function tempPath(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`);
}

/** A system error while writing `file`, as an InputError in words (a full disk is not a bug). */
export function writeError(e: unknown, file: string): Error {
  if (e instanceof InputError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC') return new InputError('no space left on the device writing it', file);
  if (code === 'EDQUOT') return new InputError('disk quota exceeded writing it', file);
  if (code && /^E[A-Z]+$/.test(code)) return new InputError(errnoText(e).replace(/^cannot read/, 'cannot write'), file);
  return e as Error;
}

/** A temporary path removed on interruption and on failure; `done` unregisters it. */
export function withTemp<T>(target: string, body: (tmp: string) => T, opts: { folder?: boolean } = {}): T {
  const tmp = tempPath(target);
  const remove = () => rmSync(tmp, { force: true, recursive: opts.folder === true });
  const unregister = onInterrupt(remove);
  try {
    return body(tmp);
  } catch (e) {
    remove();
    throw writeError(e, target);
  } finally {
    unregister();
  }
}

/** withTemp for an asynchronous body (a stream written over several ticks). */
export async function withTempAsync<T>(target: string, body: (tmp: string) => Promise<T>, opts: { folder?: boolean } = {}): Promise<T> {
  const tmp = tempPath(target);
  const remove = () => rmSync(tmp, { force: true, recursive: opts.folder === true });
  const unregister = onInterrupt(remove);
  try {
    return await body(tmp);
  } catch (e) {
    remove();
    throw writeError(e, target);
  } finally {
    unregister();
  }
}

export function writeFileAtomic(file: string, content: string | Uint8Array, opts: { force?: boolean } = {}): void {
  assertWritable(file, opts.force === true);
  const st = statOrUndefined(file);
  if (st && !st.isFile()) {
    // A device or pipe (/dev/stdout, /dev/null): there is nothing to rename over.
    try {
      writeFileSync(file, content);
    } catch (e) {
      throw writeError(e, file);
    }
    return;
  }
  withTemp(file, (tmp) => {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  });
}

/**
 * Write a folder of files (a report) atomically: into a temporary folder beside it, then, once
 * complete, renamed into place. Into an existing folder (allowed with --force, checked by
 * assertWritableFolder) each finished file is renamed over its old version, and nothing else in
 * the folder is touched: a user's other files are never removed.
 */
export async function writeFolderAtomic(dir: string, files: AsyncIterable<{ path: string; content: string | Uint8Array }> | Iterable<{ path: string; content: string | Uint8Array }>): Promise<void> {
  const tmp = tempPath(dir);
  const written: string[] = [];
  const remove = () => rmSync(tmp, { force: true, recursive: true });
  const unregister = onInterrupt(remove);
  try {
    mkdirSync(tmp);
    for await (const f of files) {
      const target = join(tmp, f.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.content);
      written.push(f.path);
    }
    if (statOrUndefined(dir)) {
      for (const p of written) {
        mkdirSync(dirname(join(dir, p)), { recursive: true });
        renameSync(join(tmp, p), join(dir, p));
      }
      remove();
    } else renameSync(tmp, dir);
  } catch (e) {
    remove();
    throw writeError(e, dir);
  } finally {
    unregister();
  }
}
