/**
 * Sweep set-up shared by the main thread and its workers: read and compile the spec, and build a
 * resolver that loads each device, model and engine tuning once. Both sides build the same
 * evaluator from the same file, so a worker's rows equal the main thread's.
 */
import { sweepSpecSchema, compileSpec, SpecError, type SweepSpec } from '../../core/sweep/spec.js';
import { makeEvaluator, numericFields, type Resolver } from '../../core/sweep/evaluate.js';
import { estimate } from '../../core/estimate/index.js';
import { resolveScenario } from '../../core/scenario.js';
import { scenarioFileSchema, type DeviceProfile, type ModelConfig, type ScenarioFile } from '../../core/schema/index.js';
import { readDataFile, validate } from '../load.js';
import { loadDevice, loadModel } from '../names.js';
import { calibrationFor, loadEngine } from '../shipped.js';
import { applyEngine } from '../../core/calibration/index.js';
import type { SweepSetup } from '../../core/sweep/result.js';
import { DEFAULT_SCENARIO_FILE, withPlacementDefaults } from '../../core/scenario.js';
import { InputError } from '../../core/errors.js';
import { loadPriors, loadQuality, readMeasuredScores } from '../quality-input.js';

export type { SweepSetup };

/** A sweep spec as parsed data and the name errors give it (its file, as the user wrote it). */
export type SpecInput = { doc: unknown; label: string };

export function readSweepSpec(file: string): SpecInput {
  return { doc: readDataFile(file), label: file };
}

export function makeResolver(profiles?: string, qualityCsv?: string): Resolver {
  // Read only when an engine is applied: a sweep without one never needs the calibration file
  // (~0.4 s to parse, in every process and worker thread).
  let calibration: ReturnType<typeof calibrationFor> | null = null;
  const cal = () => (calibration === null ? (calibration = calibrationFor(profiles)) : calibration);
  const devices = new Map<string, DeviceProfile>();
  const models = new Map<string, ModelConfig>();
  const placements = new Map<string, ScenarioFile['placement']>();
  const quality = new Map<string, NonNullable<ReturnType<Resolver>['quality']>>();
  return (file) => {
    const dId = file.device ?? DEFAULT_SCENARIO_FILE.device!;
    const mId = file.model ?? DEFAULT_SCENARIO_FILE.model!;
    const key = `${dId}|${file.engine ?? ''}`;
    if (!devices.has(key)) {
      let d = loadDevice(dId).value;
      if (file.engine) {
        const c = cal();
        const t = applyEngine(d, loadEngine(file.engine), c?.cal, c?.label);
        d = t.device;
        placements.set(key, t.placement);
      }
      devices.set(key, d);
    }
    if (!models.has(mId)) {
      models.set(mId, loadModel(mId).value);
      const evidence = loadQuality(mId);
      // The priors (56 files) are read only when a quality prediction asks for them: most sweeps never do.
      quality.set(mId, {
        evidence,
        measured: qualityCsv ? readMeasuredScores(qualityCsv, evidence?.reference) : undefined,
        get priors() {
          return evidence ? loadPriors() : undefined;
        },
      });
    }
    return { device: devices.get(key)!, model: models.get(mId)!, placement: placements.get(key), quality: quality.get(mId) };
  };
}

export function loadSweep(input: SpecInput, profiles?: string, qualityCsv?: string): SweepSetup {
  const specFile = input.label;
  const raw = validate(sweepSpecSchema, input.doc, specFile, 'sweep spec').value;
  const resolve = makeResolver(profiles, qualityCsv);
  // Which output fields exist: those of an estimate of the base scenario.
  let fields: Set<string>;
  const parsedBase = scenarioFileSchema.safeParse(raw.base);
  if (!parsedBase.success) throw new InputError(parsedBase.error.issues[0].message, specFile, ['base', ...parsedBase.error.issues[0].path].join('.'));
  try {
    const base = structuredClone(parsedBase.data);
    const { device, model, placement, quality } = resolve(base);
    const withPlacement = withPlacementDefaults(base, placement);
    // Which fields exist does not depend on the priors: leave them unread here.
    fields = numericFields(estimate(device, model, resolveScenario(model, device, withPlacement).scenario, { quality: quality && { evidence: quality.evidence, measured: quality.measured } }));
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.message, e.file ?? specFile, `base${e.field ? '.' + e.field : ''}`);
    throw new InputError((e as Error).message, specFile, 'base');
  }
  let spec: SweepSpec;
  try {
    // A benchmark score is checked per model of the sweep below (checkQualityFields), with the benchmarks each has.
    spec = compileSpec(raw, (f) => fields.has(f) || /^quality\.[^.]+\.score$/.test(f), [...fields]);
  } catch (e) {
    if (e instanceof SpecError) throw new InputError(e.message, specFile, e.field);
    throw e;
  }
  checkQualityFields(spec, specFile, resolve);
  // Every device, model and engine an axis names must exist: a typo is an error in the spec,
  // not a column of invalid rows.
  for (const a of spec.axes) {
    const load = a.path === 'device' ? loadDevice : a.path === 'model' ? loadModel : a.path === 'engine' ? loadEngine : undefined;
    if (!load) continue;
    for (const v of a.values) {
      try {
        load(String(v));
      } catch (e) {
        if (e instanceof InputError) throw new InputError(e.message, specFile, `axes.${a.path}`);
        throw e;
      }
    }
  }
  return { spec, evaluator: makeEvaluator(spec, resolve), resolve };
}

/**
 * A quality objective or constraint names a benchmark: every model of the sweep must have evidence
 * for it (or the user's own scores), else its rows could not be compared. Said before any work,
 * naming the model and the benchmarks it does have.
 */
function checkQualityFields(spec: SweepSpec, specFile: string, resolve: Resolver): void {
  const uses = [
    ...spec.objectives.map((o, i) => ({ field: o.field, where: `objectives.${i}` })),
    ...spec.constraints.flatMap((c, i) => [c.left, c.right].filter((x): x is string => typeof x === 'string').map((field) => ({ field, where: `constraints.${i}` }))),
  ].filter((u) => u.field.startsWith('quality.'));
  if (!uses.length) return;
  const modelAxis = spec.axes.find((a) => a.path === 'model');
  const models = modelAxis ? modelAxis.values.map(String) : [spec.base.model ?? DEFAULT_SCENARIO_FILE.model!];
  for (const id of models) {
    const { quality } = resolve({ ...spec.base, model: id });
    const have = new Set([...Object.keys(quality?.evidence?.benchmarks ?? {}), ...(quality?.measured ?? []).map((m) => m.benchmark)]);
    for (const u of uses) {
      const bench = u.field.split('.')[1];
      if (have.has(bench)) continue;
      const list = [...have].sort().join(', ');
      throw new InputError(
        have.size ? `model '${id}' has no quality evidence for '${bench}' (it has: ${list})` : `model '${id}' has no quality evidence (models/quality/${id}.yaml); drop the quality objective or give your own scores with --quality`,
        specFile,
        u.where,
      );
    }
  }
}
