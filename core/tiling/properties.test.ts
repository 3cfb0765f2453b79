/** Property tests over random image sizes (fast-check). */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { TILING_POLICIES, TilingError, maxTilesParam, tile, type TilingPolicy } from './index.js';

/** Image sizes from 1 px to 10k px per side, log-uniform-ish, with aspect ratio at most 200 (beyond
 * that qwen2_vl rejects the image by design, and ixc2_4khd beyond 336). */
const imageSize = fc
  .tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }))
  .filter(([w, h]) => Math.max(w, h) / Math.min(w, h) <= 200);

const run = (policy: TilingPolicy, param: string, value: number, [w, h]: [number, number]) => tile(policy, { [param]: value }, w, h);

/**
 * The max-tiles values each property ranges over: from the smallest valid value (not below the
 * paired minimum) to where the property is known to hold. mini_monkey_demo stops at 41, see below.
 */
const MAX_RANGE: Partial<Record<TilingPolicy, [number, number]>> = {
  internvl_dynamic: [1, 60],
  ixc2_4khd: [1, 80],
  mini_monkey_demo: [4, 41],
  bluelm_v3b_relaxed: [1, 20], // with the default max_side 4, nothing changes past 16
  minicpm_v25: [1, 30],
  minicpm_v26: [1, 30],
  internvl3: [1, 60],
  minicpm_v4: [1, 30],
  phi3_hd: [1, 80],
  phi4mm_dynamic: [1, 60],
  lfm2_vl: [2, 40], // min_tiles defaults to 2
};

/**
 * Images a policy's reference rejects by design (phi4mm_dynamic: a side fitted under 10 px, from
 * about 45:1 on; lfm2_vl: an input over its 1024 patches, beyond about 1000:1); the properties
 * skip them. Any other error fails the test.
 */
const REJECTS = new Set<TilingPolicy>(['phi4mm_dynamic', 'lfm2_vl']);
const orSkip = <T>(policy: TilingPolicy, f: () => T): T | undefined => {
  try {
    return f();
  } catch (e) {
    if (REJECTS.has(policy) && e instanceof TilingError) return undefined;
    throw e;
  }
};

/** Two values lo <= a < b <= hi. */
const increasingPair = ([lo, hi]: [number, number]) =>
  fc.tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: lo, max: hi })).filter(([a, b]) => a !== b).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

describe('raising the max-tiles parameter never lowers the token count', () => {
  test('every policy with a max-tiles parameter is covered here', () => {
    const withParam = TILING_POLICIES.filter((p) => maxTilesParam(p) !== undefined);
    expect(new Set(withParam)).toEqual(new Set([...Object.keys(MAX_RANGE), 'mini_monkey_eval_default']));
  });

  test.each(Object.entries(MAX_RANGE) as [TilingPolicy, [number, number]][])('%s over %j', (policy, range) => {
    const param = maxTilesParam(policy)!;
    fc.assert(
      fc.property(imageSize, increasingPair(range), (size, [a, b]) => {
        const before = orSkip(policy, () => run(policy, param, a, size));
        const after = orSkip(policy, () => run(policy, param, b, size));
        if (!before || !after) return;
        expect(after.tokens, `${size[0]}x${size[1]} ${param} ${a} -> ${b}`).toBeGreaterThanOrEqual(before.tokens);
      }),
      { numRuns: 400 },
    );
  });

  // Both Mini-Monkey variants break monotonicity in the reference algorithm itself: raising
  // detail_max can move the detailed grid D onto one that the adaptive layer's exclusion filter
  // collides with, so the adaptive layer shrinks (or empties to the 1x1 fallback) by more images
  // than D gains. What does hold is that the detailed layer's tile count never decreases.
  //  - eval (filter "drop if c | dc OR r | dr"): 448x448, detail_max 15 -> 16: D 3x4 -> 4x4 (+4 tiles),
  //    adaptive 2x3 + thumbnail -> 1x1 fallback (every 3..7 grid has a side of 1, 2 or 4):
  //    19 -> 17 images, 4864 -> 4352 tokens. Without a fallback too: 4x248, 20 -> 21: D 1x20 -> 1x21,
  //    adaptive 2x3 -> 2x2, 6912 -> 6656.
  //  - demo (filter "drop if c | dc AND r | dr"): only from detail_max 42 on, for images wider than
  //    about 41:1: 4200x100, 41 -> 42: D 41x1 -> 42x1, adaptive 7x1 -> 5x1 (7 and 6 divide 42),
  //    49 -> 48 images, 12544 -> 12288 tokens. Up to 41 no counterexample was found (random and grid
  //    searches over sizes up to 10k px), hence the range above.
  test('Mini-Monkey counterexamples are real', () => {
    const tokensAt = (policy: TilingPolicy, ks: number[], w: number, h: number) => ks.map((k) => run(policy, 'detail_max', k, [w, h]).tokens);
    expect(tokensAt('mini_monkey_eval_default', [15, 16], 448, 448)).toEqual([4864, 4352]);
    expect(tokensAt('mini_monkey_eval_default', [20, 21], 4, 248)).toEqual([6912, 6656]);
    expect(tokensAt('mini_monkey_demo', [41, 42], 4200, 100)).toEqual([12544, 12288]);
  });

  test.each([
    ['mini_monkey_demo', [4, 80]],
    ['mini_monkey_eval_default', [12, 80]],
  ] as [TilingPolicy, [number, number]][])('%s: detailed-layer tiles never decrease', (policy, range) => {
    fc.assert(
      fc.property(imageSize, increasingPair(range), (size, [a, b]) => {
        expect(run(policy, 'detail_max', b, size).tiles).toBeGreaterThanOrEqual(run(policy, 'detail_max', a, size).tiles);
      }),
      { numRuns: 400 },
    );
  });
});

describe('every policy, default params', () => {
  test.each([...TILING_POLICIES])('%s: tokens are positive integers and encoder inputs add up', (policy) => {
    fc.assert(
      fc.property(imageSize, ([w, h]) => {
        const r = orSkip(policy, () => tile(policy, {}, w, h));
        if (!r) return;
        expect(Number.isInteger(r.tokens) && r.tokens > 0, `${w}x${h}: ${r.tokens}`).toBe(true);
        const fed = r.encoder_inputs.reduce((n, i) => n + i.count, 0);
        for (const i of r.encoder_inputs) expect(Number.isInteger(i.w) && i.w > 0 && Number.isInteger(i.h) && i.h > 0).toBe(true);
        if (policy === 'qwen2_vl' || policy === 'qwen2_5_vl' || policy === 'gemma4') expect(fed).toBe(1);
        else if (policy.startsWith('mini_monkey')) expect(fed).toBe(r.extra.vit_images);
        else expect(fed).toBe(r.tiles + (r.thumbnail ? 1 : 0));
      }),
      { numRuns: 300 },
    );
  });
});
