/**
 * Sweep evaluation: configuration index -> scenario -> estimate -> one row of output fields,
 * feasibility under the constraints, and the objective vector (signed so every objective is
 * minimized). Devices, models and engine tuning come through a resolver the caller supplies
 * (file loading stays outside core); stage results are shared through the estimate cache.
 */
import type { DeviceProfile, ModelConfig, Scenario, ScenarioFile } from '../schema/index.js';
import type { Estimate } from '../types.js';
import { estimate, newEstimateCache, type EstimateCache } from '../estimate/index.js';
import { resolveScenario, withPlacementDefaults } from '../scenario.js';
import { decodeIndex, type SweepSpec } from './spec.js';
import type { QualityEvidence, MeasuredScore } from '../quality.js';
import type { QualityPrior } from '../quality-priors.js';
import { NotApplicableError, ScenarioError } from '../errors.js';
import { objectiveFields, objectiveValue } from './objective.js';

/** Device (tuned for the scenario's engine), model, and the engine's default placement if any. */
export type Resolver = (file: ScenarioFile) => { device: DeviceProfile; model: ModelConfig; placement?: ScenarioFile['placement']; quality?: { evidence?: QualityEvidence; measured?: MeasuredScore[]; priors?: readonly QualityPrior[] } };

/** Output fields written for every configuration (plus any constraint or objective names). */
export const DEFAULT_COLUMNS = [
  'tiles.count',
  'tokens.image',
  'tokens.total',
  'latency_s.vision_encode',
  'latency_s.prefill',
  'latency_s.ttft',
  'latency_s.ttft_decoupled',
  'latency_s.e2e',
  'decode_tok_s.mean',
  'prefill_tok_s',
  'memory_gb.weights',
  'memory_gb.kv_cache',
  'memory_gb.peak',
  'memory_gb.usable',
] as const;

/** Names users may write for device facts in constraints. */
export const FIELD_ALIASES: Record<string, string> = { 'device.usable': 'memory_gb.usable' };

export type Getter = (e: Estimate) => number;

export function getter(path: string): Getter {
  const keys = (FIELD_ALIASES[path] ?? path).split('.');
  return (e) => {
    let v: unknown = e;
    // A field one configuration lacks (a benchmark another model's evidence has) reads as NaN.
    for (const k of keys) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    return typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'number' ? v : NaN;
  };
}

/** Numeric (or boolean) leaf paths of an estimate: what constraints and objectives may name. */
export function numericFields(e: Estimate): Set<string> {
  const out = new Set<string>(Object.keys(FIELD_ALIASES));
  const walk = (v: unknown, p: string) => {
    if (typeof v === 'number' || typeof v === 'boolean') out.add(p);
    else if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(x, p ? `${p}.${k}` : k);
  };
  walk(e, '');
  return out;
}

function setPathInPlace(obj: Record<string, unknown>, keys: string[], value: unknown): void {
  let o = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    if (!o[keys[i]] || typeof o[keys[i]] !== 'object') o[keys[i]] = {};
    o = o[keys[i]] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]] = value;
}

export type SweepRow = {
  index: number;
  /** Value index on each axis. */
  digits: number[];
  values: unknown[];
  status: 'ok' | 'invalid' | 'not_applicable';
  feasible: boolean;
  error?: string;
  /** Output columns, in `columns` order (NaN when invalid). */
  metrics: number[];
  /** Objectives, all to be minimized (max objectives negated). */
  objectives: number[];
};

export type Evaluator = {
  columns: string[];
  evaluate: (index: number) => SweepRow;
  /** The full estimate of one configuration (reports, breakdowns); throws if it is invalid. */
  estimateAt: (index: number) => { estimate: Estimate; device: DeviceProfile; model: ModelConfig; file: ScenarioFile; scenario: Scenario };
};

