/**
 * `mmplan report <spec or scenario> --out dir/`: run the sweep (a scenario becomes a sweep of the
 * choices around it), build the report data, render every chart to PNG and write dir/index.html,
 * one self-contained offline page. Nothing in dir is overwritten without --force; each file is
 * written atomically.
 */
import type { Argv } from 'yargs';
import { CATALOG } from './catalog.js';
import { join, resolve } from 'node:path';
import { runSweep } from '../sweep/run.js';
import { readDataFile } from '../load.js';
import { loadDevice, loadModel } from '../names.js';
import { buildReportData } from '../../reports/data.js';
import { chartFor, chartRequest, CHART_KINDS } from '../../reports/charts/index.js';
import { renderReport } from '../../reports/render.js';
import { validationData } from '../../reports/validation.js';
import { renderPng } from '../../reports/png.js';
import type { ReportData } from '../../reports/types.js';
import { writeFileAtomic, writeFolderAtomic, assertWritable, assertWritableFolder } from '../write.js';
import { guard } from '../run.js';
import { progressBar } from '../progress.js';
import { InputError } from '../../core/errors.js';
import { buildCases } from '../measurement-input.js';
import { SHIPPED, calibrationFor } from '../shipped.js';
import { provenanceAssumptions, flagsToScenario, type ScenarioFlags } from '../scenario-input.js';
import { scenarioFlagOptions } from './estimate.js';
import { mergeScenario } from '../../core/scenario.js';
import { warn } from '../output.js';
import type { ScenarioFile } from '../../core/schema/index.js';
import { whatIfPanel } from '../whatif.js';

import { uncertaintyFor } from '../../core/calibration/index.js';
import { sweepAround } from '../../core/sweep/around.js';
import { loadQuality } from '../quality-input.js';
import { DEFAULT_SCENARIO_FILE } from '../../core/scenario.js';
import { maxTilesParam } from '../../core/tiling/index.js';
import type { TilingPolicy } from '../../core/schema/index.js';
import { isResultsFile, resultFromFile } from '../sweep/results.js';
import type { SweepResult } from '../../core/sweep/result.js';
import { bandMetric, type Band } from '../../core/metrics.js';

export const DEFAULT_REPORT_INPUT = SHIPPED.reportInput;

/** `flags`: scenario flags (--device, --wbits, ...) over the spec's base or the scenario, as estimate applies them. */
type DataOpts = { profiles?: string; validation?: boolean; flags?: ScenarioFile; onProgress?: (d: number, t: number) => void };

/** A spec or scenario document with the scenario flags applied (a spec's axes still sweep their fields). @internal */
function withFlags(doc: Record<string, unknown>, flags: ScenarioFile | undefined, input: string): Record<string, unknown> {
  if (!flags || !Object.keys(flags).length) return doc;
  if (!('axes' in doc)) return mergeScenario(doc as ScenarioFile, flags) as Record<string, unknown>;
  const swept = Object.keys((doc.axes as Record<string, unknown>) ?? {});
  const shadowed = swept.filter((a) => Object.keys(flags).some((f) => a === f || a.startsWith(`${f}.`)));
  if (shadowed.length) warn(`${input}: the spec sweeps ${shadowed.join(', ')}; its axis values win over the flag for that field`);
  return { ...doc, base: mergeScenario((doc.base ?? {}) as ScenarioFile, flags) };
}

/** Sweep a spec (or the choices around a scenario) and build the report data. */
/** The sweep around a scenario, with its model's first benchmark as an objective when it has evidence. */
function aroundScenario(scenario: Record<string, unknown>): Record<string, unknown> {
  const model = loadModel(typeof scenario.model === 'string' ? scenario.model : DEFAULT_SCENARIO_FILE.model!).value;
  const benchmark = Object.keys(loadQuality(model.id)?.benchmarks ?? {})[0];
  // A tile cap is an axis only where the model's own tiling policy has one (and the scenario does not change the policy).
  const policy = (scenario.tiling as { policy?: string } | undefined)?.policy ?? model.tiling?.policy;
  return sweepAround(scenario, { benchmark, tiles: policy !== undefined && maxTilesParam(policy as TilingPolicy) !== undefined });
}

export async function reportDataFor(input: string, opts: DataOpts): Promise<{ data: ReportData; result: SweepResult }> {
  // A sweep's results file (from sweep --out or merge) is reported without running the sweep again.
  const fromFile = isResultsFile(input);
  const raw = fromFile ? undefined : readDataFile(input);
  if (!fromFile && (!raw || typeof raw !== 'object' || Array.isArray(raw))) throw new InputError('expected a sweep spec or a scenario (a YAML mapping), or a sweep results file (.csv, .ndjson)', input);
  if (fromFile && opts.flags && Object.keys(opts.flags).length) throw new InputError('scenario flags (--device, --wbits, ...) do not apply to a results file: it is reported as it was swept', input);
  const doc = fromFile ? undefined : withFlags(raw as Record<string, unknown>, opts.flags, input);
  {
    // A scenario becomes a sweep of the choices around it.
    const result = fromFile
      ? await resultFromFile(input, opts.profiles)
      : await runSweep({ spec: { doc: 'axes' in doc! ? doc : aroundScenario(doc!), label: input }, profiles: opts.profiles, onProgress: opts.onProgress });
    const cal = calibrationFor(opts.profiles)?.cal;
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
        uncertainty = Object.entries(u).map(([k, v]) => ({ metric: bandMetric(k as Band), median_abs_pct: v!.median_abs_pct, band_pct: v!.band_pct, basis: v!.basis }));
      }
    }
    const validation = opts.validation === false || !cal ? undefined : validationData(buildCases(SHIPPED.measurements).cases, cal);
    const data = buildReportData(result, { assumptions, uncertainty, validation });
    return { data, result };
  }
}

