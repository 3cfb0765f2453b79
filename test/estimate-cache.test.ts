/**
 * The stage memo must never change an answer: for random scenarios evaluated one after another
 * through one shared cache, every estimate equals the same estimate computed without a cache. A
 * stage key that leaves out an input it reads makes two different scenarios share a result and
 * fails this test.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { estimate, newEstimateCache } from '../core/estimate/index.js';
import { resolveScenario } from '../core/scenario.js';
import type { ScenarioFile } from '../core/schema/index.js';
import { device, model } from './helpers.js';

const DEVICES = ['dimensity-9300', 'snapdragon-8-gen-3', 'apple-a17-pro'].map(device);
const MODELS = ['bluelm-v-3b', 'mini-monkey', 'qwen2-vl-2b', 'llama-3.2-1b', 'minicpm-v-2.6'].map(model);

// Small domains on purpose: the same stage inputs recur often, so a key that misses an input
// (two scenarios differing only there) is caught.
const scenario = fc.record({
  d: fc.integer({ min: 0, max: DEVICES.length - 1 }),
  m: fc.integer({ min: 0, max: MODELS.length - 1 }),
  file: fc.record(
    {
      images: fc.array(fc.constantFrom({ width: 768, height: 1536 }, { width: 1920, height: 1080 }, { width: 448, height: 448 }), { minLength: 1, maxLength: 2 }),
      prompt_tokens: fc.constantFrom(0, 64, 300),
      output_tokens: fc.constantFrom(1, 2, 64),
      llm: fc.record({ wbits: fc.constantFrom(2, 3, 4, 8, 16), abits: fc.constantFrom(8, 16) }),
      vit: fc.record({ wbits: fc.constantFrom(4, 8, 16) }),
      kv_bits: fc.constantFrom(4, 8, 16),
      chunk: fc.constantFrom(32, 64, 128, 256),
      vit_batch: fc.constantFrom(1, 4),
      placement: fc.record({ llm: fc.constantFrom('cpu', 'gpu', 'npu'), vit: fc.constantFrom('cpu', 'gpu', 'npu') }),
      pipeline_patch_embed: fc.boolean(),
      samples: fc.constantFrom(1, 2),
      pruning: fc.option(fc.record({ method: fc.constantFrom('keep_ratio', 'scm'), layer: fc.constantFrom(0, 2, 40), keep_ratio: fc.constantFrom(0.25, 0.5) }), { nil: undefined }),
    },
    { requiredKeys: [] },
  ),
});

/** One field of a scenario changed: the memo must tell the two apart wherever the answer differs. */
const mutation = fc.oneof(
  fc.record({ kv_bits: fc.constantFrom(4, 8, 16) }),
  fc.record({ output_tokens: fc.constantFrom(1, 2, 64) }),
  fc.record({ prompt_tokens: fc.constantFrom(0, 64, 300) }),
  fc.record({ chunk: fc.constantFrom(32, 64, 128, 256) }),
  fc.record({ vit_batch: fc.constantFrom(1, 2, 4) }),
  fc.record({ samples: fc.constantFrom(1, 2) }),
  fc.record({ pipeline_patch_embed: fc.boolean() }),
  fc.record({ llm: fc.record({ wbits: fc.constantFrom(2, 4, 8), abits: fc.constantFrom(8, 16) }) }),
  fc.record({ embeddings: fc.record({ wbits: fc.constantFrom(4, 8, 16) }) }),
  fc.record({ vit: fc.record({ wbits: fc.constantFrom(4, 8, 16) }) }),
  fc.record({ projector: fc.record({ wbits: fc.constantFrom(4, 8, 16) }) }),
  fc.record({ images: fc.constantFrom([{ width: 768, height: 1536 }], [{ width: 448, height: 448 }, { width: 1920, height: 1080 }]) }),
  fc.record({ tiling: fc.record({ max_tiles: fc.constantFrom(1, 4, 6) }) }),
  fc.record({ placement: fc.record({ llm: fc.constantFrom('cpu', 'gpu', 'npu') }) }),
  fc.record({ placement: fc.record({ vit: fc.constantFrom('cpu', 'gpu', 'npu'), projector: fc.constantFrom('cpu', 'gpu', 'npu') }) }),
  fc.record({ kv_capacity: fc.constantFrom(4096, 8192) }),
  fc.record({ pruning: fc.record({ method: fc.constantFrom('keep_ratio', 'scm'), layer: fc.constantFrom(0, 2, 40), keep_ratio: fc.constantFrom(0.25, 0.5) }) }),
);

describe('estimate stage memo', () => {
  it('a cached estimate equals an uncached one, for random scenarios and one-field changes sharing one cache', () => {
    const cache = newEstimateCache();
    let compared = 0;
    fc.assert(
      fc.property(scenario, fc.array(mutation, { minLength: 1, maxLength: 6 }), ({ d, m, file }, changes) => {
        const dev = DEVICES[d];
        const mod = MODELS[m];
        for (const change of [{}, ...changes]) {
          let s;
          try {
            s = resolveScenario(mod, dev, { ...(file as ScenarioFile), ...(change as ScenarioFile) }).scenario;
          } catch {
            continue; // a placement this device lacks, a cap this policy has not: not a scenario
          }
          let plain;
          try {
            plain = estimate(dev, mod, s);
          } catch (e) {
            // An invalid scenario must fail the same way through the cache.
            expect(() => estimate(dev, mod, s, { cache })).toThrow((e as Error).message);
            continue;
          }
          expect(estimate(dev, mod, s, { cache })).toEqual(plain);
          compared++;
        }
      }),
      { numRuns: 400, seed: 11 },
    );
    // Most random scenarios are valid: the test compared real estimates, not only errors.
    expect(compared).toBeGreaterThan(1000);
  });
});