export function makeEvaluator(spec: SweepSpec, resolve: Resolver, cache: EstimateCache = newEstimateCache()): Evaluator {
  const columns = [...new Set<string>([...DEFAULT_COLUMNS, ...objectiveFields(spec.objectives), ...spec.constraints.flatMap((c) => [c.left, c.right].filter((x): x is string => typeof x === 'string').map((f) => FIELD_ALIASES[f] ?? f))])];
  const getters = columns.map(getter);
  const fieldGetters = new Map(objectiveFields(spec.objectives).map((f) => [f, getter(f)]));
  const qualityBenches = [...new Set(columns.map((c) => /^quality\.([^.]+)\./.exec(c)?.[1]).filter((b): b is string => !!b))];
  const cons = spec.constraints.map((c) => ({
    left: typeof c.left === 'number' ? (() => c.left as number) : getter(c.left),
    right: typeof c.right === 'number' ? (() => c.right as number) : getter(c.right),
    op: c.op,
  }));
  // Quality predictions cost more than a cached estimate: make them only when a column needs them.
  const needsQuality = columns.some((c) => c.startsWith('quality.'));
  const digits: number[] = new Array(spec.axes.length);
  // One working scenario file, updated in place: only the axes whose value changed since the last
  // configuration are set (consecutive indices differ mostly in the last axis). resolveScenario
  // copies what it keeps, so reusing the file is safe.
  const file: Record<string, unknown> = structuredClone(spec.base) as Record<string, unknown>;
  const last: number[] = new Array(spec.axes.length).fill(-1);
  const fileAt = (index: number): Record<string, unknown> => {
    const d = decodeIndex(spec, index);
    const f = structuredClone(spec.base) as Record<string, unknown>;
    spec.axes.forEach((a, i) => setPathInPlace(f, a.keys, a.values[d[i]]));
    return f;
  };
  return {
    columns,
    estimateAt(index) {
      const f = fileAt(index);
      const { device, model, placement, quality } = resolve(f as ScenarioFile);
      const sf = withPlacementDefaults(f as ScenarioFile, placement);
      const scenario = resolveScenario(model, device, sf).scenario;
      return { estimate: estimate(device, model, scenario, { quality }), device, model, file: sf, scenario };
    },
    evaluate(index) {
      decodeIndex(spec, index, digits);
      const values = spec.axes.map((a, i) => a.values[digits[i]]);
      for (let i = 0; i < spec.axes.length; i++) {
        if (last[i] !== digits[i]) {
          setPathInPlace(file, spec.axes[i].keys, values[i]);
          last[i] = digits[i];
        }
      }
      try {
        const { device, model, placement, quality } = resolve(file as ScenarioFile);
        const sf = withPlacementDefaults(file as ScenarioFile, placement);
        const e = estimate(device, model, resolveScenario(model, device, sf, { trackDefaults: false }).scenario, { cache, quality: needsQuality ? quality : undefined });
        const metrics = getters.map((g) => g(e));
        const objectives = spec.objectives.map((o) => objectiveValue(o, (f) => fieldGetters.get(f)!(e)));
        let feasible = objectives.every(Number.isFinite);
        // A score whose basis is unknown is no score to plan on, unless the spec allows it.
        if (!spec.allowExtrapolation && qualityBenches.some((b) => e.quality?.[b]?.basis === 'unknown')) feasible = false;
        for (const c of cons) {
          const l = c.left(e);
          const r = c.right(e);
          const ok = c.op === '<=' ? l <= r : c.op === '>=' ? l >= r : c.op === '<' ? l < r : c.op === '>' ? l > r : l === r;
          if (!ok) feasible = false;
        }
        return { index, digits: [...digits], values, status: 'ok', feasible, metrics, objectives };
      } catch (err) {
        // A configuration the model or policy cannot run is an invalid row; anything else is a bug
        // and must fail the sweep, not hide in a row.
        if (!(err instanceof ScenarioError)) throw err;
        const msg = (err as Error).message;
        return { index, digits: [...digits], values, status: err instanceof NotApplicableError ? 'not_applicable' : 'invalid', feasible: false, error: msg, metrics: columns.map(() => NaN), objectives: spec.objectives.map(() => NaN) };
      }
    },
  };
}