export async function writeReport(input: string, outDir: string, opts: DataOpts & { force?: boolean; png?: boolean }): Promise<{ index: string; data: ReportData; result: SweepResult }> {
  assertWritableFolder(outDir, 'report', opts.force === true, ['index.html'], '--out');
  const { data, result } = await reportDataFor(input, opts);
  const whatif = await whatIfPanel(result.setup, data.chosen.index, opts.profiles);
  await writeFolderAtomic(outDir, await renderReport(data, { png: opts.png, whatif }));
  return { index: resolve(join(outDir, 'index.html')), data, result };
}

export function reportCommand(y: Argv) {
  y.command(
    CATALOG.chart.command,
    `${CATALOG.chart.describe} (${CHART_KINDS.join(', ')})`,
    (a) =>
      scenarioFlagOptions(a)
        .positional('kind', { choices: CHART_KINDS, describe: 'which chart' })
        .positional('input', { type: 'string', describe: 'sweep spec or scenario YAML, or a sweep results file (.csv/.ndjson from sweep --out or merge) (default: examples/bluelm-quant-sweep.yaml)' })
        .option('out', { type: 'string', demandOption: true, describe: 'PNG file to write' })
        .option('x', { type: 'string', describe: 'pareto: x-axis field (default memory_gb.peak)' })
        .option('y', { type: 'string', describe: 'pareto: y-axis field (default latency_s.ttft)' })
        .option('metric', { type: 'string', describe: 'sensitivity: decode_tok_s.mean, latency_s.ttft or memory_gb.peak' })
        .option('width', { type: 'number', default: 1000 })
        .option('height', { type: 'number', default: 560 })
        .option('profiles', { type: 'string', describe: 'calibration file (default: data/calibrated.yaml)' })
        .option('force', { type: 'boolean', describe: 'overwrite --out' })
        .example('$0 chart latency --device "Pixel 9 Pro" --wbits 4 --out latency.png', "the default sweep's base moved to another phone and 4-bit weights")
        .example('$0 chart pareto --x decode_tok_s.mean --y memory_gb.peak --out front.png', ''),
    (argv) =>
      guard(argv, async () => {
        const out = argv.out as string;
        for (const k of ['width', 'height'] as const) {
          const v = argv[k] as number;
          if (!Number.isInteger(v) || v < 100 || v > 8000) throw new InputError(`expected a whole number of pixels from 100 to 8000, found ${v}`, undefined, `--${k}`);
        }
        assertWritable(out, argv.force === true, '--out');
        const kind = argv.kind as string;
        const { data } = await reportDataFor((argv.input as string | undefined) ?? DEFAULT_REPORT_INPUT, { profiles: argv.profiles, validation: kind.startsWith('validation'), flags: flagsToScenario(argv as unknown as ScenarioFlags) });
        const fields = new Set(Object.keys(data.points[0]?.metrics ?? {}));
        for (const f of ['x', 'y'] as const) {
          const v = argv[f] as string | undefined;
          if (v !== undefined && !fields.has(v)) throw new InputError(`unknown field '${v}'; expected one of ${[...fields].join(', ')}`, undefined, `--${f}`);
        }
        const opts: Record<string, unknown> = {};
        if (argv.x) opts.x = argv.x;
        if (argv.y) opts.y = argv.y;
        if (argv.metric) opts.metric = argv.metric;
        let request;
        try {
          request = chartRequest(kind, opts);
        } catch (e) {
          throw new InputError((e as Error).message, undefined, `--${argv.metric ? 'metric' : 'kind'}`);
        }
        const config = chartFor(request, data);
        writeFileAtomic(out, await renderPng(config, { width: argv.width as number, height: argv.height as number }), { force: argv.force === true });
        process.stdout.write(`wrote ${out}\n`);
      }),
  );
  return y.command(
    CATALOG.report.command,
    CATALOG.report.describe,
    (a) =>
      scenarioFlagOptions(a)
        .positional('input', { type: 'string', describe: 'sweep spec or scenario YAML, or a sweep results file (.csv/.ndjson from sweep --out or merge) (default: examples/bluelm-quant-sweep.yaml)' })
        .option('out', { type: 'string', default: 'mmplan-report', describe: 'output directory' })
        .option('force', { type: 'boolean', describe: 'overwrite an existing report in --out' })
        .option('profiles', { type: 'string', describe: 'calibration file (default: data/calibrated.yaml)' })
        .option('png', { type: 'boolean', default: true, describe: 'also write the charts as PNG (--no-png to skip)' })
        .option('validation', { type: 'boolean', default: true, describe: 'include the validation page (--no-validation to skip)' })
        .example('$0 report', 'the BlueLM-V-3B co-design report (the npm start job) into mmplan-report/')
        .example('$0 report examples/bluelm-quant-sweep.yaml --out q-report --force', 'a report of a sweep spec, overwriting q-report/')
        .example('$0 report --device "Galaxy S24" --model internvl2-2b --out s24', "the default sweep's base on another phone and model"),
    (argv) =>
      guard(argv, async () => {
        let bar = progressBar('sweep', 1);
        let total = 0;
        const r = await writeReport((argv.input as string | undefined) ?? DEFAULT_REPORT_INPUT, argv.out as string, {
          force: argv.force,
          profiles: argv.profiles,
          png: argv.png,
          validation: argv.validation,
          flags: flagsToScenario(argv as unknown as ScenarioFlags),
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
