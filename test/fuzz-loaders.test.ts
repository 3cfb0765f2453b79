/**
 * Fuzzing the loaders: any YAML value in any field of a valid file is either accepted or rejected
 * with an InputError (a one-line message naming file and field); never an unhandled exception.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { validate } from '../cli/load.js';
import { InputError } from '../core/errors.js';
import { deviceProfileSchema, modelConfigSchema, scenarioFileSchema, engineProfileSchema } from '../core/schema/index.js';
import { qualityFileSchema } from '../core/quality.js';
import { sweepSpecSchema } from '../core/sweep/spec.js';
import { importHfConfig } from '../core/import/hf/index.js';
import { ROOT } from './cli-helpers.js';

const yamlOf = (rel: string) => parse(readFileSync(join(ROOT, rel), 'utf8'));

/** Every path to a value in a document (objects and arrays), for picking a field to corrupt. */
function paths(v: unknown, p: string[] = [], out: string[][] = []): string[][] {
  out.push(p);
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...p, k], out);
  return out;
}
function setAt(doc: unknown, p: string[], value: unknown): unknown {
  if (p.length === 0) return value;
  const copy = structuredClone(doc) as Record<string, unknown>;
  let o = copy;
  for (const k of p.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[p[p.length - 1]] = value;
  return copy;
}

const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 1e300, '', '10 PB/s', '76.8 Gb/s', '-3 GB', 'NaN', '1e999', null, true, [], {}),
  fc.string(),
);

const kinds: Array<[string, unknown, (raw: unknown) => unknown]> = [
  ['device profile', yamlOf('device-profiles/dimensity-9300.yaml'), (r) => validate(deviceProfileSchema, r, 'fuzz.yaml', 'device profile')],
  ['model config', yamlOf('models/bluelm-v-3b.yaml'), (r) => validate(modelConfigSchema, r, 'fuzz.yaml', 'model config')],
  ['scenario', yamlOf('examples/bluelm-v3b-d9300.yaml'), (r) => validate(scenarioFileSchema, r, 'fuzz.yaml', 'scenario')],
  ['sweep spec', yamlOf('examples/bluelm-quant-sweep.yaml'), (r) => validate(sweepSpecSchema, r, 'fuzz.yaml', 'sweep spec')],
  ['engine profile', yamlOf('device-profiles/engines/llama.cpp-cpu.yaml'), (r) => validate(engineProfileSchema, r, 'fuzz.yaml', 'engine profile')],
  ['quality evidence', yamlOf('models/quality/qwen2-vl-2b.yaml'), (r) => validate(qualityFileSchema, r, 'fuzz.yaml', 'quality evidence')],
];

describe('loader fuzzing', () => {
  for (const [kind, doc, load] of kinds) {
    const all = paths(doc);
    it(`${kind}: any value in any field is accepted or a clean InputError`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: all.length - 1 }), anyValue, (i, value) => {
          try {
            load(setAt(doc, all[i], value));
          } catch (e) {
            expect(e).toBeInstanceOf(InputError);
            expect((e as InputError).line).not.toMatch(/\n/);
            expect((e as InputError).file).toBe('fuzz.yaml');
          }
        }),
        { numRuns: 300 },
      );
    });
  }
  it("a source that is an object with no string form is a clean InputError (seed 1852038441 found String() throwing)", () => {
    const doc = structuredClone(yamlOf('models/bluelm-v-3b.yaml')) as { projector: { dims: { source: unknown } } };
    doc.projector.dims.source = { toString: null };
    expect(() => validate(modelConfigSchema, doc, 'fuzz.yaml', 'model config')).toThrow(InputError);
  });
  it("model_type names that are Object.prototype keys are unknown types, not families (seed 275467292 found 'valueOf')", () => {
    const cfg = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/hf/internvl2-2b.json'), 'utf8'));
    for (const t of ['valueOf', 'constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      expect(() => importHfConfig({ ...cfg, model_type: t }, { id: 'fuzz' }), t).toThrow(InputError);
      expect(() => importHfConfig({ ...cfg, vision_config: { ...cfg.vision_config, model_type: t } }, { id: 'fuzz' }), t).not.toThrow(TypeError);
    }
  });
  it('Hugging Face import: any value in any field gives a config or a one-line InputError, never a TypeError', () => {
    const cfg = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/hf/internvl2-2b.json'), 'utf8'));
    const all = paths(cfg);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), anyValue, (i, value) => {
        try {
          importHfConfig(setAt(cfg, all[i], value), { id: 'fuzz' });
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expect((e as Error).message).not.toMatch(/\n/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
