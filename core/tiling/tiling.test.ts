/**
 * Golden vectors (produced by the reference Python code), the BlueLM-V-3B paper's worked examples,
 * InternVL's CPython set orders, Python rounding, parameter checking and rejected images.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_PARAMS,
  POLICY_DESCRIPTIONS,
  POLICY_PARAMS,
  TILING_POLICIES,
  TilingError,
  internvlCandidates,
  maxTilesParam,
  pyRound,
  roundHalfEven,
  tile,
  type TilingPolicy,
} from './index.js';

interface GoldenRecord {
  policy: TilingPolicy;
  params: Record<string, unknown>;
  width: number;
  height: number;
  cols: number;
  rows: number;
  tiles: number;
  thumbnail: boolean;
  resized_w: number;
  resized_h: number;
  tokens: number;
  notes: string;
  extra?: Record<string, unknown>;
}

const golden: GoldenRecord[] = JSON.parse(readFileSync(new URL('../../test/fixtures/tiling-golden.json', import.meta.url), 'utf8'));
const COMPARED = ['cols', 'rows', 'tiles', 'thumbnail', 'resized_w', 'resized_h', 'tokens'] as const;
/** Policies with no reference implementation to take golden vectors from (fixed_resize is one resize; see fixed.test.ts). */
const NO_GOLDEN = new Set<string>(['fixed_resize']);
/** The 2025-26 policies: their golden vectors are in tiling-golden-2025.json, checked by policies-2025.test.ts. */
const POLICIES_2025 = new Set<string>([
  'gemma3_pan_and_scan',
  'idefics3',
  'llava_onevision',
  'phi3_hd',
  'phi4mm_dynamic',
  'qwen2_5_vl',
  'internvl3',
  'minicpm_v4',
  'fastvlm_fixed',
  'gemma3n_fixed',
  // Its own golden file, tiling-gemma4.json, checked by gemma4.test.ts.
  'gemma4',
  // Its own golden file, tiling-lfm2-vl.json, checked by lfm2-vl.test.ts.
  'lfm2_vl',
]);
const GOLDEN_POLICIES = TILING_POLICIES.filter((p) => !NO_GOLDEN.has(p) && !POLICIES_2025.has(p));
const label = (r: GoldenRecord) => `${r.policy} ${JSON.stringify(r.params)} ${r.width}x${r.height}`;

describe('golden vectors', () => {
  test('all 864 records are present', () => {
    expect(golden).toHaveLength(864);
    expect(new Set(golden.map((r) => r.policy))).toEqual(new Set(GOLDEN_POLICIES));
  });

  test.each(golden.map((r) => [label(r), r] as const))('%s', (_name, rec) => {
    if (rec.notes.startsWith('ERROR')) {
      expect(() => tile(rec.policy, rec.params, rec.width, rec.height), label(rec)).toThrow(TilingError);
      return;
    }
    const got = tile(rec.policy, rec.params, rec.width, rec.height);
    const pick = (o: object, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));
    expect(pick(got, COMPARED), label(rec)).toEqual(pick(rec, COMPARED));
    // The reference's extra values (LLM tokens with wrappers, unpad sizes, refine sizes...) too.
    const extraKeys = Object.keys(rec.extra ?? {});
    expect(pick(got.extra, extraKeys), `${label(rec)} extra`).toEqual(rec.extra ?? {});
  });

  test('every policy accepts exactly the parameter names of its golden records, and defaults name them all', () => {
    for (const policy of GOLDEN_POLICIES) {
      const names = new Set(golden.filter((r) => r.policy === policy).flatMap((r) => Object.keys(r.params)));
      expect(new Set(POLICY_PARAMS[policy]), policy).toEqual(names);
      expect(new Set(Object.keys(DEFAULT_PARAMS[policy])), policy).toEqual(names);
      expect(POLICY_DESCRIPTIONS[policy].length, policy).toBeGreaterThan(10);
    }
  });
});

describe('BlueLM-V-3B paper examples (default params)', () => {
  test.each([
    [394, 390, 1, 1],
    [380, 76, 1, 1],
    [380, 393, 1, 1],
    [500, 102, 2, 1],
  ])('%ix%i -> %i:%i', (w, h, cols, rows) => {
    const r = tile('bluelm_v3b_relaxed', {}, w, h);
    expect([r.cols, r.rows]).toEqual([cols, rows]);
  });

  test('500x102 -> 768x384', () => {
    const r = tile('bluelm_v3b_relaxed', {}, 500, 102);
    expect([r.resized_w, r.resized_h]).toEqual([768, 384]);
  });

  test('768x1536 -> 2 cols x 4 rows, 8 + thumbnail = 9 patches, 1764 tokens', () => {
    const r = tile('bluelm_v3b_relaxed', {}, 768, 1536);
    expect([r.cols, r.rows, r.tiles, r.thumbnail, r.tokens]).toEqual([2, 4, 8, true, 1764]);
    expect(r.encoder_inputs).toEqual([{ w: 384, h: 384, count: 9 }]);
  });
});

