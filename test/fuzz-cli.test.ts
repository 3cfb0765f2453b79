/**
 * Fuzzing the command line: every command's flags, discovered from its own --help (so a new flag is
 * fuzzed without editing this test), given random values of their declared type (numbers from
 * NaN to 1e308, strings from empty to paths that do not exist or are devices, booleans, lists).
 * Whatever the values, the exit code is 0 or 2, never 1 (an internal error), and no stack trace.
 * Runs in a scratch folder: a random --out lands there.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mmplan, hasStackTrace, ROOT } from './cli-helpers.js';

type Flag = { name: string; type: 'string' | 'number' | 'boolean' | 'array' };

/** Flags and their types as a command's --help prints them. */
async function flagsOf(command: string[]): Promise<Flag[]> {
  const help = (await mmplan([...command, '--help'])).stdout;
  const out: Flag[] = [];
  let current: string | undefined;
  for (const line of help.split('\n')) {
    const m = /^\s+(?:-\w, )?--([\w-]+)\s/.exec(line);
    if (m) current = m[1];
    const t = /\[(string|number|boolean|array)\]/.exec(line);
    if (current && t) {
      out.push({ name: current, type: t[1] as Flag['type'] });
      current = undefined;
    }
  }
  // Help and version print and exit; --debug only adds a trace (which this test forbids).
  return out.filter((f) => !['help', 'version', 'debug'].includes(f.name));
}

const tmp = mkdtempSync(join(tmpdir(), 'mmplan-fuzz-cli-'));
const cwd = process.cwd();
const SPEC = join(tmp, 'spec.yaml');
const RECORDS = join(tmp, 'records.yaml');

// Each command with the arguments it needs to reach its flags, small enough to run in milliseconds.
const COMMANDS: string[][] = [
  ['estimate'],
  ['tiles', '--policy', 'internvl_dynamic', '--image', '640x480'],
  ['compare-tiling', '--image', '640x480'],
  ['list', 'models'],
  ['import-hf', join(ROOT, 'test/fixtures/hf/qwen2-1.5b-instruct.json')],
  ['chart', 'tiles', SPEC, '--out', join(tmp, 'c.png')],
  ['sweep', SPEC],
  ['validate', RECORDS],
];

const STRINGS = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', '.', '..', '/', '/dev/zero', '/dev/null', '/nonexistent/x.yaml', 'x'.repeat(300), 'dimensity-9300', 'llama-3.2-1b', '768x1536', '0x0', 'a,b', '-1', 'NaN', '{]', 'out.csv', '1/0', '3/2', 'DocVQA_val'),
);
const NUMBERS = fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double(), fc.constantFrom(0, -1, 1, 2, 1e308, -0, 0.5, 33, 65537));
const valueOf = (f: Flag) => (f.type === 'boolean' ? fc.boolean() : f.type === 'number' ? NUMBERS : f.type === 'array' ? fc.array(STRINGS, { minLength: 1, maxLength: 2 }) : STRINGS);

describe('CLI flag fuzzing', () => {
  const flags = new Map<string, Flag[]>();
  beforeAll(async () => {
    writeFileSync(SPEC, 'base: {model: internvl2-2b, prompt_tokens: 64}\naxes: {chunk: [64, 128]}\nobjectives: [min latency_s.ttft]\n');
    writeFileSync(
      RECORDS,
      '- {id: r1, source: test, metric: decode_tok_s, value: 30, model: Llama-3.2-1B-Instruct, device_soc: Snapdragon 8 Gen 3, engine: llama.cpp, processor: CPU, weight_bits: 4, prompt_tokens: 64, output_tokens: 64}\n',
    );
    for (const c of COMMANDS) flags.set(c[0], await flagsOf(c.slice(0, c[0] === 'list' || c[0] === 'chart' ? 2 : 1)));
    process.chdir(tmp);
  });
  afterAll(() => {
    process.chdir(cwd);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('discovers the flags of every command from its help', () => {
    expect(flags.get('estimate')!.map((f) => f.name)).toEqual(expect.arrayContaining(['device', 'model', 'wbits', 'image', 'json', 'csv']));
    expect(flags.get('sweep')!.map((f) => f.name)).toEqual(expect.arrayContaining(['out', 'workers', 'shard']));
  });

  it('random values of every declared type never end in an internal error', async () => {
    const seen = { ok: 0, input: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: COMMANDS.length - 1 }).chain((i) => {
          const fs = flags.get(COMMANDS[i][0])!;
          return fc.tuple(fc.constant(i), fc.uniqueArray(fc.integer({ min: 0, max: fs.length - 1 }), { minLength: 1, maxLength: 3 }).chain((picked) => fc.tuple(...picked.map((p) => fc.tuple(fc.constant(fs[p]), valueOf(fs[p]))))));
        }),
        async ([i, chosen]) => {
          const args = [...COMMANDS[i]];
          for (const [f, v] of chosen) {
            if (f.type === 'boolean') args.push(v ? `--${f.name}` : `--no-${f.name}`);
            else if (Array.isArray(v)) for (const x of v) args.push(`--${f.name}=${x}`);
            else args.push(`--${f.name}=${String(v)}`);
          }
          const r = await mmplan(args);
          expect([0, 2], `${args.join(' ')}\n${r.stderr}`).toContain(r.code);
          expect(hasStackTrace(r.stderr), r.stderr).toBe(false);
          expect(r.stderr).not.toMatch(/internal error/);
          if (r.code === 0) seen.ok++;
          else seen.input++;
        },
      ),
      { numRuns: 100, seed: 12 },
    );
    // Both outcomes happen: the fuzzer reaches working runs and refused ones.
    expect(seen.ok).toBeGreaterThan(10);
    expect(seen.input).toBeGreaterThan(10);
  }, 240_000);
});
