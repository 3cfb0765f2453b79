/**
 * `mmplan report <spec or scenario> --out dir/`: run the sweep (a scenario becomes a sweep of the
 * choices around it), build the report data, render every chart to PNG and write dir/index.html,
 * one self-contained offline page. Nothing in dir is overwritten without --force; each file is
 * written atomically.
 */
import type { Argv } from 'yargs';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { runSweep, type SweepResult } from '../sweep/run.js';
import { readDataFile, PACKAGE_ROOT } from '../load.js';
import { buildReportData } from '../../reports/data.js';
import { renderHtml, type ChartSet } from '../../reports/html.js';
import { chartFor, CHART_KINDS } from '../../reports/charts/index.js';
import { renderPng } from '../../reports/png.js';
import type { ReportData } from '../../reports/types.js';
import { writeFileAtomic, assertWritable } from '../write.js';
import { guard } from '../run.js';
import { progressBar } from '../progress.js';
import { InputError } from '../../core/errors.js';
import { buildCases, DEFAULT_CALIBRATION, DEFAULT_MEASUREMENTS, loadCalibration } from '../measurement-input.js';
import { predictAll, paramsLayer, summarizeErrors } from '../../core/calibrate.js';
import { provenanceAssumptions } from '../scenario-input.js';
import { loadDevice, loadModel } from '../load.js';
import { uncertaintyFor } from '../../core/uncertainty.js';
import type { Calibration } from '../../core/schema/index.js';

export const DEFAULT_REPORT_INPUT = join(PACKAGE_ROOT, 'examples', 'bluelm-quant-sweep.yaml');

/** A scenario file becomes a sweep over the main choices around it. */
export function scenarioToSpec(scenario: Record<string, unknown>): Record<string, unknown> {
  return {
    name: 'choices around the scenario',
    base: scenario,
    axes: {
      'llm.wbits': [2, 3, 4, 8],
      kv_bits: [4, 8, 16],
      chunk: [32, 64, 128, 256, 512],
      vit_batch: [1, 2, 4, 6],
    },
    constraints: ['memory_gb.peak <= device.usable'],
    objectives: ['min latency_s.ttft', 'min memory_gb.peak'],
    top: 5,
  };
}

/** Validation page data: every mapped record predicted with the calibration, and its leave-one-out medians. */
function validationData(cal: Calibration | undefined): ReportData['validation'] {
  if (!cal) return undefined;
  const set = buildCases(DEFAULT_MEASUREMENTS);
  const rows = predictAll(set.cases, (c) => [
    paramsLayer(cal.classes.find((x) => x.engine === c.engine && x.unit === c.unit)?.params),
    paramsLayer(cal.groups.find((x) => x.device === c.device.id && x.engine === c.engine && x.unit === c.unit)?.params),
  ]);
  const loo = cal.errors.filter((e) => e.engine === null && e.device === null);
  const inSample = summarizeErrors(rows, (r) => r.metric);
  return {
    records: rows.map((r) => ({ id: r.id, metric: r.metric, device: r.device, engine: r.engine, measured: r.measured, predicted: r.predicted, error_pct: r.error_pct })),
    by_metric: loo.length
      ? loo.map((e) => ({ key: e.metric, n: e.n, median_ape: e.median_abs_pct, within_25: inSample.find((x) => x.key === e.metric)?.within_25 ?? NaN }))
      : inSample.map((x) => ({ key: x.key, n: x.n, median_ape: x.median_ape, within_25: x.within_25 })),
  };
}

export type ChartSpec = { key: string; kind: string; title: string; opts?: Record<string, unknown> };

