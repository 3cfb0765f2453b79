/**
 * No user mistake is an internal error and no input hangs the tool. One block per class of problem
 * (special files, output paths, deep nesting, unusable measurements, quantities, conflicting flags,
 * sweeps, closed pipes, signals), each case run through the in-process CLI and checked for: its
 * exit code, one line on stderr naming the file or flag, no stack trace, and no file created or
 * changed. Signals and closed pipes need a real process and spawn one.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { mmplan, hasStackTrace, ROOT, CLI } from './cli-helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'mmplan-robust-'));
const file = (name: string, content: string | Buffer) => {
  const f = join(tmp, name);
  writeFileSync(f, content);
  return f;
};
const devYaml = () => parse(readFileSync(join(ROOT, 'device-profiles/dimensity-9300.yaml'), 'utf8'));
const device = (name: string, edit: (d: Record<string, any>) => void) => {
  const d = devYaml();
  edit(d);
  return file(`${name}.yaml`, stringify(d));
};
const SPEC = join(ROOT, 'examples/bluelm-quant-sweep.yaml');

// Special files: a named pipe, a socket, a character device.
const fifo = join(tmp, 'pipe.yaml');
const fifoPng = join(tmp, 'pipe.png');
const sock = join(tmp, 'sock.png');
let server: Server;
beforeAll(async () => {
  execFileSync('mkfifo', [fifo, fifoPng]);
  server = createServer();
  await new Promise<void>((r) => server.listen(sock, r));
});
afterAll(() => {
  server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Every file in the scratch folder with its size and time: nothing may appear or change. */
function snapshot(): string {
  return readdirSync(tmp, { recursive: true })
    .map(String)
    .sort()
    .map((f) => {
      const st = statSync(join(tmp, f));
      return `${f}:${st.isFile() ? `${st.size}:${st.mtimeMs}` : 'x'}`;
    })
    .join('\n');
}

type Case = { label: string; args: () => string[]; code?: number; stderr: RegExp; stdout?: RegExp };

/** Run cases: exit code (2 by default), one line (or the expected lines) on stderr, no trace, nothing written. */
function runCases(cases: Case[]) {
  it.each(cases)('$label', async ({ args, code = 2, stderr, stdout }) => {
    const argv = args();
    const before = snapshot();
    const r = await mmplan(argv);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toMatch(stderr);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.stderr).not.toMatch(/internal error/);
    if (code === 2) expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    if (stdout) expect(r.stdout).toMatch(stdout);
    expect(snapshot()).toBe(before);
  });
}

describe('special files are refused at once, reads are bounded', () => {
  runCases([
    { label: '--image a FIFO (would block forever)', args: () => ['estimate', '--image', fifoPng], stderr: /pipe\.png: --image: is a named pipe \(FIFO\); expected a regular file/ },
    { label: '--image /dev/zero (would never end)', args: () => ['estimate', '--image', '/dev/zero'], stderr: /\/dev\/zero: --image: is a character device; expected a regular file/ },
    { label: '--image a socket', args: () => ['estimate', '--image', sock], stderr: /sock\.png: --image: is a socket; expected a regular file/ },
    { label: '--device a FIFO', args: () => ['estimate', '--device', fifo], stderr: /pipe\.yaml: is a named pipe \(FIFO\); expected a regular file/ },
    { label: '--scenario /dev/zero', args: () => ['estimate', '--scenario', '/dev/zero'], stderr: /\/dev\/zero: is a character device; expected a regular file/ },
    { label: 'a sweep spec that is a FIFO', args: () => ['sweep', fifo], stderr: /pipe\.yaml: is a named pipe \(FIFO\)/ },
    { label: 'measurements from /dev/urandom', args: () => ['validate', '/dev/urandom'], stderr: /\/dev\/urandom: is a character device; expected a regular file/ },
    { label: '--quality scores from /dev/zero', args: () => ['estimate', '--quality', '/dev/zero'], stderr: /\/dev\/zero: --quality: is a character device; expected a regular file/ },
    { label: 'import-hf of a folder', args: () => ['import-hf', tmp], stderr: /: is a folder; expected a regular file/ },
    { label: 'tiles over a folder holding a FIFO named .png', args: () => ['tiles', '--policy', 'internvl_dynamic', '--image', tmp], stderr: /pipe\.png: --image: is a named pipe/ },
  ]);
});

