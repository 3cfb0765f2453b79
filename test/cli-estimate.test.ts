import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mmplan, hasStackTrace, parseCsv } from './cli-helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'mmplan-cli-'));

describe('mmplan estimate', () => {
  it('with no flags runs the default scenario and prints the phase and memory breakdown', async () => {
    const r = (await mmplan(['estimate']));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/BlueLM-V-3B on MediaTek Dimensity 9300/);
    expect(r.stdout).toMatch(/1764 image \+ 284 text = 2048/);
    expect(r.stdout).toMatch(/vision encode/);
    expect(r.stdout).toMatch(/peak \(/);
  });
  it('--json prints the contract fields', async () => {
    const r = (await mmplan(['estimate', '--json']));
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.tiles).toMatchObject({ count: 9, grid: [2, 4], thumbnail: true });
    expect(e.tokens).toMatchObject({ image: 1764, text: 284, total: 2048 });
    for (const k of ['preprocess', 'vision_encode', 'projector', 'prefill', 'ttft', 'decode_total', 'e2e']) expect(typeof e.latency_s[k]).toBe('number');
    for (const k of ['mean', 'first', 'last']) expect(typeof e.decode_tok_s[k]).toBe('number');
    expect(typeof e.prefill_tok_s).toBe('number');
    for (const k of ['weights', 'kv_cache', 'activations', 'runtime', 'peak']) expect(typeof e.memory_gb[k]).toBe('number');
    expect(e.fits).toBe(true);
    expect(Array.isArray(e.assumptions)).toBe(true);
  });
  it('--csv prints a header and one row with the same numbers', async () => {
    const r = (await mmplan(['estimate', '--csv']));
    const [cols, row, ...rest] = parseCsv(r.stdout);
    expect(rest).toEqual([]);
    expect(row).toHaveLength(cols.length);
    expect(row[cols.indexOf('tokens_total')]).toBe('2048');
    // BlueLM's 768x1536 image: a 2x4 grid plus a thumbnail (the grid itself is in --json).
    expect(row[cols.indexOf('tiles')]).toBe('9');
  });
  it('flags change the scenario: another model, device, image and bits', async () => {
    const r = (await mmplan(['estimate', '--model', 'internvl2-2b', '--device', 'snapdragon-8-gen-3', '--image', '1920x1080', '--wbits', '4', '--json']));
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.model).toBe('internvl2-2b');
    expect(e.tiles.grid).toEqual([4, 2]);
    expect(e.tokens.image).toBe(256 * 9);
  });
  it('a scenario file is read and flags override it', async () => {
    const f = join(tmp, 'scn.yaml');
    writeFileSync(f, 'model: internvl2-2b\nimages: [448x448]\nprompt_tokens: 100\noutput_tokens: 10\n');
    const e = JSON.parse((await mmplan(['estimate', '--scenario', f, '--prompt-tokens', '50', '--json'])).stdout);
    expect(e.tokens).toMatchObject({ image: 256, text: 50, total: 306 });
  });
  it('mmplan --help lists the commands; list shows the zoo', async () => {
    const h = (await mmplan(['--help']));
    expect(h.code).toBe(0);
    for (const c of ['estimate', 'list', 'import-hf']) expect(h.stdout).toContain(`mmplan ${c}`);
    expect((await mmplan(['list', 'devices'])).stdout).toMatch(/dimensity-9300/);
    expect((await mmplan(['list', 'models'])).stdout).toMatch(/bluelm-v-3b/);
  });
});

describe('bad input: one line naming file and field, exit 2, no stack trace', () => {
  const bad = async (args: string[], pattern: RegExp) => {
    const r = (await mmplan(args));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(hasStackTrace(r.stderr)).toBe(false);
    return r;
  };
  it('unknown device, with a did-you-mean', async () => void (await bad(['estimate', '--device', 'dimensty-9300'], /--device: unknown device 'dimensty-9300'; did you mean 'dimensity-9300'\?/)));
  it('malformed YAML', async () => {
    const f = join(tmp, 'broken.yaml');
    writeFileSync(f, 'id: x\nmemory: [1, 2\n');
    await bad(['estimate', '--device', f], /broken\.yaml: malformed YAML/);
  });
  it('a profile field of the wrong kind names its path', async () => {
    const f = join(tmp, 'dev.yaml');
    writeFileSync(f, 'id: x\nname: X\nclass: phone\nmemory: {type: LPDDR5, bandwidth: 10 GB, total: 8 GB, usable: 4 GB}\nunits: {}\npreprocess_per_pixel: 3 ns\nruntime_overhead: 100 MB\ndefault_placement: {patch_embed: cpu, vit: cpu, projector: cpu, llm: cpu}\n');
    await bad(['estimate', '--device', f], /dev\.yaml: memory\.bandwidth: expected a quantity in B\/s/);
  });
  it('negative bits', async () => void (await bad(['estimate', '--wbits', '-3'], /--wbits: expected an integer >= 1, found -3/)));
  it('a model that does not fit the device', async () => {
    const r = await bad(['estimate', '--model', 'internvl2-8b', '--device', 'raspberry-pi-5', '--wbits', '16', '--prompt-tokens', '100'], /raspberry-pi-5\.yaml: memory\.usable: .* more than the .* usable/);
    expect(r.stdout).toMatch(/fits: NO/);
  });
  it('--debug adds the stack trace', async () => {
    const r = (await mmplan(['estimate', '--device', 'nope', '--debug']));
    expect(r.code).toBe(2);
    expect(hasStackTrace(r.stderr)).toBe(true);
  });
});
