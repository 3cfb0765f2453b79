/**
 * Writing outputs safely: never overwrite what a user has without --force, and write atomically
 * (a temporary file in the same directory, then rename) so an interrupted run leaves either the
 * old file or the new one, never half of one.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { InputError } from '../core/errors.js';

export function assertWritable(file: string, force: boolean): void {
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) throw new InputError('is a directory; expected a file path to write', file);
    if (!force) throw new InputError('already exists; pass --force to overwrite it', file);
  }
}

/** Temporary path beside `file` (same filesystem, so rename is atomic). */
export function tempPath(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
}

export function writeFileAtomic(file: string, content: string | Uint8Array, opts: { force?: boolean } = {}): void {
  assertWritable(file, opts.force === true);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = tempPath(file);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new InputError('permission denied', file);
    throw e;
  }
}