describe('output paths: a sentence, exit 2, no temporary file left', () => {
  const existing = file('existing.txt', 'mine\n');
  runCases([
    { label: 'sweep --out into a folder that does not exist', args: () => ['sweep', SPEC, '--out', join(tmp, 'no-such', 'r.csv')], stderr: /r\.csv: --out: the folder .*no-such does not exist/ },
    { label: 'calibrate --out into a folder that does not exist', args: () => ['calibrate', '--device', 'snapdragon-8-gen-1', '--out', join(tmp, 'nope', 'c.yaml'), '--no-errors'], stderr: /c\.yaml: --out: the folder .*nope does not exist/ },
    { label: 'chart --out into a folder that does not exist', args: () => ['chart', 'tiles', '--out', join(tmp, 'nope', 'c.png')], stderr: /c\.png: --out: the folder .*nope does not exist/ },
    { label: 'report --out onto an existing file', args: () => ['report', '--out', existing], stderr: /existing\.txt: --out: is a regular file; report writes a folder/ },
    { label: 'report --out inside a file', args: () => ['report', '--out', join(existing, 'r')], stderr: /--out: .*existing\.txt is a regular file, not a folder/ },
    { label: 'import-hf --out onto a full disk (/dev/full)', args: () => ['import-hf', join(ROOT, 'test/fixtures/hf/qwen2-1.5b-instruct.json'), '--out', '/dev/full'], stderr: /\/dev\/full: no space left on the device writing it/ },
    { label: 'chart --out onto a full disk (/dev/full)', args: () => ['chart', 'tiles', '--out', '/dev/full'], stderr: /\/dev\/full: no space left on the device writing it/ },
    { label: 'sweep --out onto a device', args: () => ['sweep', SPEC, '--out', '/dev/null'], stderr: /--out: expected a \.csv, \.ndjson or \.json file, found "\/dev\/null"/ },
    { label: 'sweep --out onto a FIFO named .csv', args: () => (execFileSync('mkfifo', ['-m', '600', join(tmp, 'out.csv')]), ['sweep', SPEC, '--out', join(tmp, 'out.csv'), '--force']), stderr: /out\.csv: --out: is a named pipe \(FIFO\); a sweep writes a regular file/ },
  ]);
});

