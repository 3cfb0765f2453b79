/**
 * The shipped measurement data (data/measurements*.yaml) and its alias tables (data/aliases.yaml):
 * the files parse and hold the published records, and every record's device, model, engine and
 * processor strings resolve through the aliases to a device profile, a zoo model, an engine id and
 * a unit, or to null with a reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../cli/load.js';
import { loadModel } from '../cli/names.js';
import { buildCases } from '../cli/measurement-input.js';

type Rec = Record<string, unknown> & { id: string; device_soc?: string | null; device_name?: string | null; model: string; engine?: string | null; processor?: string | null };
type Entry = { match: string; why?: string; note?: string } & Record<string, unknown>;
type Tables = { devices: Entry[]; models: Entry[]; engines: Entry[]; units: Entry[] };

const read = (rel: string) => parse(readFileSync(join(PACKAGE_ROOT, rel), 'utf8'));
const FILES = { 'data/measurements.yaml': 186, 'data/measurements-multimodal.yaml': 88 } as const;
const records = Object.fromEntries(Object.keys(FILES).map((f) => [f, read(f) as Rec[]])) as Record<keyof typeof FILES, Rec[]>;
const all = Object.values(records).flat();
const aliases = read('data/aliases.yaml') as Tables;

/** Engine ids (device-profiles/engines/) and the unit each one drives. */
const ENGINE_UNITS: Record<string, 'cpu' | 'gpu' | 'npu'> = {
  'qnn-genie': 'npu',
  'neuropilot-npu': 'npu',
  'litert-npu': 'npu',
  'coreml-ane': 'npu',
  'generic-npu': 'npu',
  'llama.cpp-cpu': 'cpu',
  'executorch-xnnpack': 'cpu',
  'litert-cpu': 'cpu',
  'mnn-cpu': 'cpu',
  't-mac-cpu': 'cpu',
  powerinfer: 'cpu',
  'generic-cpu': 'cpu',
  'llama.cpp-gpu': 'gpu',
  'mlc-gpu': 'gpu',
  'litert-gpu': 'gpu',
  mlx: 'gpu',
  cuda: 'gpu',
  'transformer-lite-gpu': 'gpu',
  'generic-gpu': 'gpu',
};

const TARGET = { devices: 'device', models: 'model', engines: 'engine', units: 'unit' } as const;

/** First entry whose regex matches one of the texts, trying the texts in order (as the loader does). */
function lookup(list: Entry[], ...texts: Array<string | null | undefined>): Entry | undefined {
  for (const text of texts) {
    if (!text) continue;
    const hit = list.find((a) => new RegExp(a.match, 'i').test(text));
    if (hit) return hit;
  }
  return undefined;
}
const engineKey = (r: Rec) => `${r.engine ?? ''} | ${r.processor ?? ''}`;
const distinct = (f: (r: Rec) => string | null | undefined) => [...new Set(all.map(f).filter((s): s is string => typeof s === 'string'))];

describe('data/measurements*.yaml', () => {
  for (const [file, n] of Object.entries(FILES)) {
    it(`${file} parses and holds its ${n} records, each with id, source, metric and value`, () => {
      const recs = records[file as keyof typeof FILES];
      expect(Array.isArray(recs)).toBe(true);
      expect(recs).toHaveLength(n);
      for (const r of recs) {
        expect(typeof r.id === 'string' && r.id.length > 0, JSON.stringify(r).slice(0, 80)).toBe(true);
        expect(typeof r.source === 'string' && (r.source as string).trim() !== '', r.id).toBe(true);
        expect(typeof r.metric === 'string' && (r.metric as string) !== '', r.id).toBe(true);
        expect(typeof r.value === 'number' && Number.isFinite(r.value) && (r.value as number) > 0, r.id).toBe(true);
        expect(typeof r.model === 'string', r.id).toBe(true);
      }
    });
  }

  it('ids are unique across both files', () => {
    const seen = new Map<string, number>();
    for (const r of all) seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
    expect([...seen].filter(([, k]) => k > 1).map(([id]) => id)).toEqual([]);
    expect(seen.size).toBe(186 + 88);
  });
});

