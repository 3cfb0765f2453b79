/**
 * Loading: files -> validated, typed objects. Reads YAML/JSON, strips provenance wrappers, validates
 * against the schema and turns the first problem into an InputError naming file and field path.
 * Ids ("dimensity-9300") resolve to the files shipped in device-profiles/ and models/.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, resolve, basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { deviceProfileSchema, modelConfigSchema, type DeviceProfile, type ModelConfig } from '../core/schema.js';
import { stripProvenance, type ProvenanceMap } from '../core/provenance.js';
import { InputError } from './errors.js';

/** The package root (where package.json is), from either cli/ or dist/cli/. */
export const PACKAGE_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

export const DATA_DIRS = {
  device: join(PACKAGE_ROOT, 'device-profiles'),
  model: join(PACKAGE_ROOT, 'models'),
};

const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Read and parse a YAML or JSON file; every failure is an InputError naming the file. */
export function readDataFile(file: string): unknown {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read (${code})`, file);
  }
  if (st.isDirectory()) throw new InputError('expected a file, found a directory', file);
  if (st.size > MAX_FILE_BYTES) throw new InputError(`file is ${(st.size / 1e6).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1e6} MB`, file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'EACCES' ? 'permission denied' : `cannot read (${code})`, file);
  }
  if (text.includes('\u0000')) throw new InputError('expected a text file (YAML or JSON), found binary data', file);
  if (text.trim() === '') throw new InputError('file is empty', file);
  try {
    return parseYaml(text, { maxAliasCount: 100, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    throw new InputError(`malformed YAML/JSON: ${msg}`, file);
  }
}

/** Validate a parsed document; the first issue becomes an InputError with its field path. */
export function validate<S extends z.ZodType>(schema: S, raw: unknown, file: string, kind: string): { value: z.output<S>; provenance: ProvenanceMap } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError(`expected a ${kind} (a YAML mapping), found ${raw === null ? 'nothing' : Array.isArray(raw) ? 'a list' : typeof raw}`, file);
  }
  const { plain, provenance, issues } = stripProvenance(raw);
  if (issues.length > 0) throw new InputError(issues[0].message, file, issues[0].path);
  const r = schema.safeParse(plain);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new InputError(describeIssue(issue, plain), file, issue.path.join('.') || undefined);
  }
  return { value: r.data, provenance };
}

function at(obj: unknown, path: PropertyKey[]): unknown {
  let v: unknown = obj;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

function describeIssue(issue: z.core.$ZodIssue, plain: unknown): string {
  const found = at(plain, issue.path);
  const foundText = found === undefined ? 'nothing' : JSON.stringify(found)?.slice(0, 60);
  switch (issue.code) {
    case 'invalid_type':
      return found === undefined ? `missing; expected ${issue.expected}` : `expected ${issue.expected}, found ${foundText}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${foundText}`;
    case 'custom':
      return issue.message;
    default:
      return `${issue.message}, found ${foundText}`;
  }
}

/** Ids of the shipped files of one kind. */
export function listIds(kind: 'device' | 'model'): string[] {
  return readdirSync(DATA_DIRS[kind])
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => basename(f, extname(f)))
    .sort();
}

/** Resolve an id or a path to a file, with a did-you-mean for near misses. */
export function resolveRef(kind: 'device' | 'model', ref: string): string {
  if (/[\\/]/.test(ref) || /\.(ya?ml|json)$/.test(ref)) return resolve(ref);
  for (const ext of ['.yaml', '.yml']) {
    const f = join(DATA_DIRS[kind], ref + ext);
    if (existsSync(f)) return f;
  }
  const ids = listIds(kind);
  const near = nearest(ref, ids);
  throw new InputError(`unknown ${kind} '${ref}'${near ? `; did you mean '${near}'?` : ''} (see 'mmplan list ${kind}s')`, undefined, `--${kind}`);
}

/** The closest candidate by edit distance, if it is close enough to be a typo. */
export function nearest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const c of candidates) {
    const d = editDistance(norm(word), norm(c));
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

export type Loaded<T> = { value: T; provenance: ProvenanceMap; file: string };

export function loadDevice(ref: string): Loaded<DeviceProfile> {
  const file = resolveRef('device', ref);
  return { ...validate(deviceProfileSchema, readDataFile(file), file, 'device profile'), file };
}

export function loadModel(ref: string): Loaded<ModelConfig> {
  const file = resolveRef('model', ref);
  return { ...validate(modelConfigSchema, readDataFile(file), file, 'model config'), file };
}