describe('deeply nested or huge JSON/YAML: "nested too deep", not a stack overflow', () => {
  runCases([
    { label: 'a device of 100,000 nested brackets', args: () => ['estimate', '--device', file('deep.json', '['.repeat(100_000) + ']'.repeat(100_000))], stderr: /deep\.json: nested too deep \(limit 40 levels\)/ },
    { label: 'a sweep spec nested 5,000 levels by indentation', args: () => ['sweep', file('deep-spec.yaml', Array.from({ length: 5000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n')], stderr: /deep-spec\.yaml: nested too deep \(limit 40 levels\)/ },
    { label: 'a Hugging Face config of 100,000 nested objects', args: () => ['import-hf', file('deep-config.json', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000))], stderr: /deep-config\.json: nested too deep/ },
    {
      label: 'a shard whose NDJSON row nests 100,000 deep',
      args: () => {
        const part = file('deep.ndjson', '[' .repeat(100_000) + ']'.repeat(100_000) + '\n');
        file('deep.ndjson.meta.json', JSON.stringify({ spec: 's', shard: [1, 1], range: [0, 10], size: 10, objectives: [{ field: 'latency_s.ttft', sense: 'min' }], columns: ['latency_s.ttft'], axes: ['chunk'] }));
        return ['merge', part, '--out', join(tmp, 'merged.ndjson')];
      },
      stderr: /deep\.ndjson: row 1: nested too deep/,
    },
  ]);
});

describe('measurements: a file with no usable record is bad input; a partly usable one runs', () => {
  runCases([
    { label: 'every value negative or NaN', args: () => ['validate', file('bad-values.yaml', '- {id: a, source: s, metric: decode_tok_s, value: -1, model: x}\n- {id: b, source: s, metric: decode_tok_s, value: .nan, model: x}\n')], stderr: /bad-values\.yaml: none of the 2 record\(s\) can be used/ },
    { label: 'every value missing (calibrate)', args: () => ['calibrate', file('no-values.yaml', '- {id: a, source: s, metric: decode_tok_s, model: x}\n')], stderr: /no-values\.yaml: none of the 1 record\(s\) can be used \(1 x value: /i },
    { label: 'an empty list', args: () => ['validate', file('empty-list.yaml', '[]\n')], stderr: /empty-list\.yaml: no measurement records/ },
    {
      label: 'one bad record of two: runs, and lists the skipped one',
      args: () => ['validate', file('partial.yaml', '- {id: x1, source: me, metric: decode_tok_s, value: -3, model: Llama-3.2-1B-Instruct}\n- {id: x2, source: me, metric: decode_tok_s, value: 30, model: Llama-3.2-1B-Instruct, device_soc: Snapdragon 8 Gen 3, engine: llama.cpp, processor: CPU, weight_bits: 4, prompt_tokens: 64, output_tokens: 64}\n')],
      code: 0,
      stderr: /^$/,
      stdout: /1 record\(s\) not mapped:\n\s+x1: .*value/,
    },
  ]);
});

describe('quantities: a unit is required and the value must be plausible', () => {
  runCases([
    { label: 'bandwidth without a unit', args: () => ['estimate', '--device', device('nounit', (d) => (d.memory.bandwidth.value = 76.8))], stderr: /nounit\.yaml: memory\.bandwidth: expected a quantity with a unit like "76\.8 GB\/s", found the bare number 76\.8/ },
    { label: 'a phone at 76.8 MB/s', args: () => ['estimate', '--device', device('mbs', (d) => (d.memory.bandwidth.value = '76.8 MB/s'))], stderr: /mbs\.yaml: memory\.bandwidth: implausible value 0\.0768 GB\/s: expected 1 to 20000 GB\/s .*--allow-implausible/ },
    { label: 'a dispatch of 5 s per operator', args: () => ['estimate', '--device', device('slowop', (d) => (d.units.npu.dispatch.value = '5 s'))], stderr: /slowop\.yaml: units\.npu\.dispatch: implausible value 5000 ms/ },
    { label: '12 Gb of memory (bits)', args: () => ['estimate', '--device', device('gbits', (d) => (d.memory.total.value = '12 Gb'))], stderr: /gbits\.yaml: memory\.total: "12 Gb" is in Gbits .*write "12 GB"/ },
    { label: 'usable_memory for usable', args: () => ['estimate', '--device', device('usablemem', (d) => ((d.memory.usable_memory = d.memory.usable), delete d.memory.usable))], stderr: /usablemem\.yaml: memory\.usable_memory: unknown field 'usable_memory'; did you mean 'usable'\?/ },
    {
      label: '--allow-implausible turns the error into a warning',
      args: () => ['estimate', '--device', device('mbs2', (d) => (d.memory.bandwidth.value = '76.8 MB/s')), '--allow-implausible', '--no-fit-check', '--json'],
      code: 0,
      stderr: /^mmplan: warning: .*mbs2\.yaml: memory\.bandwidth: implausible value 0\.0768 GB\/s/,
    },
  ]);
});

describe('flags that conflict or would be ignored', () => {
  runCases([
    { label: '--json --csv', args: () => ['estimate', '--json', '--csv'], stderr: /--json: choose one output format: --json or --csv, not both/ },
    { label: '--json --csv on validate', args: () => ['validate', '--json', '--csv'], stderr: /--json: choose one output format/ },
    { label: '--prompt-tokens and --input-tokens', args: () => ['estimate', '--prompt-tokens', '10', '--input-tokens', '3000'], stderr: /--prompt-tokens: give the text tokens \(--prompt-tokens\) or the total input \(--input-tokens\), not both/ },
    { label: '--image on a text-only model', args: () => ['estimate', '--model', 'llama-3.2-1b', '--device', 'snapdragon-8-gen-3', '--image', '640x480'], stderr: /--image: model 'llama-3\.2-1b' is text-only \(no vision encoder\); --image does not apply/ },
    { label: '--engine mlx on a Snapdragon', args: () => ['estimate', '--engine', 'mlx', '--device', 'snapdragon-8-gen-3', '--model', 'llama-3.2-1b'], stderr: /--engine: engine 'mlx' runs only on apple chips; 'snapdragon-8-gen-3' is a qualcomm chip/ },
    { label: '--engine qnn-genie on an Apple chip', args: () => ['estimate', '--engine', 'qnn-genie', '--device', 'apple-a17-pro', '--model', 'llama-3.2-1b'], stderr: /--engine: engine 'qnn-genie' runs only on qualcomm chips; 'apple-a17-pro' is an apple chip/ },
    {
      label: '--prompt-tokens replaces the default scenario input_tokens, with a warning',
      args: () => ['estimate', '--prompt-tokens', '50', '--json'],
      code: 0,
      stderr: /^mmplan: warning: --prompt-tokens 50 replaces the scenario's input_tokens 2048/,
      stdout: /"text": 50,/,
    },
  ]);
});

describe('sweeps: one benchmark vocabulary, a clear error for a missing one, not-applicable axes', () => {
  const spec = (name: string, body: Record<string, unknown>) => file(`${name}.yaml`, stringify({ base: { prompt_tokens: 64 }, axes: { chunk: [64, 128] }, objectives: ['min latency_s.ttft'], ...body }));
  runCases([
    {
      label: 'an objective on a benchmark one model of the sweep lacks',
      args: () => ['sweep', spec('missing-bench', { axes: { model: ['bluelm-v-3b', 'qwen2-vl-2b'] }, objectives: ['min latency_s.ttft', 'max quality.VQAv2_val.score'] })],
      stderr: /missing-bench\.yaml: objectives\.1: model 'qwen2-vl-2b' has no quality evidence for 'VQAv2_val' \(it has: .*DocVQA_val.*\)/,
    },
    {
      label: 'a model without quality evidence',
      args: () => ['sweep', spec('no-evidence', { base: { model: 'llama-3.2-1b', device: 'snapdragon-8-gen-3' }, objectives: ['max quality.DocVQA_val.score'] })],
      stderr: /objectives\.0: model 'llama-3\.2-1b' has no quality evidence \(models\/quality\/llama-3\.2-1b\.yaml\)/,
    },
    {
      label: 'DocVQA_VAL and DocVQA_val are one benchmark',
      args: () => ['sweep', spec('spelling', { base: { model: 'qwen2-vl-2b', images: ['1280x720'] }, axes: { 'llm.wbits': [4, 8] }, objectives: ['min latency_s.ttft', 'max quality.DocVQA_VAL.score'] })],
      code: 0,
      stderr: /^$/,
      stdout: /quality\.DocVQA_val\.score/,
    },
    {
      label: 'a tile cap on a policy without one is "not applicable", not a failure',
      args: () => ['sweep', spec('na', { axes: { model: ['internvl2-2b', 'qwen2-vl-2b'], 'tiling.max_tiles': [2, 6] } })],
      code: 0,
      stderr: /^$/,
      stdout: /2 not applicable[\s\S]*not applicable \(an axis with no meaning there, not a constraint failure\): policy 'qwen2_vl' has no tile cap/,
    },
  ]);
});

describe('exit codes are documented', () => {
  it('--help lists them', async () => {
    const r = await mmplan(['--help']);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/Exit codes: 0 ok; 1 a bug in mmplan .*; 2 a problem with your input .*; 130 interrupted by Ctrl-C/);
  });
  it('an internal error says it is a bug and how to report it', async () => {
    const { reportError } = await import('../cli/run.js');
    let err = '';
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
    try {
      expect(reportError(new TypeError('x is undefined'), false)).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    expect(err).toMatch(/^mmplan: internal error: x is undefined \(a bug in mmplan, not in your input: please report it with the command you ran; --debug prints the stack trace\)\n$/);
  });
});

/** The CLI as a real process, from source. */
function spawnCli(args: string[], cwd: string) {
  return spawn(process.execPath, [...CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
}

describe('a closed pipe is a normal end', () => {
  it('list models --json | head -1: exit 0, no EPIPE trace', async () => {
    const p = spawnCli(['list', 'models', '--json'], ROOT);
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    // Read the first chunk, then close the pipe as `head -1` does.
    await new Promise<void>((r) => p.stdout.once('data', () => (p.stdout.destroy(), r())));
    const code = await new Promise((r) => p.on('close', r));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  }, 30_000);
});

describe('SIGTERM and SIGHUP leave no partial output and no temporary file', () => {
  const runs: Array<{ label: string; signal: NodeJS.Signals; args: (dir: string) => string[] }> = [
    { label: 'sweep, SIGTERM', signal: 'SIGTERM', args: (d) => ['sweep', join(ROOT, 'bench/sweep-1m.yaml'), '--out', join(d, 'big.csv')] },
    { label: 'sweep, SIGHUP', signal: 'SIGHUP', args: (d) => ['sweep', join(ROOT, 'bench/sweep-1m.yaml'), '--out', join(d, 'big.ndjson')] },
    { label: 'report, SIGTERM', signal: 'SIGTERM', args: (d) => ['report', join(ROOT, 'bench/sweep-1m.yaml'), '--out', join(d, 'report')] },
    { label: 'calibrate, SIGHUP', signal: 'SIGHUP', args: (d) => ['calibrate', '--out', join(d, 'cal.yaml')] },
  ];
  /** One run: start, interrupt once the work is under way, and report what it left. */
  async function interrupted({ signal, args }: (typeof runs)[number]) {
    const dir = mkdtempSync(join(tmpdir(), 'mmplan-sig-'));
    writeFileSync(join(dir, 'mine.txt'), 'kept\n');
    const p = spawnCli(args(dir), ROOT);
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    const closed = new Promise((r) => p.on('close', (code, sig) => r(code ?? sig)));
    // Late enough that the work is under way (the build loads in well under a second, tsx takes ~3 s).
    await new Promise((r) => setTimeout(r, CLI[0] === '--import' ? 4500 : 2000));
    p.kill(signal);
    return { code: await closed, stderr, left: readdirSync(dir) };
  }
  it('sweep, report and calibrate, interrupted side by side (separate processes)', async () => {
    const results = await Promise.all(runs.map(interrupted));
    results.forEach((r, i) => {
      const { label, signal } = runs[i];
      expect(r.code, label).toBe(128 + (signal === 'SIGTERM' ? 15 : 1));
      expect(r.stderr, label).toMatch(new RegExp(`interrupted \\(${signal}\\); no output was written or changed`));
      expect(r.left, label).toEqual(['mine.txt']);
    });
  }, 60_000);
});
