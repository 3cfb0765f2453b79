/**
 * Loading: files -> validated, typed objects. Reads YAML/JSON, strips provenance wrappers, validates
 * against the schema and turns the first problem into an InputError naming file and field path.
 * Ids ("dimensity-9300") resolve to the files shipped in device-profiles/ and models/.
 */
import { readdirSync, existsSync, statSync } from 'node:fs';
import { readTextBounded } from './files.js';
import { devicePlausibility, type Implausible } from '../core/plausibility.js';
import { warn } from './output.js';
import { join, resolve, basename, extname } from 'node:path';
import { createRequire } from 'node:module';
import { cachedParse } from './parse-cache.js';
import { PACKAGE_ROOT } from './package-root.js';
import { loaderOptions } from './loader-options.js';
import type { z } from 'zod';
import { deviceProfileSchema, encoderFileSchema, familiesFileSchema, modelConfigSchema, type DeviceProfile, type EncoderFile, type Family, type ModelConfig } from '../core/schema/index.js';
import { stripProvenance, type ProvenanceMap } from '../core/provenance.js';
import { InputError } from '../core/errors.js';
import { nearest } from '../core/nearest.js';

export { nearest };

export { PACKAGE_ROOT };

export const DATA_DIRS = {
  device: join(PACKAGE_ROOT, 'device-profiles'),
  model: join(PACKAGE_ROOT, 'models'),
};

/** No mmplan input file (a profile, a model, a spec, measurements) comes near this. */
const MAX_FILE_BYTES = 20 * 2 ** 20;

/**
 * Parsed files by path, with the size, modification time and inode they were parsed at: a run
 * that reads the same shipped file twice (names, then the model) or a process that runs many
 * commands (tests, a sweep's workers) parses it once. Callers get their own copy to change.
 */
const parsed = new Map<string, { stamp: string; doc: unknown }>();

/**
 * The parsed files, to hand to a sweep's worker threads: each would otherwise parse every profile
 * and prior again (about a second per worker). A worker checks each file's stamp as usual, so a
 * file changed in between is parsed afresh.
 */
export function parsedFiles(): Array<[string, { stamp: string; doc: unknown }]> {
  return [...parsed.entries()];
}

export function primeParsedFiles(entries: Array<[string, { stamp: string; doc: unknown }]>): void {
  for (const [file, v] of entries) if (!parsed.has(file)) parsed.set(file, v);
}

/** Read and parse a YAML or JSON file; every failure is an InputError naming the file. */
export function readDataFile(file: string): unknown {
  let stamp: string | undefined;
  try {
    const st = statSync(file);
    if (st.isFile()) stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {
    // readTextBounded says what is wrong with the path.
  }
  const hit = stamp !== undefined ? parsed.get(file) : undefined;
  if (hit && hit.stamp === stamp) return structuredClone(hit.doc);
  const text = readTextBounded(file, MAX_FILE_BYTES, { what: 'a YAML or JSON input' });
  if (text.trim() === '') throw new InputError('file is empty', file);
  const doc = cachedParse(text) ?? parseDataText(text, file);
  if (stamp !== undefined) parsed.set(file, { stamp, doc: structuredClone(doc) });
  return doc;
}

/** No mmplan file nests deeper than this; a hostile one cannot exhaust the parser's stack. */
export const MAX_DEPTH = 40;

const tooDeep = () => `nested too deep (limit ${MAX_DEPTH} levels)`;

/**
 * Nesting of flow brackets ([ and {) outside quoted strings, counted without parsing: a file of
 * 100,000 nested brackets is refused before a recursive parser sees it.
 */
export function bracketDepth(text: string): number {
  let d = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') {
      if (++d > max) max = d;
      if (max > MAX_DEPTH) return max;
    } else if (c === ']' || c === '}') d = Math.max(0, d - 1);
  }
  return max;
}

/**
 * Nesting of YAML block structure, from indentation: each line deeper than the open ones opens a
 * level. An upper bound (a folded string's lines count too), which real files stay far below.
 */
