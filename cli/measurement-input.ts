/**
 * Measurement input: read measurement files (a record that fails its schema is reported, not
 * fatal), and turn them into calibration cases with the shipped aliases, profiles and engines.
 */
import type { DeviceProfile, ModelConfig, EngineProfile } from '../core/schema/index.js';
import { measurementRecordSchema, type MeasurementRecord, type UnmappedRecord } from '../core/measurements.js';
import { casesFromRecords, type CaseFilter, type CaseSet } from '../core/calibration/index.js';
import { listIds, loadDevice, loadModel, readDataFile } from './load.js';
import { engineExists, loadAliases, loadEngine, loadRecordScenarios } from './shipped.js';
import { InputError } from '../core/errors.js';

export type { CaseSet };

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

/** Memoise a loader by id (each profile is parsed once per run). */
function cached<T>(load: (id: string) => T): (id: string) => T {
  const m = new Map<string, T>();
  return (id) => {
    if (!m.has(id)) m.set(id, load(id));
    return m.get(id)!;
  };
}

/** Map the records of `files` to predictable cases, optionally restricted to one device, engine or metric. */
export function buildCases(files: string[], filter: CaseFilter = {}): CaseSet {
  const aliases = loadAliases();
  const overrides = loadRecordScenarios();
  const { records, invalid } = readMeasurements(files);
  const model = cached<ModelConfig>((id) => loadModel(id).value);
  const modelIds = listIds('model');
  const set = casesFromRecords(
    records,
    {
      aliases,
      overrides,
      known: { devices: new Set(listIds('device')), models: new Set(modelIds), multimodal: new Set(modelIds.filter((id) => model(id).vision !== undefined)) },
      device: cached<DeviceProfile>((id) => loadDevice(id).value),
      model,
      engine: cached<EngineProfile | undefined>((id) => (engineExists(id) ? loadEngine(id) : undefined)),
    },
    filter,
  );
  return { ...set, unmapped: [...invalid, ...set.unmapped] };
}
