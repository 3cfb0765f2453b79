/**
 * Sweep spec: a base scenario, axes (lists or ranges over scenario fields), constraints on output
 * fields and objectives for the Pareto front. Parsed once into plain data; the space is the
 * cartesian product of the axes, addressed by a mixed-radix index so any slice (a shard, a worker's
 * share) is evaluated without enumerating the rest.
 */
import { z } from 'zod';
import { scenarioFileSchema, type ScenarioFile } from '../schema/index.js';
import { nearest } from '../nearest.js';
import { SpecError } from '../errors.js';
import { canonicalBenchmark } from '../benchmarks.js';

export { SpecError };

export const DEFAULT_LIMIT = 50_000_000;

/** Scenario fields an axis may vary (besides tiling.params.<name>). */
export const AXIS_PATHS = [
  'device',
  'model',
  'engine',
  'quant',
  'images',
  'prompt_tokens',
  'input_tokens',
  'output_tokens',
  'kv_bits',
  'chunk',
  'vit_batch',
  'kv_capacity',
  'samples',
  'pipeline_patch_embed',
  'unload_vit',
  'decoupled_encode',
  'mmap_embeddings',
  'tiling.policy',
  'tiling.max_tiles',
  'pruning.method',
  'pruning.layer',
  'pruning.keep_ratio',
  ...['llm', 'vit', 'projector', 'embeddings'].flatMap((c) => ['wbits', 'abits', 'group_size', 'scale_bytes'].map((f) => `${c}.${f}`)),
  ...['patch_embed', 'vit', 'projector', 'llm'].map((s) => `placement.${s}`),
] as const;

const axisValues = z.union([
  z.array(z.unknown()).min(1, 'an axis needs at least one value'),
  z.string().regex(/^\s*-?\d+(\.\d+)?\s*\.\.\s*-?\d+(\.\d+)?\s*$/, 'expected a list or a range "a..b"'),
  z.object({ from: z.number(), to: z.number(), step: z.number().positive() }).strict(),
]);

export const sweepSpecSchema = z
  .object({
    name: z.string().optional(),
    description: z.string().optional(),
    base: z.record(z.string(), z.unknown()).default({}),
    axes: z.record(z.string(), axisValues),
    constraints: z.array(z.string()).default([]),
    objectives: z.array(z.string()).min(1, 'name at least one objective, e.g. "min latency_s.ttft"'),
    top: z.number().int().positive().default(5),
    limit: z.number().int().positive().default(DEFAULT_LIMIT),
    /**
     * Keep plans whose predicted quality rests on a factor with neither evidence nor prior (basis
     * "unknown"); by default they are not feasible when a quality field is an objective or constraint.
     */
    allow_extrapolation: z.boolean().default(false),
  })
  .strict();
export type SweepSpecFile = z.output<typeof sweepSpecSchema>;

export type Axis = { path: string; keys: string[]; values: unknown[] };
export type Comparison = '<=' | '>=' | '<' | '>' | '==';
export type Constraint = { text: string; left: string | number; op: Comparison; right: string | number };
export type Objective = { field: string; sense: 'min' | 'max' };

export type SweepSpec = {
  name: string;
  base: ScenarioFile;
  axes: Axis[];
  constraints: Constraint[];
  objectives: Objective[];
  top: number;
  limit: number;
  size: number;
  allowExtrapolation: boolean;
};


function expandRange(path: string, v: string | { from: number; to: number; step: number }): number[] {
  const [from, to, step] = typeof v === 'string' ? [...v.split('..').map(Number), 1] : [v.from, v.to, v.step];
  if (to < from) throw new SpecError(`axes.${path}`, `range ${JSON.stringify(v)} is empty (to < from)`);
  const n = Math.floor((to - from) / step + 1e-9) + 1;
  if (n > 10_000_000) throw new SpecError(`axes.${path}`, `range has ${n} values`);
  return Array.from({ length: n }, (_, i) => +(from + i * step).toFixed(12));
}

