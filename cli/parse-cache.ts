/**
 * The parse cache: every shipped YAML file parsed once at build time (`npm install` runs the build)
 * and kept as JSON under dist/parsed/, named by the SHA-1 of the text it came from. A run reads the
 * text, hashes it and takes the JSON when there is one (a JSON parse is ~20x cheaper than a YAML
 * parse, and the YAML parser itself then never loads). Keyed by content, so an edited file simply
 * misses and is parsed as before: nothing can be stale.
 * cli/build-parse-cache.ts (run by the build) writes it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './package-root.js';

const CACHE_DIR = join(PACKAGE_ROOT, 'dist', 'parsed');
/** The shipped folders whose YAML the cache holds. */
const SHIPPED_DIRS = ['device-profiles', 'models', 'data', 'examples'];

const hashOf = (text: string) => createHash('sha1').update(text).digest('hex');

/** The parsed document of this exact text, when the build cached it; undefined otherwise. */
export function cachedParse(text: string, dir = CACHE_DIR): unknown {
  const f = join(dir, `${hashOf(text)}.json`);
  try {
    return JSON.parse(readFileSync(f, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Every .yaml/.yml file under the shipped folders. */
export function shippedYaml(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.ya?ml$/.test(e.name)) out.push(join(d, e.name));
    }
  };
  for (const d of SHIPPED_DIRS) walk(join(PACKAGE_ROOT, d));
  return out;
}

/** Parse every shipped YAML file with the loader's parser (passed in) and write the cache afresh. */
export function buildParseCache(parseDataText: (text: string, file: string) => unknown, dir = CACHE_DIR): number {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  let n = 0;
  for (const file of shippedYaml()) {
    const text = readFileSync(file, 'utf8');
    let doc: unknown;
    try {
      doc = parseDataText(text, file);
    } catch {
      continue; // a broken file is reported when a command reads it, not here
    }
    writeFileSync(join(tmp, `${hashOf(text)}.json`), JSON.stringify(doc));
    n++;
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return n;
}
