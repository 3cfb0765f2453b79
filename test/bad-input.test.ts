/**
 * Bad input of every kind gets one line naming the file and field, exit code 2, no stack trace,
 * and leaves no output file created or changed. Run in-process (runCli) to keep it fast.
 */
import { describe, expect, it, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { mmplanInProcess, hasStackTrace, ROOT } from './cli-helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'mmplan-bad-'));
const file = (name: string, content: string | Buffer) => {
  const f = join(tmp, name);
  writeFileSync(f, content);
  return f;
};
const devYaml = () => parse(readFileSync(join(ROOT, 'device-profiles/dimensity-9300.yaml'), 'utf8'));
const modelYaml = () => {
  const m = parse(readFileSync(join(ROOT, 'models/internvl2-2b.yaml'), 'utf8'));
  // Sections may carry provenance ({value, source}): edit the value inside.
  m.llm = m.llm.value ? m.llm : { value: m.llm, source: 'test' };
  return m;
};
/** A device profile with one change, as a file. */
const device = (name: string, edit: (d: Record<string, any>) => void) => {
  const d = devYaml();
  edit(d);
  return file(`${name}.yaml`, stringify(d));
};
const model = (name: string, edit: (m: Record<string, any>) => void) => {
  const m = modelYaml();
  edit(m);
  return file(`${name}.yaml`, stringify(m));
};
const spec = (name: string, body: Record<string, unknown>) =>
  file(`${name}.yaml`, stringify({ base: { model: 'internvl2-2b', prompt_tokens: 64 }, objectives: ['min latency_s.ttft'], axes: { chunk: [64, 128] }, ...body }));

type Case = [kind: string, label: string, args: () => string[], expected: RegExp];
const cases: Case[] = [];
const add = (kind: string, label: string, args: () => string[], expected: RegExp) => cases.push([kind, label, args, expected]);

// ---- command-line flags
add('flag', 'unknown device, near miss', () => ['estimate', '--device', 'dimensty-9300'], /--device: unknown device 'dimensty-9300'; did you mean 'dimensity-9300'\?/);
add('flag', 'unknown model, near miss', () => ['estimate', '--model', 'internvl2_2b'], /--model: unknown model 'internvl2_2b'; did you mean 'internvl2-2b'\?/);
add('flag', 'unknown engine, near miss', () => ['estimate', '--engine', 'lama.cp-cpu', '--model', 'llama-3.2-1b', '--device', 'snapdragon-8-gen-3'], /--engine: unknown engine 'lama.cp-cpu'; did you mean 'llama.cpp-cpu'\?/);
add('flag', 'negative bits', () => ['estimate', '--wbits', '-3'], /--wbits: expected an integer >= 1, found -3/);
add('flag', 'zero bits', () => ['estimate', '--kvbits', '0'], /--kvbits: expected an integer >= 1, found 0/);
add('flag', 'fractional bits', () => ['estimate', '--wbits', '2.5'], /--wbits: expected an integer >= 1, found 2.5/);
add('flag', 'absurd bits', () => ['estimate', '--wbits', '64'], /--wbits: expected bits between 1 and 32, found 64/);
add('flag', 'NaN bits', () => ['estimate', '--wbits', 'four'], /--wbits: expected an integer >= 1, found NaN/);
add('flag', 'zero chunk', () => ['estimate', '--chunk', '0'], /--chunk: expected an integer >= 1, found 0/);
add('flag', 'negative prompt', () => ['estimate', '--prompt-tokens', '-1'], /--prompt-tokens: expected an integer >= 0, found -1/);
add('flag', 'image size 0', () => ['estimate', '--image', '0x100'], /--image: expected a positive size WxH, found "0x100"/);
add('flag', 'image size garbage', () => ['estimate', '--image', 'big'], /--image: expected WxH \(e\.g\. 768x1536\), an image file or a directory; found "big"/);
add('flag', 'image is a directory', () => ['estimate', '--image', tmp], /--image: is a directory; this command takes image sizes or files/);
add('flag', 'image is not an image', () => ['estimate', '--image', file('notes.png', 'hello')], /notes\.png: --image: not an image file/);
add('flag', 'unknown policy', () => ['tiles', '--policy', 'internvl', '--image', '100x100'], /--policy: unknown policy 'internvl'/);
add('flag', 'policy parameter typo', () => ['tiles', '--policy', 'internvl_dynamic', '--image', '100x100', '--set', 'max_nums=4'], /max_nums/);
add('flag', 'tile cap on a policy without one', () => ['estimate', '--model', 'qwen2-vl-2b', '--max-tiles', '4'], /tiling\.max_tiles: policy 'qwen2_vl' has no tile cap/);
add('flag', 'input budget below the image tokens', () => ['estimate', '--input-tokens', '100'], /input_tokens: 100 input tokens cannot hold the 1764 image tokens/);
add('flag', 'output beyond the context', () => ['estimate', '--output-tokens', '100000'], /output_tokens: .* exceed bluelm-v-3b's context of 4096/);
add('flag', 'unknown option', () => ['estimate', '--wbitz', '4'], /unknown flag --wbitz \(did you mean --wbits\?\)/);
add('flag', 'image rejected by its policy', () => ['estimate', '--model', 'qwen2-vl-2b', '--image', '5000x20'], /aspect ratio/);
add('flag', 'plan does not fit', () => ['estimate', '--model', 'internvl2-8b', '--device', 'raspberry-pi-5', '--wbits', '16', '--prompt-tokens', '64'], /raspberry-pi-5\.yaml: memory\.usable: .* more than the .* usable/);

// ---- device profiles
add('device', '10 PB/s phone', () => ['estimate', '--device', device('pbs', (d) => (d.memory.bandwidth.value = '10 PB/s'))], /pbs\.yaml: memory\.bandwidth: implausible value "10 PB\/s" \(over 50 TB\/s\); check the unit/);
add('device', 'NaN bandwidth', () => ['estimate', '--device', device('nan', (d) => (d.memory.bandwidth.value = NaN))], /nan\.yaml: memory\.bandwidth: expected a finite number or a quantity string, found NaN/);
add('device', 'Infinity bandwidth', () => ['estimate', '--device', device('inf', (d) => (d.memory.bandwidth.value = Infinity))], /inf\.yaml: memory\.bandwidth: expected a finite number or a quantity string, found Infinity/);
add('device', 'negative bandwidth', () => ['estimate', '--device', device('neg', (d) => (d.memory.bandwidth.value = '-5 GB/s'))], /neg\.yaml: memory\.bandwidth: expected a positive quantity/);
add('device', 'wrong dimension', () => ['estimate', '--device', device('dim', (d) => (d.memory.bandwidth.value = '76 GB'))], /dim\.yaml: memory\.bandwidth: expected a quantity in B\/s/);
add('device', 'usable above total', () => ['estimate', '--device', device('usable', (d) => (d.memory.usable.value = '64 GiB'))], /usable\.yaml: memory\.usable: usable memory must not exceed total memory/);
add('device', 'peak not a quantity', () => ['estimate', '--device', device('peak', (d) => (d.units.npu.peak.int8.value = 'fast'))], /peak\.yaml: units\.npu\.peak\.int8: expected a quantity like "34 TOPS"/);
add('device', 'efficiency above 1', () => ['estimate', '--device', device('eff', (d) => (d.units.npu.compute_efficiency.value = 1.5))], /eff\.yaml: units\.npu\.compute_efficiency: /);
add('device', 'integer given as a float', () => ['estimate', '--device', device('rows', (d) => (d.units.npu.saturation_rows.value = 16.5))], /rows\.yaml: units\.npu\.saturation_rows: expected int, found 16\.5/);
add('device', 'missing field', () => ['estimate', '--device', device('missing', (d) => delete d.memory.total)], /missing\.yaml: memory\.total: missing/);
add('device', 'misspelt field', () => ['estimate', '--device', device('typo', (d) => (d.memory.bandwith = d.memory.bandwidth))], /typo\.yaml: memory\.bandwith: unknown field 'bandwith'; did you mean 'bandwidth'\?/);
add('device', 'placement on a missing unit', () => ['estimate', '--device', device('place', (d) => delete d.units.gpu && (d.default_placement.vit = 'gpu'))], /place\.yaml: default_placement\.vit: places vit on 'gpu'/);
add('device', 'value without its source', () => ['estimate', '--device', device('nosrc', (d) => delete d.memory.bandwidth.source)], /nosrc\.yaml: memory\.bandwidth\.source: expected a source/);
add('device', 'estimate without why', () => ['estimate', '--device', device('nowhy', (d) => delete d.memory.bandwidth.why)], /nowhy\.yaml: memory\.bandwidth\.why: estimated: true needs a why/);

// ---- files of the wrong shape
add('file', 'empty', () => ['estimate', '--device', file('empty.yaml', '')], /empty\.yaml: file is empty/);
add('file', 'binary', () => ['estimate', '--device', file('bin.yaml', Buffer.from([0, 1, 2, 255, 0]))], /bin\.yaml: expected a text file/);
add('file', 'truncated YAML', () => ['estimate', '--device', file('trunc.yaml', 'id: x\nmemory: {type: LPDDR5, bandwidth: [1, 2\n')], /trunc\.yaml: malformed YAML/);
add('file', 'a sweep spec as a device', () => ['estimate', '--device', join(ROOT, 'examples/bluelm-quant-sweep.yaml')], /bluelm-quant-sweep\.yaml: expected a device profile, but this looks like a sweep spec/);
add('file', 'a model as a device', () => ['estimate', '--device', join(ROOT, 'models/internvl2-2b.yaml')], /expected a device profile, but this looks like a model config/);
add('file', 'a HF config as a model', () => ['estimate', '--model', join(ROOT, 'test/fixtures/hf/qwen2-1.5b-instruct.json')], /expected a model config, but this looks like a Hugging Face config\.json/);
add('file', 'a list as a device', () => ['estimate', '--device', file('list.yaml', '- 1\n- 2\n')], /list\.yaml: expected a device profile \(a YAML mapping\), found a list/);
add('file', 'YAML alias bomb', () => ['estimate', '--device', file('bomb.yaml', 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n')], /bomb\.yaml: malformed YAML\/JSON: .*alias/i);
add('file', 'very deep nesting', () => ['estimate', '--device', file('deep.yaml', 'a: ' + '['.repeat(200) + ']'.repeat(200) + '\n')], /deep\.yaml: nested too deep \(limit 40 levels\)/);
add('file', 'huge file', () => ['estimate', '--device', file('huge.yaml', '#' + 'x'.repeat(21 * 1024 * 1024))], /huge\.yaml: is larger than the 20 MiB limit for a YAML or JSON input/);
add('file', 'a directory', () => ['estimate', '--device', join(tmp, 'adir.yaml')], /adir\.yaml: is a folder; expected a regular file/);
add('file', 'missing file', () => ['estimate', '--device', join(tmp, 'nope.yaml')], /nope\.yaml: no such file/);
add('file', 'a scenario with a typo', () => ['estimate', '--scenario', file('scn.yaml', 'chunck: 64\n')], /scn\.yaml: chunck: unknown field 'chunck'; did you mean 'chunk'\?/);
add('file', 'a scenario image spelled wrong', () => ['estimate', '--scenario', file('scn2.yaml', 'images: [768by1536]\n')], /scn2\.yaml: images\.0: expected an image size WxH/);

// ---- models
add('model', 'hidden not divisible by heads', () => ['estimate', '--model', model('heads', (m) => (m.llm.value.hidden = 2050))], /heads\.yaml: llm\.hidden: hidden \(2050\) must be divisible by heads/);
add('model', 'KV heads not dividing heads', () => ['estimate', '--model', model('kv', (m) => (m.llm.value.kv_heads = 5))], /kv\.yaml: llm\.kv_heads: kv_heads \(5\) must divide heads/);
add('model', 'layers as a float', () => ['estimate', '--model', model('layers', (m) => (m.llm.value.layers = 24.5))], /layers\.yaml: llm\.layers: expected int, found 24\.5/);
add('model', 'negative vocabulary', () => ['estimate', '--model', model('vocab', (m) => (m.llm.value.vocab = -1))], /vocab\.yaml: llm\.vocab: /);
add('model', 'vision without tiling', () => ['estimate', '--model', model('notile', (m) => delete m.tiling)], /notile\.yaml: tiling: a model with a vision encoder needs a tiling policy/);
add('model', 'unknown tiling policy', () => ['estimate', '--model', model('pol', (m) => (m.tiling.policy = 'internvl'))], /pol\.yaml: tiling\.policy: expected one of/);

// ---- sweep specs
add('sweep', 'unknown axis, near miss', () => ['sweep', spec('ax', { axes: { 'llm.wbitz': [4] } })], /axes\.llm\.wbitz: unknown axis 'llm\.wbitz'; did you mean 'llm\.wbits'\?/);
add('sweep', 'empty axis', () => ['sweep', spec('empty-ax', { axes: { chunk: [] } })], /axes\.chunk: an axis needs at least one value/);
add('sweep', 'reversed range', () => ['sweep', spec('range', { axes: { chunk: '512..64' } })], /axes\.chunk: range "512\.\.64" is empty/);
add('sweep', 'space over the limit', () => ['sweep', spec('limit', { axes: { chunk: '1..10000', vit_batch: '1..10000' } })], /axes: the space has 100,000,000 configurations, over the limit/);
add('sweep', 'constraint on an unknown field', () => ['sweep', spec('con', { constraints: ['memory_gb.peek <= 3'] })], /constraints\.0: unknown field 'memory_gb\.peek'; did you mean 'memory_gb\.peak'\?/);
add('sweep', 'constraint syntax', () => ['sweep', spec('con2', { constraints: ['memory is small'] })], /constraints\.0: expected "<field> <=\|>=\|<\|>\|== <number or field>"/);
add('sweep', 'objective syntax', () => ['sweep', spec('obj', { objectives: ['fastest'] })], /objectives\.0: expected "min <field>" or "max <field>"/);
add('sweep', 'no objective', () => ['sweep', spec('obj2', { objectives: [] })], /objectives: name at least one objective/);
add('sweep', 'bad axis value', () => ['sweep', spec('val', { axes: { 'llm.wbits': [4, 0] } })], /axes\.llm\.wbits: value 0/);
add('sweep', 'unknown device on an axis', () => ['sweep', spec('dev-ax', { axes: { device: ['dimensity-9300', 'dimensty-9400'] } })], /axes\.device: unknown device 'dimensty-9400'; did you mean 'dimensity-9400'\?/);
add('flag', 'absurd vision bits', () => ['estimate', '--vit-wbits', '64'], /--vit-wbits: expected bits between 1 and 32, found 64/);
add('sweep', 'bad shard', () => ['sweep', spec('shard', {}), '--shard', '4/3'], /--shard: expected i\/n with 1 <= i <= n/);
add('sweep', 'bad output format', () => ['sweep', spec('fmt', {}), '--out', join(tmp, 'x.xlsx')], /--out: expected a \.csv, \.ndjson or \.json file/);

// ---- measurements, HF configs, quality CSVs
add('data', 'measurements not a list', () => ['validate', file('m.yaml', 'a: 1\n')], /m\.yaml: expected a list of measurement records/);
add('data', 'HF config of an unsupported family', () => ['import-hf', file('cfg.json', '{"model_type": "rwkv", "hidden_size": 10}')], /cfg\.json: model_type: unsupported 'rwkv'/);
add('data', 'HF config missing a field', () => ['import-hf', file('cfg2.json', '{"model_type": "llama", "num_hidden_layers": 2}')], /cfg2\.json: \w+: missing/);
add('data', 'quality CSV without a score', () => ['estimate', '--model', 'internvl2-2b', '--quality', file('q.csv', 'benchmark,wbits\nDocVQA,4\n')], /q\.csv: header: missing column 'score'/);
add('data', 'quality CSV with a bad number', () => ['estimate', '--model', 'internvl2-2b', '--quality', file('q2.csv', 'benchmark,score,wbits\nDocVQA,high,4\n')], /q2\.csv: row 2: score: expected a number, found "high"/);

mkdirSync(join(tmp, 'adir.yaml'));

describe('bad input', () => {
  const counts: Record<string, number> = {};
  it.each(cases.map(([kind, label, args, expected]) => [`${kind}: ${label}`, kind, args, expected] as const))('%s', async (_name, kind, args, expected) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    const argv = args();
    const before = readdirSync(tmp).sort();
    const r = await mmplanInProcess(argv);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(expected);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(readdirSync(tmp).sort()).toEqual(before);
  });
  afterAll(() => {
    console.log(`bad inputs tried, by kind: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')} (total ${cases.length})`);
  });
});

describe('nothing a user wrote is overwritten without --force', () => {
  const mine = () => {
    const f = file(`mine-${Math.random().toString(36).slice(2)}.out`, 'precious\n');
    return f;
  };
  const outs: Array<[string, (f: string) => string[]]> = [
    ['sweep --out', (f) => ['sweep', spec('w1', {}), '--out', f.replace(/\.out$/, '.csv')]],
    ['calibrate --out', (f) => ['calibrate', '--device', 'snapdragon-8-gen-1', '--no-errors', '--out', f]],
    ['import-hf --out', (f) => ['import-hf', join(ROOT, 'test/fixtures/hf/qwen2-1.5b-instruct.json'), '--out', f]],
    ['chart --out', (f) => ['chart', 'tiles', '--out', f]],
  ];
  it.each(outs)('%s', async (_label, args) => {
    let f = mine();
    if (_label.startsWith('sweep')) {
      const csvPath = f.replace(/\.out$/, '.csv');
      writeFileSync(csvPath, 'precious\n');
      f = csvPath;
    }
    const r = await mmplanInProcess(args(f));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already exists; pass --force to overwrite it/);
    expect(readFileSync(f, 'utf8')).toBe('precious\n');
  });
  it('an output path that is a directory is refused, the directory untouched', async () => {
    mkdirSync(join(tmp, 'results.csv'));
    const r = await mmplanInProcess(['sweep', spec('w2', {}), '--out', join(tmp, 'results.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/results\.csv: --out: is a folder; expected a file path to write/);
    expect(readdirSync(join(tmp, 'results.csv'))).toEqual([]);
  });
});
