/**
 * The 2025-26 policies: golden vectors from their reference code (test/fixtures/tiling-golden-2025.json,
 * see its header), hand-worked 1920x1080 examples, agreement with the older policies they reuse,
 * and Python float floor division.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DEFAULT_PARAMS, POLICY_DESCRIPTIONS, POLICY_PARAMS, TilingError, maxTilesParam, pyFloorDiv, tile, type TilingPolicy } from './index.js';

interface GoldenRecord {
  policy: TilingPolicy;
  params: Record<string, unknown>;
  width: number;
  height: number;
  cols?: number;
  rows?: number;
  tiles?: number;
  thumbnail?: boolean;
  resized_w?: number;
  resized_h?: number;
  tokens?: number;
  encoder_inputs?: { w: number; h: number; count: number }[];
  extra?: Record<string, unknown>;
  notes: string;
}

const fixture: { header: Record<string, unknown>; records: GoldenRecord[] } = JSON.parse(
  readFileSync(new URL('../../test/fixtures/tiling-golden-2025.json', import.meta.url), 'utf8'),
);
const golden = fixture.records;

const POLICIES_2025: TilingPolicy[] = [
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
];
const COMPARED = ['cols', 'rows', 'tiles', 'thumbnail', 'resized_w', 'resized_h', 'tokens', 'encoder_inputs'] as const;
const pick = (o: object, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));
const label = (r: GoldenRecord) => {
  const params = Object.fromEntries(Object.entries(r.params).filter(([k]) => k !== 'grid_pinpoints'));
  return `${r.policy} ${JSON.stringify(params)} ${r.width}x${r.height}`;
};

describe('golden vectors of the 2025 policies', () => {
  test('all 972 records (10 policies, 18 parameter sets, 54 sizes) are present', () => {
    expect(golden).toHaveLength(972);
    expect(new Set(golden.map((r) => r.policy))).toEqual(new Set(POLICIES_2025));
    expect(fixture.header.references).toBeDefined();
  });

  test.each(golden.map((r) => [label(r), r] as const))('%s', (_name, rec) => {
    if (rec.notes.startsWith('ERROR')) {
      expect(() => tile(rec.policy, rec.params, rec.width, rec.height), label(rec)).toThrow(TilingError);
      return;
    }
    const got = tile(rec.policy, rec.params, rec.width, rec.height);
    expect(pick(got, COMPARED), label(rec)).toEqual(pick(rec, COMPARED));
    const extraKeys = Object.keys(rec.extra ?? {});
    expect(pick(got.extra, extraKeys), `${label(rec)} extra`).toEqual(rec.extra ?? {});
  });

  test.each(POLICIES_2025)('%s: parameter names match the golden records, defaults = the first parameter set', (policy) => {
    const recs = golden.filter((r) => r.policy === policy);
    expect(new Set(POLICY_PARAMS[policy])).toEqual(new Set(recs.flatMap((r) => Object.keys(r.params))));
    expect(DEFAULT_PARAMS[policy]).toEqual(recs[0].params);
    expect(POLICY_DESCRIPTIONS[policy].length).toBeGreaterThan(10);
  });

  test('maxTilesParam of the 2025 policies', () => {
    expect(Object.fromEntries(POLICIES_2025.map((p) => [p, maxTilesParam(p) ?? null]))).toEqual({
      gemma3_pan_and_scan: null,
      idefics3: null,
      llava_onevision: null,
      phi3_hd: 'num_crops',
      phi4mm_dynamic: 'dynamic_hd',
      qwen2_5_vl: null,
      internvl3: 'max_num',
      minicpm_v4: 'max_slice_nums',
      fastvlm_fixed: null,
      gemma3n_fixed: null,
    });
  });
});

describe('1920x1080 worked by hand (default parameters)', () => {
  const at = (policy: TilingPolicy, params: Record<string, unknown> = {}) => tile(policy, params, 1920, 1080);

  test('gemma3_pan_and_scan: 1 image of 896 -> 256; with pan-and-scan 2 crops -> 768', () => {
    // Off: one 896x896 image, 256 tokens.
    expect([at('gemma3_pan_and_scan').tokens, at('gemma3_pan_and_scan').encoder_inputs]).toEqual([256, [{ w: 896, h: 896, count: 1 }]]);
    // On: 1920/1080 = 1.78 >= 1.2; n = min(floor(1920/256) = 7, floor(1.78 + 0.5) = 2) = 2, in [2, 4];
    // crops ceil(1920/2) = 960 x 1080, both >= 256: original + 2 crops = 3 x 256 = 768.
    const r = at('gemma3_pan_and_scan', { do_pan_and_scan: true });
    expect([r.cols, r.rows, r.tokens, r.extra.crop_wh]).toEqual([2, 1, 768, [960, 1080]]);
  });

  test('idefics3 (SmolVLM2-256M/500M): 12 tiles of 512 + global = 13 x 64 = 832', () => {
    // Longest edge to 2048: 2048 x int(2048 / (1920/1080)) = 1152 (even). Vision-encoder resize:
    // 2048 = 4 x 512; int(2048 / (2048/1152)) = 1152 -> ceil(1152/512) = 3 -> 1536. 4 x 3 tiles.
    const r = at('idefics3');
    expect([r.cols, r.rows, r.resized_w, r.resized_h, r.tokens]).toEqual([4, 3, 2048, 1536, 832]);
    // SmolVLM2-2.2B: 1536 x 864 -> 1536 x 1152 -> 4 x 3 tiles of 384 + global = 13 x 81 = 1053.
    expect(at('idefics3', { longest_edge: 1536, max_image_size: 384, image_seq_len: 81 }).tokens).toBe(1053);
  });

  test('llava_onevision: 5 x 3 crops, 81 x 135 features unpadded to 75 x 135, shrunk to 60 x 108', () => {
    // Best pinpoint 1920w x 1152h keeps all 2,073,600 px with the least waste: 5 x 3 crops of 384.
    // Features 27*3 = 81 x 27*5 = 135; 1920/1080 > 135/81, so new_h = int(1080 * 135/1920) = 75,
    // padding (81 - 75) // 2 = 3 each side -> 75 x 135. ratio = sqrt(75*135 / (9 * 27^2)) = 1.242 > 1.1:
    // 75 // 1.242 = 60, 135 // 1.242 = 108 -> 6480 + 60 newlines + 729 base = 7269. Encoder: 15 + 1 crops.
    const r = at('llava_onevision');
    expect([r.cols, r.rows, r.tokens, r.extra.unpadded_feature_hw, r.extra.reduced_feature_hw]).toEqual([5, 3, 7269, [75, 135], [60, 108]]);
    expect(r.encoder_inputs).toEqual([{ w: 384, h: 384, count: 16 }]);
  });

  test('phi3_hd: num_crops 4 -> 2 x 2 crops, 757 tokens; num_crops 16 -> 5 x 3, 2353', () => {
    // ratio 1.78: scale 2 fits (2 * ceil(1.125) = 4 <= 4), 3 does not (3 * ceil(1.69) = 6): long side
    // 672, short int(672 / 1.78) = 378 -> padded to 672: 2 x 2. (4 + 1)*144 + 1 + (2 + 1)*12 = 757.
    expect(pick(at('phi3_hd'), ['cols', 'rows', 'resized_w', 'resized_h', 'tokens'])).toEqual({ cols: 2, rows: 2, resized_w: 672, resized_h: 672, tokens: 757 });
    // num_crops 16: scale 5 (5 * ceil(2.81) = 15): 1680 x 945 -> 1680 x 1008, 5 x 3: 16*144 + 1 + 4*12 = 2353.
    expect(at('phi3_hd', { num_crops: 16 }).tokens).toBe(2353);
  });

  test('phi4mm_dynamic: 5 x 3 crops of 448, 45 x 80 valid tokens, 3918', () => {
    // ceil(1920/448) = 5, ceil(1080/448) = 3: 15 <= 36, canvas 2240 x 1344. 2240/1920 < 1344/1080,
    // so the fit is 2240 x int(1080 * 1.1667) = 1260, 84 px padding -> 6 of 96 mask rows zeroed;
    // [0::2] keeps 45 of the 90 valid rows and 80 of 160 columns: 256 + 1 + 45*80 + 45 + 16 = 3918.
    const r = at('phi4mm_dynamic');
    expect([r.cols, r.rows, r.resized_w, r.resized_h, r.tokens]).toEqual([5, 3, 2240, 1260, 3918]);
    // dynamic_hd 12: 15 > 12, closest-ratio grid 4 x 2 (2:1 ties 4:2, the image is large enough to
    // take the later one); fit 1592 x 896 with 200 px padding -> 14 columns zeroed: 32 x 57 tokens.
    expect(at('phi4mm_dynamic', { dynamic_hd: 12 }).tokens).toBe(256 + 1 + 32 * 57 + 32 + 16);
  });

  test('qwen2_5_vl: 1932 x 1092 -> 69 x 39 = 2691 tokens', () => {
    // round(1920/28 = 68.57) = 69 -> 1932; round(1080/28 = 38.57) = 39 -> 1092; 2.1 Mpx < 12.8 Mpx.
    expect(pick(at('qwen2_5_vl'), ['cols', 'rows', 'tokens'])).toEqual({ cols: 69, rows: 39, tokens: 2691 });
  });

  test('internvl3: 4 x 2 tiles + thumbnail = 9 x 256 = 2304', () => {
    // Within 12 tiles, 2:1 (diff 0.22) is closest to 1.78 (5:3 and 7:4 need more than 12); 4:2 ties
    // it and wins as the image is larger than half of 8 tiles (8 x 448^2 / 2 = 802,816 px).
    expect(pick(at('internvl3'), ['cols', 'rows', 'tokens'])).toEqual({ cols: 4, rows: 2, tokens: 2304 });
  });

  test('minicpm_v4: 4 x 2 slices + source = 9 x 64 = 576', () => {
    // ceil(2,073,600 / 448^2) = 11 > 9 -> m = 9; grids of 8 and 9 slices; log-ratio closest: 4 x 2.
    const r = at('minicpm_v4');
    expect([r.cols, r.rows, r.tokens]).toEqual([4, 2, 576]);
    expect(r.encoder_inputs).toEqual([
      { w: 602, h: 336, count: 1 },
      { w: 420, h: 476, count: 8 },
    ]);
  });

  test('fastvlm_fixed and gemma3n_fixed: one input, 256 tokens', () => {
    // FastViTHD: 1024 -> stem /4 -> 256 -> four /2 downsamples -> 16 x 16 = 256.
    expect([at('fastvlm_fixed').tokens, at('fastvlm_fixed').encoder_inputs]).toEqual([256, [{ w: 1024, h: 1024, count: 1 }]]);
    expect([at('gemma3n_fixed').tokens, at('gemma3n_fixed').encoder_inputs]).toEqual([256, [{ w: 768, h: 768, count: 1 }]]);
  });
});

describe('reused arithmetic agrees with the older policies', () => {
  const sizes = [...new Set(golden.map((r) => `${r.width}x${r.height}`))].map((s) => s.split('x').map(Number) as [number, number]);
  const same = (a: TilingPolicy, pa: Record<string, unknown>, b: TilingPolicy, pb: Record<string, unknown>, keys: string[]) => {
    for (const [w, h] of sizes) {
      let x: unknown;
      let y: unknown;
      try {
        x = pick(tile(a, pa, w, h), keys);
      } catch (e) {
        x = (e as Error).name;
      }
      try {
        y = pick(tile(b, pb, w, h), keys);
      } catch (e) {
        y = (e as Error).name;
      }
      expect(x, `${w}x${h}`).toEqual(y);
    }
  };
  const all = ['cols', 'rows', 'tiles', 'thumbnail', 'resized_w', 'resized_h', 'tokens', 'encoder_inputs'];

  test('internvl3 = internvl_dynamic at max_num 12', () => same('internvl3', {}, 'internvl_dynamic', { max_num: 12 }, all));
  test('qwen2_5_vl = qwen2_vl at the same defaults', () => same('qwen2_5_vl', {}, 'qwen2_vl', {}, all));
  test('minicpm_v4 = minicpm_v26 (same slicing, 64 queries)', () => same('minicpm_v4', {}, 'minicpm_v26', {}, all));
  test('phi3_hd = ixc2_4khd with hd_num = num_crops (sizes and tokens)', () => {
    for (const n of [1, 4, 16]) same('phi3_hd', { num_crops: n }, 'ixc2_4khd', { hd_num: n }, all);
  });
});

describe('rejected images', () => {
  test('phi4mm_dynamic: a side fitted under 10 px is "very extreme"', () => {
    expect(() => tile('phi4mm_dynamic', {}, 200, 1)).toThrow(/too extreme/);
    expect(() => tile('phi4mm_dynamic', {}, 1, 200)).toThrow(TilingError);
  });
  test('qwen2_5_vl: aspect ratio above 200, named as qwen2_5_vl', () => {
    expect(() => tile('qwen2_5_vl', {}, 5000, 20)).toThrow(/^qwen2_5_vl: aspect ratio 250\.0/);
  });
  test('phi3_hd: a short side resized to 0 px', () => {
    expect(() => tile('phi3_hd', {}, 10000, 1)).toThrow(/too elongated/);
  });
  test('idefics3 with the Idefics3 processor refuses longest_edge above 1820', () => {
    expect(() => tile('idefics3', { processor: 'idefics3' }, 100, 100)).toThrow(/1820/);
    expect(tile('idefics3', { processor: 'idefics3', longest_edge: 1456, max_image_size: 364 }, 1920, 1080).cols).toBe(4);
  });
});

test('pyFloorDiv is Python float //, not Math.floor(a / b)', () => {
  expect(pyFloorDiv(1, 0.1)).toBe(9); // Math.floor(1 / 0.1) is 10
  expect(pyFloorDiv(7, 0.7)).toBe(10);
  expect(pyFloorDiv(-1, 0.1)).toBe(-10);
  expect(pyFloorDiv(75, Math.sqrt((75 * 135) / (9 * 27 ** 2)))).toBe(60);
  expect(() => pyFloorDiv(1, 0)).toThrow(RangeError);
});