describe('data/aliases.yaml', () => {
  it('has the four tables, each entry a valid regex with one target; null targets say why', () => {
    for (const [table, key] of Object.entries(TARGET)) {
      const list = aliases[table as keyof Tables];
      expect(Array.isArray(list) && list.length > 0, table).toBe(true);
      for (const e of list) {
        expect(Object.keys(e).every((k) => ['match', 'why', 'note', key].includes(k)), `${table}: ${JSON.stringify(e)}`).toBe(true);
        expect(typeof e.match, `${table}: ${JSON.stringify(e)}`).toBe('string');
        expect(() => new RegExp(e.match, 'i'), e.match).not.toThrow();
        expect(key in e, `${table} ${e.match}: no '${key}'`).toBe(true);
        if (e[key] === null) expect(typeof e.why === 'string' && e.why.trim() !== '', `${table} ${e.match}: null needs a why`).toBe(true);
      }
    }
  });

  it('every record resolves its device (device_soc first, then device_name)', () => {
    const unresolved = all.filter((r) => !lookup(aliases.devices, r.device_soc, r.device_name)).map((r) => `${r.id}: ${r.device_soc} / ${r.device_name}`);
    expect(unresolved).toEqual([]);
  });

  it('every distinct device_soc matches an entry, or all its records resolve by device_name', () => {
    for (const soc of distinct((r) => r.device_soc)) {
      if (lookup(aliases.devices, soc)) continue;
      for (const r of all.filter((x) => x.device_soc === soc)) expect(lookup(aliases.devices, r.device_name), `${soc}: ${r.id} (${r.device_name})`).toBeDefined();
    }
  });

  it('every distinct model, engine | processor and processor string matches an entry', () => {
    expect(distinct((r) => r.model).filter((s) => !lookup(aliases.models, s))).toEqual([]);
    expect(distinct(engineKey).filter((s) => !lookup(aliases.engines, s))).toEqual([]);
    expect(distinct((r) => r.processor).filter((s) => !lookup(aliases.units, s))).toEqual([]);
  });

  it('device targets are device profiles', () => {
    for (const e of aliases.devices) {
      if (e.device === null) continue;
      expect(existsSync(join(PACKAGE_ROOT, 'device-profiles', `${e.device}.yaml`)), `${e.match} -> ${e.device}`).toBe(true);
    }
  });

  it('model targets are zoo models that load', () => {
    const ids = new Set(aliases.models.map((e) => e.model).filter((m): m is string => typeof m === 'string'));
    for (const id of ids) {
      expect(existsSync(join(PACKAGE_ROOT, 'models', `${id}.yaml`)), id).toBe(true);
      expect(loadModel(id).value.id).toBe(id);
    }
  });

  it('engine targets are known engine ids, unit targets are cpu/gpu/npu', () => {
    for (const e of aliases.engines) if (e.engine !== null) expect(Object.keys(ENGINE_UNITS), e.match).toContain(e.engine);
    for (const e of aliases.units) if (e.unit !== null) expect(['cpu', 'gpu', 'npu'], e.match).toContain(e.unit);
  });

  it("a record's engine drives the unit its processor names", () => {
    for (const r of all) {
      const engine = lookup(aliases.engines, engineKey(r))?.engine as string | null | undefined;
      const unit = lookup(aliases.units, r.processor)?.unit as string | null | undefined;
      if (engine && unit) expect(ENGINE_UNITS[engine], `${r.id}: ${engineKey(r)}`).toBe(unit);
    }
  });

  it('resolves the cases that need care', () => {
    const byId = (id: string) => all.find((r) => r.id === id)!;
    const dev = (id: string) => lookup(aliases.devices, byId(id).device_soc, byId(id).device_name)?.device;
    const model = (id: string) => lookup(aliases.models, byId(id).model)?.model;
    // One device_soc, two modules: the device_name decides.
    expect(dev('pymllm_agxorin_qwen3vl2b_fp16_prefill')).toBe('jetson-agx-orin-32gb');
    expect(dev('tmac_jetson_agx_orin_t12_llamacpp')).toBe('jetson-agx-orin-64gb');
    // 'for Galaxy' bins are the same chips; '8 Gen 3 or Dimensity 9300' is not identifiable.
    expect(dev('litert_gemma3_1b_litertlm_npu_a16w4_prefill')).toBe('snapdragon-8-elite');
    expect(dev('litert_gemma3_1b_cpu_int4qat_prefill')).toBe('snapdragon-8-gen-3');
    expect(dev('transformerlite_gemma2b_decode')).toBeNull();
    expect(dev('mediatek_d9300plus_7b_decode')).toBe('dimensity-9300-plus');
    // The R1 distill unties Qwen2.5-1.5B's LM head: its own zoo entry.
    expect(model('litert_r1qwen15_cpu_int8_decode')).toBe('deepseek-r1-distill-qwen-1.5b');
    expect(model('mm-018')).toBe('mobilevlm-v2-1.7b');
    expect(model('mm-002')).toBe('mobilevlm-1.7b');
  });
});

describe('record names go through the one resolver', () => {
  // Names in the shipped measurement files that resolve to nothing, and why: every one is a model or
  // device mmplan does not have (a name the zoo has under another spelling must resolve instead).
  const NOT_IN_THE_ZOO: Record<string, string> = {
    'device:M5 Max 36GB (binned)': 'no Apple M5 Max profile',
    'device:X2-90': 'no Snapdragon X2 Elite profile',
    'device:poco-myron (table header not seen; see caveats)': 'the source does not name the chip',
  };
  it('only names of models and devices mmplan does not have stay unmapped', () => {
    const set = buildCases(['data/measurements.yaml', 'data/measurements-multimodal.yaml', 'data/measurements-2025.yaml', 'data/heldout/measurements-2025-heldout.yaml'].map((f) => join(PACKAGE_ROOT, f)));
    const names = new Set<string>();
    for (const u of set.unmapped) {
      const m = /^(model|device): (?:unknown (?:model|device) '([^']*)'|'([^']*)' (?:names|matches) several)/.exec(u.reason);
      if (m) names.add(`${m[1]}:${m[2] ?? m[3]}`);
    }
    expect([...names].sort()).toEqual(Object.keys(NOT_IN_THE_ZOO).sort());
  });
});