describe('InternVL candidate order (CPython set iteration, then stable sort by area)', () => {
  // Copied from tiling-spec.md, which lists the reference's orders.
  const SPEC_ORDERS: Record<string, string> = {
    '1..6': '(1,1)(1,2)(2,1)(3,1)(1,3)(4,1)(1,4)(2,2)(1,5)(5,1)(6,1)(2,3)(1,6)(3,2)',
    '1..12':
      '(1,1)(1,2)(2,1)(3,1)(1,3)(2,2)(4,1)(1,4)(5,1)(1,5)(1,6)(6,1)(3,2)(2,3)(7,1)(1,7)(4,2)(2,4)' +
      '(1,8)(8,1)(1,9)(3,3)(9,1)(2,5)(5,2)(10,1)(1,10)(11,1)(1,11)(12,1)(3,4)(4,3)(1,12)(6,2)(2,6)',
    '4..12':
      '(2,2)(4,1)(1,4)(5,1)(1,5)(1,6)(6,1)(3,2)(2,3)(7,1)(1,7)(4,2)(2,4)(1,8)(8,1)(1,9)(3,3)(9,1)(2,5)(5,2)(10,1)(1,10)(11,1)(1,11)(12,1)(3,4)(4,3)(1,12)(6,2)(2,6)',
    '3..7': '(3,1)(1,3)(4,1)(1,4)(2,2)(1,5)(5,1)(6,1)(2,3)(1,6)(3,2)(7,1)(1,7)',
    '12..23':
      '(12,1)(3,4)(4,3)(1,12)(6,2)(2,6)(13,1)(1,13)(14,1)(2,7)(1,14)(7,2)(1,15)(5,3)(15,1)(3,5)(2,8)(16,1)(8,2)(4,4)(1,16)(1,17)(17,1)(9,2)(1,18)(18,1)(3,6)(2,9)(6,3)(1,19)(19,1)(5,4)(20,1)(4,5)(10,2)(2,10)(1,20)(3,7)(1,21)(7,3)(21,1)(11,2)(2,11)(22,1)(1,22)(23,1)(1,23)',
    '11..23':
      '(11,1)(1,11)(12,1)(3,4)(4,3)(1,12)(6,2)(2,6)(13,1)(1,13)(14,1)(2,7)(1,14)(7,2)(1,15)(5,3)(15,1)(3,5)(2,8)(16,1)(8,2)(4,4)(1,16)(1,17)(17,1)(9,2)(1,18)(18,1)(3,6)(2,9)(6,3)(1,19)(19,1)(5,4)(20,1)(4,5)(10,2)(2,10)(1,20)(3,7)(1,21)(7,3)(21,1)(11,2)(2,11)(22,1)(1,22)(23,1)(1,23)',
    '6..12':
      '(1,6)(6,1)(3,2)(2,3)(7,1)(1,7)(4,2)(2,4)(1,8)(8,1)(1,9)(3,3)(9,1)(2,5)(5,2)(10,1)(1,10)(11,1)(1,11)(12,1)(3,4)(4,3)(1,12)(6,2)(2,6)',
    '2..10':
      '(1,2)(2,1)(3,1)(1,3)(2,2)(4,1)(1,4)(5,1)(1,5)(1,6)(6,1)(3,2)(2,3)(7,1)(1,7)(4,2)(2,4)(1,8)(8,1)(1,9)(3,3)(9,1)(2,5)(5,2)(10,1)(1,10)',
    '2..5': '(1,2)(2,1)(3,1)(1,3)(4,1)(1,4)(2,2)(1,5)(5,1)',
  };
  test.each(Object.entries(SPEC_ORDERS))('%s', (range, order) => {
    const [lo, hi] = range.split('..').map(Number);
    const expected = [...order.matchAll(/\((\d+),(\d+)\)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(internvlCandidates(lo, hi).map((g) => [...g])).toEqual(expected);
  });

  test('exact cross-ratio tie: 1344x896 in 12..23 keeps (4,3) over the equally close (5,3)', () => {
    const r = tile('mini_monkey_eval_default', {}, 1344, 896);
    expect([r.cols, r.rows]).toEqual([4, 3]);
  });
});

describe('Python rounding', () => {
  test('round() is half-to-even', () => {
    expect([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, 38.5, 2.4999999999999996, 1e300].map(roundHalfEven)).toEqual([0, 2, 2, 4, 0, -2, 38, 2, 1e300]);
    expect(Object.is(roundHalfEven(-0.4), 0)).toBe(true);
  });
  test('round(x, n) rounds the exact binary value, halves to even', () => {
    expect(pyRound(2.675, 2)).toBe(2.67); // 2.675 is 2.67499999... in binary
    expect(pyRound(0.125, 2)).toBe(0.12); // an exact half
    expect(pyRound(0.375, 2)).toBe(0.38);
    expect(pyRound(23.99999996, 7)).toBe(24);
    expect(pyRound(23.99999994, 7)).toBe(23.9999999);
  });
});

describe('parameters and rejected images', () => {
  test('qwen2_vl rejects 5000x20 (aspect ratio 250 > 200)', () => {
    expect(() => tile('qwen2_vl', {}, 5000, 20)).toThrow(TilingError);
    expect(() => tile('qwen2_vl', {}, 5000, 20)).toThrow(/aspect ratio 250\.0 .*exceeds the limit of 200/);
    expect(() => tile('qwen2_vl', {}, 20, 5000)).toThrow(/aspect ratio/);
  });

  test.each([
    [0, 100],
    [100, 0],
    [-5, 100],
    [10.5, 100],
    [Number.NaN, 100],
  ])('image %s x %s is rejected for every policy', (w, h) => {
    for (const policy of TILING_POLICIES) expect(() => tile(policy, {}, w, h), policy).toThrow(/must be a positive integer/);
  });

  test('an unknown parameter name throws, naming it', () => {
    expect(() => tile('internvl_dynamic', { max_nums: 6 }, 100, 100)).toThrow(TilingError);
    expect(() => tile('internvl_dynamic', { max_nums: 6 }, 100, 100)).toThrow(/unknown parameter "max_nums"/);
  });

  test('a wrongly typed parameter throws, naming it and what was expected', () => {
    expect(() => tile('internvl_dynamic', { max_num: '12' }, 100, 100)).toThrow(/"max_num" expected an integer >= 1, found "12"/);
    expect(() => tile('internvl_dynamic', { use_thumbnail: 1 }, 100, 100)).toThrow(/"use_thumbnail" expected true or false/);
    expect(() => tile('llava_next_hf', { pinpoint_order: 'hw' }, 100, 100)).toThrow(/"pinpoint_order" expected one of/);
    expect(() => tile('llava_next_hf', { grid_pinpoints: [[336]] }, 100, 100)).toThrow(/"grid_pinpoints"/);
    expect(() => tile('mini_monkey_demo', { scm_keep_ratio: 0 }, 100, 100)).toThrow(/"scm_keep_ratio"/);
  });

  test('inconsistent parameters throw', () => {
    expect(() => tile('internvl_dynamic', { min_num: 7, max_num: 6 }, 100, 100)).toThrow(/min_num \(7\) must not exceed max_num \(6\)/);
    expect(() => tile('qwen2_vl', { factor: 32 }, 100, 100)).toThrow(/factor/);
    expect(() => tile('unknown_policy' as TilingPolicy, {}, 100, 100)).toThrow(/unknown tiling policy/);
  });

  test('ixc2_4khd rejects an image whose short side would resize to 0 px', () => {
    expect(() => tile('ixc2_4khd', {}, 10000, 1)).toThrow(/too elongated/);
  });

  test('params are merged over the defaults and echoed back resolved', () => {
    const r = tile('internvl_dynamic', { max_num: 6 }, 200, 150);
    expect(r.params).toEqual({ ...DEFAULT_PARAMS.internvl_dynamic, max_num: 6 });
    expect([r.cols, r.rows, r.tokens]).toEqual([3, 2, 1792]);
  });

  test('maxTilesParam maps --max-tiles onto each policy', () => {
    const older = TILING_POLICIES.filter((p) => !POLICIES_2025.has(p)); // the 2025 ones: policies-2025.test.ts
    expect(Object.fromEntries(older.map((p) => [p, maxTilesParam(p)]))).toEqual({
      internvl_dynamic: 'max_num',
      llava_next_hf: undefined,
      llava_next_orig: undefined,
      ixc2_4khd: 'hd_num',
      mini_monkey_demo: 'detail_max',
      mini_monkey_eval_default: 'detail_max',
      bluelm_v3b_relaxed: 'max_patches',
      qwen2_vl: undefined,
      minicpm_v25: 'max_slice_nums',
      minicpm_v26: 'max_slice_nums',
    });
    for (const p of TILING_POLICIES) {
      const name = maxTilesParam(p);
      if (name) expect(POLICY_PARAMS[p]).toContain(name);
    }
  });
});

describe('encoder inputs', () => {
  test('MiniCPM-V lists the source image and the slices with their own sizes', () => {
    const r = tile('minicpm_v26', {}, 1920, 1080);
    expect(r.encoder_inputs).toEqual([
      { w: 602, h: 336, count: 1 },
      { w: 420, h: 476, count: 8 },
    ]);
  });
  test('Qwen2-VL feeds one resized image', () => {
    const r = tile('qwen2_vl', {}, 1920, 1080);
    expect(r.encoder_inputs).toEqual([{ w: r.resized_w, h: r.resized_h, count: 1 }]);
  });
  test('Mini-Monkey feeds detail tiles + adaptive tiles + one thumbnail', () => {
    const r = tile('mini_monkey_demo', {}, 448, 448);
    expect(r.encoder_inputs).toEqual([{ w: 448, h: 448, count: 11 }]);
  });
});

test('llava_next: very thin images unpad to 0 feature rows and keep only the base image tokens', () => {
  expect(tile('llava_next_hf', {}, 5000, 20).tokens).toBe(576);
  expect(tile('llava_next_orig', {}, 20000, 2).tokens).toBe(576);
});
