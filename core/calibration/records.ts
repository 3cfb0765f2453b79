/**
 * From measurement records to calibration cases: map each record through the alias tables
 * (core/measurements.ts), check its device has the unit it ran on, resolve its scenario and make
 * sure the cost model can predict it. Every record ends up a case or in `unmapped` with the
 * reason; none is silently dropped. Files are read by the caller, which passes loaders.
 */
import type { DeviceProfile, EngineProfile, ModelConfig } from '../schema/index.js';
import { mapRecord, type Aliases, type MappedRecord, type MeasurementRecord, type RecordScenarios, type UnmappedRecord } from '../measurements.js';
import { resolveScenario } from '../scenario.js';
import { estimate } from '../estimate/index.js';
import { engineTuning } from './tuning.js';
import type { CalibCase } from './case.js';

export type RecordSources = {
  aliases: Aliases;
  overrides: RecordScenarios;
  known: { devices: Set<string>; models: Set<string>; multimodal: Set<string> };
  device: (id: string) => DeviceProfile;
  model: (id: string) => ModelConfig;
  /** The engine profile of an id, undefined when none is shipped (a generic engine). */
  engine: (id: string) => EngineProfile | undefined;
};

export type CaseSet = { cases: CalibCase[]; mapped: MappedRecord[]; unmapped: UnmappedRecord[] };

export type CaseFilter = { device?: string; engine?: string; metric?: string };

export function casesFromRecords(records: MeasurementRecord[], src: RecordSources, filter: CaseFilter = {}): CaseSet {
  const cases: CalibCase[] = [];
  const mapped: MappedRecord[] = [];
  const unmapped: UnmappedRecord[] = [];
  for (const r of records) {
    const m = mapRecord(r, src.aliases, src.known, src.overrides);
    if ('reason' in m) {
      unmapped.push(m);
      continue;
    }
    if (filter.device && m.device !== filter.device) continue;
    if (filter.engine && m.engine !== filter.engine) continue;
    if (filter.metric && m.metric !== filter.metric) continue;
    const device = src.device(m.device);
    if (!device.units[m.unit]) {
      unmapped.push({ record: r, reason: `device '${m.device}' has no ${m.unit} unit in its profile` });
      continue;
    }
    const model = src.model(m.model);
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
      cases.push({ id: r.id, metric: m.metric, measured: r.value, device, model, scenario, unit: m.unit, engine: m.engine, engineTuning: engineTuning(src.engine(m.engine)) });
      mapped.push(m);
    } catch (e) {
      unmapped.push({ record: r, reason: `scenario: ${(e as Error).message}` });
    }
  }
  return { cases, mapped, unmapped };
}