export function reportCharts(data: ReportData): ChartSpec[] {
  const list: ChartSpec[] = [
    { key: 'pareto', kind: 'pareto', title: 'TTFT vs peak memory', opts: { x: 'memory_gb.peak', y: 'latency_s.ttft' } },
    { key: 'pareto-decode', kind: 'pareto', title: 'decode speed vs peak memory', opts: { x: 'memory_gb.peak', y: 'decode_tok_s.mean' } },
    { key: 'pareto-encode', kind: 'pareto', title: 'TTFT vs decode speed', opts: { x: 'decode_tok_s.mean', y: 'latency_s.ttft' } },
    ...data.question.objectives
      .filter((o) => o.includes('quality.'))
      .map((o) => {
        const f = o.split(' ')[1];
        return { key: `pareto-${f.split('.')[1]}`, kind: 'pareto', title: `${f.split('.')[1]} score vs TTFT`, opts: { x: 'latency_s.ttft', y: f } };
      }),
    { key: 'latency', kind: 'latency', title: 'latency breakdown of front plans' },
    { key: 'memory', kind: 'memory', title: 'memory breakdown of front plans' },
    { key: 'roofline', kind: 'roofline', title: `roofline of the ${data.roofline.unit.toUpperCase()} with the LLM's operators` },
    { key: 'sensitivity-decode', kind: 'sensitivity', title: 'sensitivity: decode tok/s', opts: { metric: 'decode_tok_s.mean' } },
    { key: 'sensitivity-ttft', kind: 'sensitivity', title: 'sensitivity: TTFT', opts: { metric: 'latency_s.ttft' } },
    { key: 'sensitivity-memory', kind: 'sensitivity', title: 'sensitivity: peak memory', opts: { metric: 'memory_gb.peak' } },
    { key: 'tiles', kind: 'tiles', title: `tiling policies on ${data.tiles.width}x${data.tiles.height}` },
  ];
  if (data.validation) {
    list.push({ key: 'validation-scatter', kind: 'validation-scatter', title: 'predicted vs measured (log-log)' });
    list.push({ key: 'validation-errors', kind: 'validation-errors', title: 'median absolute error by metric (leave-one-out)' });
  }
  return list;
}

type DataOpts = { profiles?: string; validation?: boolean; onProgress?: (d: number, t: number) => void };

/** Sweep a spec (or the choices around a scenario) and build the report data. */
export async function reportDataFor(input: string, opts: DataOpts): Promise<{ data: ReportData; result: SweepResult }> {
  const raw = readDataFile(input);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new InputError('expected a sweep spec or a scenario (a YAML mapping)', input);
  let specFile = input;
  let tmpDir: string | undefined;
  if (!('axes' in raw)) {
    tmpDir = mkdtempSync(join(tmpdir(), 'mmplan-report-'));
    specFile = join(tmpDir, 'spec.yaml');
    writeFileSync(specFile, stringify(scenarioToSpec(raw as Record<string, unknown>)));
  }
  try {
    const result = await runSweep({ specFile, profiles: opts.profiles, onProgress: opts.onProgress });
    const calFile = opts.profiles ?? (existsSync(DEFAULT_CALIBRATION) ? DEFAULT_CALIBRATION : undefined);
    const cal = calFile ? loadCalibration(calFile) : undefined;
    const best = result.top[0] ?? result.front[0];
    const chosen = best ? result.setup.evaluator.estimateAt(best.index) : undefined;
    const assumptions: string[] = [];
    let uncertainty: ReportData['uncertainty'] = [];
    if (chosen) {
      const dev = loadDevice(chosen.device.id);
      const mod = loadModel(chosen.model.id);
      if (mod.value.estimated) assumptions.push(`estimated: model ${mod.value.id} (${mod.value.why})`);
      assumptions.push(...provenanceAssumptions(`model ${mod.value.id}`, mod.provenance), ...provenanceAssumptions(`device ${dev.value.id}`, dev.provenance));
      if (cal) {
        const u = uncertaintyFor(cal, chosen.device.id, chosen.file.engine);
        const name: Record<string, string> = { decode_tok_s: 'decode_tok_s', prefill: 'prefill_tok_s', ttft: 'ttft_s', vision_encode: 'vision_encode_s', peak_memory: 'peak_mem_gb' };
        uncertainty = Object.entries(u).map(([k, v]) => ({ metric: name[k] ?? k, median_abs_pct: v!.median_abs_pct, basis: v!.basis }));
      }
    }
    const data = buildReportData(result, { assumptions, uncertainty, validation: opts.validation === false ? undefined : validationData(cal) });
    return { data, result };
  } finally {
    if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
  }
}

export async function writeReport(input: string, outDir: string, opts: DataOpts & { force?: boolean; png?: boolean }): Promise<{ index: string; data: ReportData; result: SweepResult }> {
  const index = join(outDir, 'index.html');
  assertWritable(index, opts.force === true);
  const { data, result } = await reportDataFor(input, opts);
  {
    const charts: ChartSet = {};
    for (const c of reportCharts(data)) {
      const config = chartFor(c.kind, data, c.opts ?? {});
      charts[c.key] = { title: c.title, config };
      if (opts.png !== false) {
        const png = await renderPng(config, { width: 1000, height: 560 });
        const rel = `charts/${c.key}.png`;
        writeFileAtomic(join(outDir, rel), png, { force: true });
        charts[c.key].png = rel;
      }
    }
    writeFileAtomic(index, renderHtml(data, charts), { force: true });
    return { index: resolve(index), data, result };
  }
}

