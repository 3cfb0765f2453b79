/**
 * From measurement records to calibration cases: map each record through the alias tables
 * (core/measurements.ts), check its device has the unit it ran on, resolve its scenario and make
 * sure the cost model can predict it. Every record ends up a case or in `unmapped` with the
 * reason; none is silently dropped. Files are read by the caller, which passes loaders.
 */
import type { DeviceProfile, EngineProfile, ModelConfig, Scenario } from '../schema/index.js';
import { modelParams } from '../params.js';
import { mapRecord, type NameLookup, type Aliases, type MappedRecord, type MeasurementRecord, type RecordScenarios, type UnmappedRecord } from '../measurements.js';
import { resolveScenario } from '../scenario.js';
import { estimate } from '../estimate/index.js';
import { engineTuning } from './tuning.js';
import { predictCase, type CalibCase } from './case.js';

export type RecordSources = {
  aliases: Aliases;
  overrides: RecordScenarios;
  known: { devices: Set<string>; models: Set<string>; multimodal: Set<string> };
  device: (id: string) => DeviceProfile;
  model: (id: string) => ModelConfig;
  /** The engine profile of an id, undefined when none is shipped (a generic engine). */
  engine: (id: string) => EngineProfile | undefined;
  /** The name resolver, for device and model names the alias table does not know. */
  names?: NameLookup;
};

export type CaseSet = { cases: CalibCase[]; mapped: MappedRecord[]; unmapped: UnmappedRecord[] };

export type CaseFilter = { device?: string; engine?: string; metric?: string };

/**
 * A record's source as one setup: the cited document without its revision, anchor or the part a
 * record points into ("... README.md (commit 03a8b80c7d50)" and "... README.md @abc" are one source).
 */
export function sourceKey(source: string): string {
  return source
    .replace(/\s*\(.*$/, '')
    .replace(/[#?].*$/, '')
    .replace(/\/(blob|tree)\/[0-9a-f]{7,40}\//, '/$1/-/')
    .replace(/@[0-9a-f]{7,40}\b/, '')
    .trim()
    .toLowerCase();
}

export function casesFromRecords(records: MeasurementRecord[], src: RecordSources, filter: CaseFilter = {}): CaseSet {
  const cases: CalibCase[] = [];
  const mapped: MappedRecord[] = [];
  const unmapped: UnmappedRecord[] = [];
  for (const r of records) {
    const m = mapRecord(r, src.aliases, src.known, src.overrides, src.names, (id) => src.engine(id)?.defaults);
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
      let scenario = withFileBits(resolveScenario(model, device, m.scenario).scenario, model, r, m.flags);
      try {
        estimate(device, model, scenario);
      } catch (e) {
        // A stated prompt that cannot hold this model's image tokens: read it as text tokens.
        if (scenario.input_tokens === undefined) throw e;
        scenario = withFileBits(resolveScenario(model, device, { ...m.scenario, input_tokens: undefined, prompt_tokens: m.scenario.input_tokens }).scenario, model, r, m.flags);
        m.flags.push("prompt_tokens read as text tokens (the model's image tokens exceed it)");
        estimate(device, model, scenario);
      }
      const c: CalibCase = { id: r.id, metric: m.metric, measured: r.value, device, model, scenario, unit: m.unit, engine: m.engine, source: sourceKey(r.source), engineTuning: engineTuning(src.engine(m.engine)) };
      // A record the cost model cannot give a positive figure for (an encode time of a model the zoo
      // holds without its vision tower) cannot be fitted or judged: say so instead.
      const p = predictCase(c, []);
      if (!(p > 0) || !Number.isFinite(p)) {
        unmapped.push({ record: r, reason: `model: ${model.id} ${!model.vision && /vision|patch_embed/.test(m.metric) ? 'has no vision encoder in the zoo' : `gets no ${m.metric} from the cost model`}` });
        continue;
      }
      cases.push(c);
      mapped.push(m);
    } catch (e) {
      unmapped.push({ record: r, reason: `scenario: ${(e as Error).message}` });
    }
  }
  return { cases, mapped, unmapped };
}

/**
 * A stated model file fixes the bits each stored weight takes: file bits over the language model's
 * parameters (embeddings included, tied ones once), for text-only models whose file holds nothing
 * else. "int4" in a LiteRT card is 4.1 bits a weight in one file (Gemma3-1B-IT QAT, 529 MB) and 5.3
 * in another (block-128 with an 8-bit embedding table, 657 MB); a bare width cannot tell them apart.
 * Memory and weight traffic follow the file; the width still picks the compute path. @internal
 */
function withFileBits(s: Scenario, model: ModelConfig, r: MeasurementRecord, flags: string[]): Scenario {
  const mb = r.model_file_mb;
  if (typeof mb !== 'number' || model.vision || s.quant.llm.bpw !== undefined) return s;
  const p = modelParams(model).llm;
  const bpw = (mb * 1e6 * 8) / (p.total - p.per_layer_embedding);
  flags.push(`weights ${bpw.toFixed(2)} bits each, from the stated ${mb} MB file`);
  return { ...s, quant: { ...s.quant, llm: { ...s.quant.llm, bpw }, embeddings: { ...s.quant.embeddings, bpw } } };
}
