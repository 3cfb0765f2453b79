import { describe, expect, it } from 'vitest';
import { readFileSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mmplan, hasStackTrace, ROOT } from './cli-helpers.js';
import { writeImage } from './image-fixtures.js';
import { resolveImageSpec } from '../cli/images.js';

type Golden = { policy: string; params: Record<string, unknown>; width: number; height: number; cols: number; rows: number; tiles: number; thumbnail: boolean; resized_w: number; resized_h: number; tokens: number };
const golden: Golden[] = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/tiling-golden.json'), 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'mmplan-tiles-'));

describe('mmplan tiles gives the golden answers', () => {
  it('for every record of the golden file (one call per policy and parameter set)', async () => {
    const groups = new Map<string, Golden[]>();
    for (const g of golden) {
      const key = g.policy + JSON.stringify(g.params);
      groups.set(key, [...(groups.get(key) ?? []), g]);
    }
    expect(groups.size).toBe(18);
    let checked = 0;
    for (const recs of groups.values()) {
      const { policy, params } = recs[0];
      // Records a policy rejects (Qwen2-VL beyond 200:1) are checked through the error path below.
      const ok = recs.filter((r) => !(policy === 'qwen2_vl' && Math.max(r.width, r.height) / Math.min(r.width, r.height) > 200));
      const args = ['tiles', '--policy', policy, '--json', '--csv=false'];
      for (const [k, v] of Object.entries(params)) args.push('--set', `${k}=${JSON.stringify(v)}`);
      for (const r of ok) args.push('--image', `${r.width}x${r.height}`);
      const out = await mmplan(args);
      expect(out.code, out.stderr).toBe(0);
      const parsed = JSON.parse(out.stdout);
      const got: Golden[] = ok.length === 1 ? [parsed] : parsed.images;
      ok.forEach((want, i) => {
        const { policy: _p, params: _q, ...fields } = want as Golden & Record<string, unknown>;
        for (const f of ['width', 'height', 'cols', 'rows', 'tiles', 'thumbnail', 'resized_w', 'resized_h', 'tokens'] as const) {
          expect(got[i][f], `${policy} ${want.width}x${want.height} ${f}`).toBe(fields[f]);
        }
        checked++;
      });
    }
    expect(checked).toBe(golden.length - 3);
  }, 180_000);
});

describe('mmplan tiles', () => {
  it('draws the grid and says the tokens', async () => {
    const r = (await mmplan(['tiles', '--model', 'bluelm-v-3b', '--image', '768x1536']));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/grid 2x4 \(8 tiles \+ thumbnail\).*1764 tokens/);
    expect(r.stdout.split('\n').filter((l) => /^\+-+\+-+\+$/.test(l))).toHaveLength(5); // 4 rows -> 5 horizontal rules
  });
  it('--set takes numbers, booleans and JSON arrays', async () => {
    const r = (await mmplan(['tiles', '--policy', 'llava_next_hf', '--image', '1000x400', '--set', 'grid_pinpoints=[[336,672],[672,336]]', '--set', 'newline_per_row=false', '--json']));
    const j = JSON.parse(r.stdout);
    expect(j.params.grid_pinpoints).toEqual([[336, 672], [672, 336]]);
    expect(j.params.newline_per_row).toBe(false);
  });
  it('reads sizes from PNG, JPEG, WebP and GIF headers, and summarizes a directory', async () => {
    const dir = join(tmp, 'imgs');
    mkdirSync(dir);
    writeImage(join(dir, 'a.png'), 'png', 1920, 1080);
    writeImage(join(dir, 'b.jpg'), 'jpeg', 768, 1536);
    writeImage(join(dir, 'c.webp'), 'webp', 448, 448);
    writeImage(join(dir, 'd.gif'), 'gif', 640, 480);
    writeFileSync(join(dir, 'notes.txt'), 'not an image');
    expect(resolveImageSpec(join(dir, 'b.jpg'), { allowDirectory: false })[0]).toMatchObject({ width: 768, height: 1536 });
    expect(resolveImageSpec(join(dir, 'c.webp'), { allowDirectory: false })[0]).toMatchObject({ width: 448, height: 448 });
    const r = (await mmplan(['tiles', '--policy', 'internvl_dynamic', '--image', dir, '--json']));
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.images.map((i: { name: string }) => i.name)).toEqual(['a.png', 'b.jpg', 'c.webp', 'd.gif']);
    // InternVL at max_num 12: 1920x1080 -> 4x2 + thumb (2304 tokens), 448x448 -> 1x1 (256).
    expect(j.images[0].tokens).toBe(2304);
    expect(j.images[2].tokens).toBe(256);
    const tokens = j.images.map((i: { tokens: number }) => i.tokens);
    expect(j.distribution.tokens.min).toBe(Math.min(...tokens));
    expect(j.distribution.tokens.max).toBe(Math.max(...tokens));
    expect(j.distribution.images).toBe(4);
  });
  it('an image file works in estimate too', async () => {
    const f = join(tmp, 'shot.png');
    writeImage(f, 'png', 768, 1536);
    const e = JSON.parse((await mmplan(['estimate', '--image', f, '--json'])).stdout);
    expect(e.tokens.image).toBe(1764);
  });
});

describe('estimate follows the policy and its tile cap', () => {
  it('--max-tiles and --policy change tiles, tokens, encode and prefill consistently', async () => {
    const base = JSON.parse((await mmplan(['estimate', '--model', 'internvl2-2b', '--image', '1920x1080', '--prompt-tokens', '64', '--json'])).stdout);
    const fewer = JSON.parse((await mmplan(['estimate', '--model', 'internvl2-2b', '--image', '1920x1080', '--prompt-tokens', '64', '--max-tiles', '4', '--json'])).stdout);
    expect(base.tokens.image).toBe(2304);
    expect(fewer.tokens.image).toBeLessThan(base.tokens.image);
    expect(fewer.tiles.count).toBeLessThan(base.tiles.count);
    expect(fewer.latency_s.vision_encode).toBeLessThan(base.latency_s.vision_encode);
    expect(fewer.latency_s.prefill).toBeLessThan(base.latency_s.prefill);
    const other = JSON.parse((await mmplan(['estimate', '--model', 'internvl2-2b', '--image', '1920x1080', '--prompt-tokens', '64', '--policy', 'minicpm_v26', '--json'])).stdout);
    expect(other.tiles.policy).toBe('minicpm_v26');
    expect(other.tokens.image).toBe(576);
  });
});

describe('images a policy rejects get a clear error, not a crash or a zero', () => {
  it('Qwen2-VL beyond 200:1', async () => {
    for (const args of [['tiles', '--policy', 'qwen2_vl', '--image', '5000x20'], ['estimate', '--model', 'qwen2-vl-2b', '--image', '5000x20']]) {
      const r = (await mmplan(args));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/aspect ratio/i);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
  });
  it('unknown policy parameter and unknown policy', async () => {
    expect((await mmplan(['tiles', '--policy', 'internvl_dynamic', '--image', '100x100', '--set', 'max_tiles=3'])).stderr).toMatch(/max_tiles/);
    expect((await mmplan(['tiles', '--policy', 'internvl', '--image', '100x100'])).stderr).toMatch(/--policy: unknown policy 'internvl'/);
  });
  it('a file that is not an image', async () => {
    const f = join(tmp, 'x.png');
    writeFileSync(f, 'hello');
    const r = (await mmplan(['tiles', '--policy', 'internvl_dynamic', '--image', f]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/x\.png: --image: not an image file/);
  });
});
