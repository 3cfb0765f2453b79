/**
 * Reading what a user names, safely: every file argument is checked to be a regular file before it
 * is opened (a FIFO would block forever, /dev/zero would never end, a directory is a mistake), and
 * every read is bounded (an image needs a header, a YAML or JSON file has a size cap). Failures are
 * InputErrors naming the file, with the system's reason in words.
 */
import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { InputError } from '../core/errors.js';

/** What a path is, in words for messages. */
export function kindOf(st: Stats): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/** A system error code in words ("ENOENT" -> "no such file"). */
export function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'read-only file system';
    case 'ENAMETOOLONG':
      return 'file name too long';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return `cannot read (${code ?? (e as Error)?.message ?? e})`;
  }
}

/** stat a path a user gave; a missing or unreadable one is an InputError naming it. */
export function statUser(file: string, flag?: string): Stats {
  try {
    return statSync(file);
  } catch (e) {
    throw new InputError(errnoText(e), file, flag);
  }
}

/** The path must be a regular file (checked without opening it, so a FIFO never blocks). */
export function assertRegularFile(file: string, flag?: string): Stats {
  const st = statUser(file, flag);
  if (!st.isFile()) throw new InputError(`is ${kindOf(st)}; expected a regular file`, file, flag);
  return st;
}

/**
 * Read up to `maxBytes` of a regular file. With `truncate` the rest is ignored (an image header);
 * without it a longer file is an error naming the limit (a YAML file of gigabytes is a mistake).
 * The size is checked on the bytes actually read, not trusted from stat.
 */
export function readBounded(file: string, maxBytes: number, opts: { flag?: string; truncate?: boolean; what?: string } = {}): Buffer {
  assertRegularFile(file, opts.flag);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new InputError(errnoText(e), file, opts.flag);
  }
  try {
    // Regular files only (checked again on the open descriptor: the path may have changed).
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputError('is not a regular file', file, opts.flag);
    // Sized to the file (plus one byte to notice growth), not to the limit: a zeroed multi-MB buffer
    // per small data file made loading the priors and the zoo allocation-bound.
    const buf = Buffer.allocUnsafe(Math.min(maxBytes, st.size) + 1);
    let n = 0;
    while (n < buf.length) {
      const r = readSync(fd, buf, n, buf.length - n, n);
      if (r === 0) break;
      n += r;
    }
    if (n === buf.length && n <= maxBytes) throw new InputError('changed while it was being read', file, opts.flag);
    if (n > maxBytes && !opts.truncate) {
      throw new InputError(`is larger than the ${formatBytes(maxBytes)} limit for ${opts.what ?? 'this kind of file'}`, file, opts.flag);
    }
    return buf.subarray(0, Math.min(n, maxBytes));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(errnoText(e), file, opts.flag);
  } finally {
    closeSync(fd);
  }
}

/** Read a text file of at most `maxBytes` (UTF-8). */
export function readTextBounded(file: string, maxBytes: number, opts: { flag?: string; what?: string } = {}): string {
  const buf = readBounded(file, maxBytes, opts);
  if (buf.includes(0)) throw new InputError('expected a text file, found binary data', file, opts.flag);
  return buf.toString('utf8');
}

function formatBytes(n: number): string {
  return n >= 2 ** 20 ? `${n / 2 ** 20} MiB` : `${n / 2 ** 10} KiB`;
}