const CMP = /^\s*([A-Za-z_][\w.]*|-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*(<=|>=|==|<|>)\s*([A-Za-z_][\w.]*|-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/;

function unknownField(f: string, fields?: string[]): string {
  const near = fields ? nearest(f, fields) : undefined;
  return `unknown field '${f}'${near ? `; did you mean '${near}'?` : ''}`;
}

/** An output field with its benchmark name canonical: quality.DocVQA_VAL.score -> quality.DocVQA_val.score. */
export function canonicalField(f: string): string {
  const m = /^quality\.([^.]+)\.(.+)$/.exec(f);
  return m ? `quality.${canonicalBenchmark(m[1])}.${m[2]}` : f;
}

export function parseConstraint(text: string, i: number, isField: (f: string) => boolean, fields?: string[]): Constraint {
  const m = CMP.exec(text);
  if (!m) throw new SpecError(`constraints.${i}`, `expected "<field> <=|>=|<|>|== <number or field>", found "${text}"`);
  const side = (raw: string) => {
    if (/^-?\d/.test(raw)) return Number(raw);
    const s = canonicalField(raw);
    if (!isField(s)) throw new SpecError(`constraints.${i}`, `${unknownField(s, fields)} in "${text}"`);
    return s;
  };
  return { text, left: side(m[1]), op: m[2] as Comparison, right: side(m[3]) };
}

export function parseObjective(text: string, i: number, isField: (f: string) => boolean, fields?: string[]): Objective {
  const m = /^\s*(min|max|minimize|maximize)\s+([A-Za-z_][\w.]*)\s*$/.exec(text);
  if (!m) throw new SpecError(`objectives.${i}`, `expected "min <field>" or "max <field>", found "${text}"`);
  const field = canonicalField(m[2]);
  if (!isField(field)) throw new SpecError(`objectives.${i}`, unknownField(field, fields));
  return { field, sense: m[1].startsWith('min') ? 'min' : 'max' };
}

/** Validate and expand a parsed spec file. `isField` says which output fields exist. */
export function compileSpec(file: SweepSpecFile, isField: (f: string) => boolean, fields?: string[]): SweepSpec {
  const baseCheck = scenarioFileSchema.safeParse(file.base);
  if (!baseCheck.success) {
    const issue = baseCheck.error.issues[0];
    throw new SpecError(['base', ...issue.path].join('.'), issue.message);
  }
  const axes: Axis[] = [];
  for (const [path, raw] of Object.entries(file.axes)) {
    if (!(AXIS_PATHS as readonly string[]).includes(path) && !/^tiling\.params\.\w+$/.test(path)) {
      const near = nearest(path, [...AXIS_PATHS]);
      throw new SpecError(`axes.${path}`, `unknown axis '${path}'${near ? `; did you mean '${near}'?` : ''} (axes: ${AXIS_PATHS.join(', ')} or tiling.params.<name>)`);
    }
    const values = Array.isArray(raw) ? raw : expandRange(path, raw as string);
    if (values.length === 0) throw new SpecError(`axes.${path}`, 'an axis needs at least one value');
    // Every value must make a valid scenario on its own; it is kept as the schema parses it
    // ("768x1536" becomes {width, height}).
    const parsed = values.map((v) => {
      const probe = setPath(structuredClone(file.base) as Record<string, unknown>, path, v);
      const r = scenarioFileSchema.safeParse(probe);
      if (!r.success) {
        const issue = r.error.issues[0];
        throw new SpecError(`axes.${path}`, `value ${JSON.stringify(v)}: ${issue.path.join('.')}: ${issue.message}`);
      }
      return getPath(r.data as Record<string, unknown>, path);
    });
    axes.push({ path, keys: path.split('.'), values: parsed });
  }
  if (axes.length === 0) throw new SpecError('axes', 'name at least one axis');
  const size = axes.reduce((n, a) => n * a.values.length, 1);
  if (size > file.limit) throw new SpecError('axes', `the space has ${size.toLocaleString('en-US')} configurations, over the limit of ${file.limit.toLocaleString('en-US')} (raise 'limit' or shard it)`);
  return {
    name: file.name ?? 'sweep',
    base: scenarioFileSchema.parse(file.base),
    axes,
    constraints: file.constraints.map((c, i) => parseConstraint(c, i, isField, fields)),
    objectives: file.objectives.map((o, i) => parseObjective(o, i, isField, fields)),
    top: file.top,
    limit: file.limit,
    size,
    allowExtrapolation: file.allow_extrapolation,
  };
}

/** Set a dotted path in a plain object (creating parents). */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (o[k] === undefined || typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]] = value;
  return obj;
}

export function getPath(obj: Record<string, unknown>, path: string): unknown {
  let v: unknown = obj;
  for (const k of path.split('.')) v = (v as Record<string, unknown> | undefined)?.[k];
  return v;
}

/** Axis value indices of configuration `index` (last axis fastest). */
export function decodeIndex(spec: Pick<SweepSpec, 'axes'>, index: number, out: number[] = new Array(spec.axes.length)): number[] {
  let rest = index;
  for (let a = spec.axes.length - 1; a >= 0; a--) {
    const n = spec.axes[a].values.length;
    out[a] = rest % n;
    rest = Math.floor(rest / n);
  }
  return out;
}

/** The [start, end) slice of shard i of n (1-based), deterministic. */
export function shardRange(size: number, i: number, n: number): [number, number] {
  return [Math.floor(((i - 1) * size) / n), Math.floor((i * size) / n)];
}