export function indentDepth(text: string): number {
  const open: number[] = [];
  let max = 0;
  for (const line of text.split('\n')) {
    const body = line.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    const indent = line.length - body.length + (body.startsWith('- ') ? 2 : 0);
    while (open.length && open[open.length - 1] >= indent) open.pop();
    open.push(indent);
    if (open.length > max) max = open.length;
    if (max > MAX_DEPTH) return max;
  }
  return max;
}

const stackOverflow = (e: unknown) => e instanceof RangeError || /call stack/i.test((e as Error)?.message ?? '');

/** The YAML parser, loaded on first use: a run whose files are all in the parse cache never loads it. */
const requireCjs = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
const parseYaml = (text: string, options: import('yaml').ParseOptions & import('yaml').DocumentOptions & import('yaml').ToJSOptions) => (yamlModule ??= requireCjs('yaml') as typeof import('yaml')).parse(text, options);

/** Parse YAML or JSON text from `file`; malformed or too deep is an InputError naming it. */
export function parseDataText(text: string, file: string): unknown {
  if (bracketDepth(text) > MAX_DEPTH || indentDepth(text) > MAX_DEPTH) throw new InputError(tooDeep(), file);
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    throw new InputError(stackOverflow(e) ? tooDeep() : `malformed YAML/JSON: ${msg}`, file);
  }
  if (depth(doc) > MAX_DEPTH) throw new InputError(tooDeep(), file);
  return doc;
}

/** JSON text (one line of an NDJSON file, a metadata file), with the same depth limit. */
export function parseJsonText(text: string, file: string, where?: string): unknown {
  if (bracketDepth(text) > MAX_DEPTH) throw new InputError(tooDeep(), file, where);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(stackOverflow(e) ? tooDeep() : `malformed JSON: ${(e as Error).message.split('\n')[0]}`, file, where);
  }
}

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
    const unknown = unknownFieldIssue(schema, r.error.issues, plain);
    if (unknown) throw new InputError(unknown.text, file, unknown.path);
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

type AnyDef = { type?: string; shape?: Record<string, unknown>; innerType?: unknown; in?: unknown; out?: unknown; element?: unknown; valueType?: unknown; keyType?: unknown; options?: unknown[]; entries?: Record<string, unknown> };
const defOf = (s: unknown): AnyDef | undefined => (s as { _zod?: { def?: AnyDef } })?._zod?.def;

/** The field names a schema accepts at `path` (best effort through optional, default, pipe, record, array and union). */
export function schemaKeysAt(schema: unknown, path: PropertyKey[]): string[] {
  let nodes: unknown[] = [schema];
  const unwrap = (n: unknown): unknown[] => {
    const d = defOf(n);
    if (!d) return [];
    if (d.shape) return [n];
    if (d.options) return d.options.flatMap(unwrap);
    const inner = d.innerType ?? d.in;
    return inner ? unwrap(inner) : [n];
  };
  const keysOf = (n: unknown): string[] => {
    const d = defOf(n);
    if (d?.shape) return Object.keys(d.shape);
    const k = defOf(d?.keyType);
    return k?.entries ? Object.keys(k.entries) : [];
  };
  nodes = nodes.flatMap(unwrap);
  for (const key of path) {
    nodes = nodes
      .flatMap((n) => {
        const d = defOf(n);
        if (d?.shape) return d.shape[String(key)] !== undefined ? [d.shape[String(key)]] : [];
        if (d?.valueType) return [d.valueType];
        if (d?.element) return [d.element];
        return [];
      })
      .flatMap(unwrap);
  }
  return [...new Set(nodes.flatMap(keysOf))];
}

/**
 * A misspelt field ('usable_memory' for 'usable') fails twice: the unknown name and the missing
 * real one. Report the unknown one, with the real name it most likely means.
 */
