/**
 * Measurement input: read measurement files, map each record through the alias tables, load the
 * device, model and engine it names and resolve its scenario. Every record ends up either as a
 * case to predict or in `unmapped` with the reason; none is silently dropped.
 */
import { join } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { aliasesSchema, mapRecord, recordScenarioSchema, measurementRecordSchema, type Aliases, type MappedRecord, type UnmappedRecord, type MeasurementRecord } from '../core/measurements.js';
import { resolveScenario } from '../core/scenario.js';
import { estimate } from '../core/estimate.js';
import { engineTuning } from '../core/engine.js';
import { engineProfileSchema, calibrationSchema, type EngineProfile, type DeviceProfile, type ModelConfig, type Calibration } from '../core/schema/index.js';
import type { CalibCase } from '../core/calibrate.js';
import { DATA_DIRS, PACKAGE_ROOT, listIds, loadDevice, loadModel, readDataFile, validate, unknownText } from './load.js';
import { InputError } from '../core/errors.js';

export const DEFAULT_MEASUREMENTS = [join(PACKAGE_ROOT, 'data', 'measurements.yaml'), join(PACKAGE_ROOT, 'data', 'measurements-multimodal.yaml')];
export const DEFAULT_ALIASES = join(PACKAGE_ROOT, 'data', 'aliases.yaml');
export const DEFAULT_RECORD_SCENARIOS = join(PACKAGE_ROOT, 'data', 'record-scenarios.yaml');
export const DEFAULT_CALIBRATION = join(PACKAGE_ROOT, 'data', 'calibrated.yaml');
export const ENGINE_DIR = join(DATA_DIRS.device, 'engines');

export function loadAliases(file = DEFAULT_ALIASES): Aliases {
  return validate(aliasesSchema, readDataFile(file), file, 'alias table').value;
}

export function loadEngine(id: string): EngineProfile {
  const file = join(ENGINE_DIR, `${id}.yaml`);
  if (!existsSync(file)) {
    const ids = readdirSync(ENGINE_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5));
    throw new InputError(unknownText('engine', id, ids, `one of ${ids.join(', ')}`), undefined, '--engine');
  }
  return validate(engineProfileSchema, readDataFile(file), file, 'engine profile').value;
}

export function loadCalibration(file: string): Calibration {
  return validate(calibrationSchema, readDataFile(file), file, 'calibration').value;
}

/** Records of one or more files; a record that fails its schema is reported, not fatal. */
export function readMeasurements(files: string[]): { records: MeasurementRecord[]; invalid: UnmappedRecord[] } {
  const records: MeasurementRecord[] = [];
  const invalid: UnmappedRecord[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const raw = readDataFile(file);
    if (!Array.isArray(raw)) throw new InputError('expected a list of measurement records', file);
    raw.forEach((r, i) => {
      const parsed = measurementRecordSchema.safeParse(r);
      const id = (r && typeof r === 'object' && 'id' in r ? String((r as { id: unknown }).id) : `#${i}`) || `#${i}`;
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        invalid.push({ record: { id, source: file, metric: 'decode_tok_s', value: 1, model: '?' } as MeasurementRecord, reason: `${file}: [${i}].${issue.path.join('.')}: ${issue.message}` });
        return;
      }
      if (seen.has(parsed.data.id)) {
        invalid.push({ record: parsed.data, reason: `duplicate id '${parsed.data.id}'` });
        return;
      }
      seen.add(parsed.data.id);
      records.push(parsed.data);
    });
  }
  return { records, invalid };
}

export type CaseSet = { cases: CalibCase[]; mapped: MappedRecord[]; unmapped: UnmappedRecord[] };

/** Map records to predictable cases, optionally restricted to one device and/or engine. */
export function buildCases(files: string[], filter: { device?: string; engine?: string; metric?: string } = {}): CaseSet {
  const aliases = loadAliases();
  const parsedOverrides = recordScenarioSchema.safeParse(readDataFile(DEFAULT_RECORD_SCENARIOS));
  if (!parsedOverrides.success) throw new InputError(parsedOverrides.error.issues[0].message, DEFAULT_RECORD_SCENARIOS, parsedOverrides.error.issues[0].path.join('.'));
  const overrides = parsedOverrides.data;
  const { records, invalid } = readMeasurements(files);
  const devices = new Map<string, DeviceProfile>();
  const models = new Map<string, ModelConfig>();
  const engines = new Map<string, EngineProfile | undefined>();
  const known = {
    devices: new Set(listIds('device')),
    models: new Set(listIds('model')),
    multimodal: new Set(listIds('model').filter((id) => loadModelCached(id).vision !== undefined)),
  };
  function loadModelCached(id: string): ModelConfig {
    if (!models.has(id)) models.set(id, loadModel(id).value);
    return models.get(id)!;
  }
  const cases: CalibCase[] = [];
  const mapped: MappedRecord[] = [];
  const unmapped: UnmappedRecord[] = [...invalid];
  for (const r of records) {
    const m = mapRecord(r, aliases, known, overrides);
    if ('reason' in m) {
      unmapped.push(m);
      continue;
    }
    if (filter.device && m.device !== filter.device) continue;
    if (filter.engine && m.engine !== filter.engine) continue;
    if (filter.metric && m.metric !== filter.metric) continue;
    if (!devices.has(m.device)) devices.set(m.device, loadDevice(m.device).value);
    const device = devices.get(m.device)!;
    if (!device.units[m.unit]) {
      unmapped.push({ record: r, reason: `device '${m.device}' has no ${m.unit} unit in its profile` });
      continue;
    }
    if (!engines.has(m.engine)) engines.set(m.engine, existsSync(join(ENGINE_DIR, `${m.engine}.yaml`)) ? loadEngine(m.engine) : undefined);
    const model = loadModelCached(m.model);
    try {
      let scenario = resolveScenario(model, device, m.scenario).scenario;
      try {
        estimate(device, model, scenario);
      } catch (e) {
        // A stated prompt that cannot hold this model's image tokens: read it as text tokens.
        if (scenario.input_tokens === undefined) throw e;
        scenario = resolveScenario(model, device, { ...m.scenario, input_tokens: undefined, prompt_tokens: m.scenario.input_tokens }).scenario;
        m.flags.push("prompt_tokens read as text tokens (the model's image tokens exceed it)");
        estimate(device, model, scenario);
      }
      const engine = engines.get(m.engine);
      cases.push({ id: r.id, metric: m.metric, measured: r.value, device, model, scenario, unit: m.unit, engine: m.engine, engineTuning: engineTuning(engine) });
      mapped.push(m);
    } catch (e) {
      unmapped.push({ record: r, reason: `scenario: ${(e as Error).message}` });
    }
  }
  return { cases, mapped, unmapped };
}