export function reportCommand(y: Argv) {
  y.command(
    'chart <kind> [input]',
    `draw one chart as PNG (${CHART_KINDS.join(', ')}) for a sweep spec or a scenario`,
    (a) =>
      a
        .positional('kind', { choices: CHART_KINDS, describe: 'which chart' })
        .positional('input', { type: 'string', describe: 'sweep spec or scenario YAML (default: examples/bluelm-quant-sweep.yaml)' })
        .option('out', { type: 'string', demandOption: true, describe: 'PNG file to write' })
        .option('x', { type: 'string', describe: 'pareto: x-axis field (default memory_gb.peak)' })
        .option('y', { type: 'string', describe: 'pareto: y-axis field (default latency_s.ttft)' })
        .option('metric', { type: 'string', describe: 'sensitivity: decode_tok_s.mean, latency_s.ttft or memory_gb.peak' })
        .option('width', { type: 'number', default: 1000 })
        .option('height', { type: 'number', default: 560 })
        .option('profiles', { type: 'string', describe: 'calibration file (default: data/calibrated.yaml)' })
        .option('force', { type: 'boolean', describe: 'overwrite --out' })
        .example('$0 chart pareto --x decode_tok_s.mean --y memory_gb.peak --out front.png', ''),
    (argv) =>
      guard(argv, async () => {
        const out = argv.out as string;
        assertWritable(out, argv.force === true);
        const kind = argv.kind as string;
        const { data } = await reportDataFor((argv.input as string | undefined) ?? DEFAULT_REPORT_INPUT, { profiles: argv.profiles, validation: kind.startsWith('validation') });
        const fields = new Set(Object.keys(data.points[0]?.metrics ?? {}));
        for (const f of ['x', 'y'] as const) {
          const v = argv[f] as string | undefined;
          if (v !== undefined && !fields.has(v)) throw new InputError(`unknown field '${v}'; expected one of ${[...fields].join(', ')}`, undefined, `--${f}`);
        }
        const opts: Record<string, unknown> = {};
        if (argv.x) opts.x = argv.x;
        if (argv.y) opts.y = argv.y;
        if (argv.metric) opts.metric = argv.metric;
        let config;
        try {
          config = chartFor(kind, data, opts);
        } catch (e) {
          throw new InputError((e as Error).message, undefined, `--${argv.metric ? 'metric' : 'kind'}`);
        }
        writeFileAtomic(out, await renderPng(config, { width: argv.width as number, height: argv.height as number }), { force: argv.force === true });
        process.stdout.write(`wrote ${out}\n`);
      }),
  );
  return y.command(
    'report [input]',
    'write a self-contained HTML co-design report (and PNG charts) for a sweep spec or a scenario',
    (a) =>
      a
        .positional('input', { type: 'string', describe: 'sweep spec or scenario YAML (default: examples/bluelm-quant-sweep.yaml)' })
        .option('out', { type: 'string', default: 'mmplan-report', describe: 'output directory' })
        .option('force', { type: 'boolean', describe: 'overwrite an existing report in --out' })
        .option('profiles', { type: 'string', describe: 'calibration file (default: data/calibrated.yaml)' })
        .option('png', { type: 'boolean', default: true, describe: 'also write the charts as PNG (--no-png to skip)' })
        .option('validation', { type: 'boolean', default: true, describe: 'include the validation page (--no-validation to skip)' }),
    (argv) =>
      guard(argv, async () => {
        let bar = progressBar('sweep', 1);
        let total = 0;
        const r = await writeReport((argv.input as string | undefined) ?? DEFAULT_REPORT_INPUT, argv.out as string, {
          force: argv.force,
          profiles: argv.profiles,
          png: argv.png,
          validation: argv.validation,
          onProgress: (d, t) => {
            if (t !== total) (total = t), (bar = progressBar('sweep', t));
            bar.update(d);
          },
        });
        bar.done();
        process.stdout.write(`${r.data.counts.evaluated.toLocaleString('en-US')} plans, ${r.data.counts.front} on the front; recommended: ${Object.entries(r.data.chosen.config).map(([k, v]) => `${k}=${v}`).join(', ')}\nreport: ${r.index}\n`);
      }),
  );
}
