/**
 * One screen by default (issue 17): `mmplan estimate` fits in 45 lines for the default, a text model and a
 * two-image VLM on a named phone; a text-only model shows no vision rows; --explain adds every benchmark and
 * every assumption with its source.
 */
import { describe, expect, it } from 'vitest';
import { mmplan } from './cli-helpers.js';

const lines = (s: string) => s.trimEnd().split('\n');

describe('estimate on one screen', () => {
  const runs: string[][] = [
    [],
    ['--model', 'llama-3.2-1b'],
    ['--model', 'qwen2.5-vl-3b', '--image', '1920x1080', '--image', '800x600', '--device', 'Pixel 9 Pro', '--no-fit-check'],
    ['--model', 'gemma-3n-e2b', '--device', 'Galaxy S24', '--engine', 'llama.cpp-gpu'],
  ];
  for (const args of runs) {
    it(`at most 45 lines: ${args.join(' ') || '(default)'}`, async () => {
      const r = await mmplan(['estimate', ...args]);
      expect(r.code, r.stderr).toBe(0);
      expect(lines(r.stdout).length).toBeLessThanOrEqual(45);
      // The plan as resolved, the verdict and the energy line are on it.
      expect(r.stdout).toMatch(/^plan: engine \S+/m);
      expect(r.stdout).toMatch(/^fits: /m);
      expect(r.stdout).toMatch(/^energy: /m);
    });
  }
  it('a text-only model shows no ViT, projector or image rows', async () => {
    const r = await mmplan(['estimate', '--model', 'llama-3.2-1b']);
    expect(r.stdout).not.toMatch(/ViT|projector|vision encode|preprocess/);
  });
  it('--explain prints the rest: every assumption with its source', async () => {
    const short = await mmplan(['estimate']);
    const long = await mmplan(['estimate', '--explain']);
    expect(lines(long.stdout).length).toBeGreaterThan(lines(short.stdout).length + 20);
    expect(long.stdout).toMatch(/^assumptions:\n {2}- /m);
    expect(long.stdout).toMatch(/default engine: neuropilot-npu/);
  });
});