function unknownFieldIssue(schema: unknown, issues: z.core.$ZodIssue[], plain: unknown): { text: string; path: string } | undefined {
  const issue = issues.find((i) => i.code === 'unrecognized_keys') as (z.core.$ZodIssue & { keys: string[] }) | undefined;
  if (!issue) return undefined;
  const key = issue.keys[0];
  const parent = issue.path.join('.');
  const missing = issues
    .filter((i) => i.path.length === issue.path.length + 1 && i.path.slice(0, -1).join('.') === parent && at(plain, i.path) === undefined)
    .map((i) => String(i.path[i.path.length - 1]));
  const near = nearest(key, missing.length ? missing : schemaKeysAt(schema, issue.path));
  const more = issue.keys.length > 1 ? ` (and ${issue.keys.slice(1).map((k) => `'${k}'`).join(', ')})` : '';
  return { text: `unknown field '${key}'${more}${near ? `; did you mean '${near}'?` : ''}`, path: [...issue.path, key].join('.') };
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

/**
 * A reference that is a file (a path that exists, or one ending in .yaml/.yml/.json) or a shipped
 * id: its file; undefined when it is neither (then it is a name for the resolver, cli/names.ts).
 */
export function fileOf(kind: 'device' | 'model', ref: string): string | undefined {
  if (/\.(ya?ml|json)$/i.test(ref) || ((/[\\/]/.test(ref) || ref.startsWith('.')) && existsSync(ref))) return resolve(ref);
  for (const ext of ['.yaml', '.yml']) {
    const f = join(DATA_DIRS[kind], ref + ext);
    if (existsSync(f)) return f;
  }
  return undefined;
}

/** "unknown device 'x'; did you mean 'y'? (see ...)" */
export function unknownText(kind: string, ref: string, candidates: string[], hint: string): string {
  const near = nearest(ref, candidates);
  return `unknown ${kind} '${ref}'${near ? `; did you mean '${near}'?` : ''} (${hint})`;
}

export type Loaded<T> = { value: T; provenance: ProvenanceMap; file: string };


export { loaderOptions };

/** Plausibility problems are errors naming the field, or warnings when the user allowed them. */
export function enforcePlausible(problems: Implausible[], file: string): void {
  if (!problems.length) return;
  if (!loaderOptions.allowImplausible) {
    const p = problems[0];
    throw new InputError(`${p.message}; fix the unit, or pass --allow-implausible to use it anyway`, file, p.path);
  }
  for (const p of problems) warn(`${file}: ${p.path}: ${p.message}`);
}

const FAMILIES_FILE = join(PACKAGE_ROOT, 'device-profiles', 'families', 'families.yaml');
let families: Record<string, Family> | undefined;

/** The shipped chip families, by profile id (read once). */
export function loadFamilies(): Record<string, Family> {
  return (families ??= validate(familiesFileSchema, readDataFile(FAMILIES_FILE), FAMILIES_FILE, 'chip family table').value);
}

/** A device profile file, validated, with its family and a plausibility check. */
export function loadDeviceFile(file: string): Loaded<DeviceProfile> {
  const loaded = { ...validate(deviceProfileSchema, readDataFile(file), file, 'device profile'), file };
  // A profile of the user's own may state its family; the shipped ones take it from the table.
  loaded.value.family ??= loadFamilies()[loaded.value.id];
  enforcePlausible(devicePlausibility(loaded.value), file);
  return loaded;
}

const ENCODERS_DIR = join(DATA_DIRS.model, 'encoders');

/** Ids of the shipped encoders (models/encoders/*.yaml). */
export function listEncoders(): string[] {
  return existsSync(ENCODERS_DIR) ? readdirSync(ENCODERS_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort() : [];
}

/** A shipped encoder file, validated. */
export function loadEncoder(id: string, from: string): EncoderFile {
  const file = join(ENCODERS_DIR, `${id}.yaml`);
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(id) || !existsSync(file)) throw new InputError(unknownText('encoder', id, listEncoders(), `shipped encoders: ${listEncoders().join(', ')}`), from, 'vision');
  return validate(encoderFileSchema, readDataFile(file), file, 'encoder').value;
}

/**
 * A model config file, validated. `vision: <encoder id>` names a shipped encoder
 * (models/encoders/) in place of a vision section written out.
 */
export function loadModelFile(file: string): Loaded<ModelConfig> {
  const raw = readDataFile(file);
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && typeof (raw as Record<string, unknown>).vision === 'string') {
    const doc = raw as Record<string, unknown>;
    doc.vision = loadEncoder(doc.vision as string, file).vision;
  }
  return { ...validate(modelConfigSchema, raw, file, 'model config'), file };
}
