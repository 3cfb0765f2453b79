/**
 * Run the CLI as a child process, capturing stdout, stderr and the exit code: only for what needs a
 * real process (signals, a worker that exits, process-wide env). Everything else uses `mmplan`, the
 * in-process runner (about 100x faster).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

/** The newest modification time of the TypeScript sources under these folders. */
function newestSource(dirs: string[]): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(join(d, e.name)).mtimeMs);
    }
  };
  for (const d of dirs) walk(join(ROOT, d));
  return newest;
}

/**
 * The command that starts the CLI: the compiled build (bin/mmplan.js, what `npm install` builds)
 * when it is newer than every source file, else the sources through tsx, so a test never runs a
 * stale build and a fresh install starts child processes in a fraction of tsx's time.
 */
export const CLI: string[] = (() => {
  const built = join(ROOT, 'dist', 'cli', 'main.js');
  const fresh = existsSync(built) && statSync(built).mtimeMs >= newestSource(['cli', 'core', 'reports']);
  return fresh ? [join(ROOT, 'bin', 'mmplan.js')] : ['--import', 'tsx', join(ROOT, 'cli', 'main.ts')];
})();

export function mmplanSpawn(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [...CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A stack trace looks like "    at fn (file:line:col)". */
export const hasStackTrace = (s: string) => /\n\s+at .+[:(]/.test(s);

/** Parse CSV text into records: quoted cells may hold commas, quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += ch;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** Run the CLI in this process (much faster than a child process), capturing its output. */
export async function mmplanInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { runCli } = await import('../cli/app.js');
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string | Uint8Array) => ((stdout += String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => ((stderr += String(s)), true)) as typeof process.stderr.write;
  const env = process.env.NO_COLOR;
  process.env.NO_COLOR = '1';
  try {
    const code = await runCli(args);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    if (env === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = env;
    process.exitCode = 0;
  }
}

/** The CLI in this process: what every CLI test uses unless it needs a real process. */
export const mmplan = mmplanInProcess;
