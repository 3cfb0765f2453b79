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
import { deviceProfileSchema, modelConfigSchema, type DeviceProfile, type ModelConfig } from '../core/schema/index.js';
import { stripProvenance, type ProvenanceMap } from '../core/provenance.js';
import { InputError } from '../core/errors.js';
import { nearest } from '../core/nearest.js';

export { nearest };

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

const MAX_FILE_BYTES = 20 * 2 ** 20;

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
  if (st.size > MAX_FILE_BYTES) throw new InputError(`file is ${(st.size / 2 ** 20).toFixed(1)} MiB; the limit is ${MAX_FILE_BYTES / 2 ** 20} MiB`, file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'EACCES' ? 'permission denied' : `cannot read (${code})`, file);
  }
  if (text.includes('\u0000')) throw new InputError('expected a text file (YAML or JSON), found binary data', file);
  if (text.trim() === '') throw new InputError('file is empty', file);
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    throw new InputError(e instanceof RangeError ? 'nesting too deep to read' : `malformed YAML/JSON: ${msg}`, file);
  }
  if (depth(doc) > MAX_DEPTH) throw new InputError(`nesting deeper than ${MAX_DEPTH} levels; no mmplan file is that deep`, file);
  return doc;
}

const MAX_DEPTH = 40;

/** Depth of nested lists/mappings, without recursion (a hostile file cannot blow the stack). */
function depth(doc: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[doc, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > max) max = d;
    if (d > MAX_DEPTH) return d;
    if (v && typeof v === 'object') for (const x of Object.values(v)) stack.push([x, d + 1]);
  }
  return max;
}

/** What kind of mmplan file a document looks like (for "wrong kind" messages). */
export function guessKind(doc: unknown): string | undefined {
  if (Array.isArray(doc)) return doc.length && doc[0] && typeof doc[0] === 'object' && 'metric' in doc[0] ? 'a measurement set' : 'a list';
  if (!doc || typeof doc !== 'object') return undefined;
  const d = doc as Record<string, unknown>;
  if ('axes' in d && 'objectives' in d) return 'a sweep spec';
  if ('units' in d && 'memory' in d) return 'a device profile';
  if ('llm' in d && 'id' in d) return 'a model config';
  if ('benchmarks' in d && 'reference' in d) return 'quality evidence';
  if (d.kind === 'mmplan-calibration') return 'a calibration file';
  if ('model_type' in d || 'architectures' in d) return 'a Hugging Face config.json (use mmplan import-hf)';
  if ('tunings' in d || ('tuning' in d && 'unit' in d)) return 'an engine profile';
  return undefined;
}

/** Validate a parsed document; the first issue becomes an InputError with its field path. */
export function validate<S extends z.ZodType>(schema: S, raw: unknown, file: string, kind: string): { value: z.output<S>; provenance: ProvenanceMap } {
  const looks = guessKind(raw);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError(`expected a ${kind} (a YAML mapping), found ${looks ?? (raw === null ? 'nothing' : typeof raw)}`, file);
  }
  if (looks && !looks.includes(kind)) {
    const r0 = schema.safeParse(stripProvenance(raw).plain);
    if (!r0.success) throw new InputError(`expected a ${kind}, but this looks like ${looks}`, file);
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

/** A value as it appears in a message (NaN and Infinity as themselves, not JSON's null). */
export function showFound(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return (JSON.stringify(v) ?? String(v)).slice(0, 60);
}

/** The first custom message inside a union's branches ("expected an image size WxH ..."). */
function unionMessage(issue: z.core.$ZodIssue): string | undefined {
  const branches = (issue as { errors?: z.core.$ZodIssue[][] }).errors ?? [];
  for (const b of branches) for (const i of b) if (i.code === 'custom') return i.message;
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue, plain: unknown): string {
  const found = at(plain, issue.path);
  const foundText = showFound(found);
  if (found === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'custom') return 'missing';
  switch (issue.code) {
    case 'invalid_union':
      return unionMessage(issue) ?? (typeof found === 'number' ? `expected a finite number or a quantity string, found ${foundText}` : `${issue.message}, found ${foundText}`);
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
  throw new InputError(unknownText(kind, ref, listIds(kind), `see 'mmplan list ${kind}s'`), undefined, `--${kind}`);
}

/** "unknown device 'x'; did you mean 'y'? (see ...)" */
export function unknownText(kind: string, ref: string, candidates: string[], hint: string): string {
  const near = nearest(ref, candidates);
  return `unknown ${kind} '${ref}'${near ? `; did you mean '${near}'?` : ''} (${hint})`;
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
