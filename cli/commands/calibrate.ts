/**
 * `mmplan calibrate`: fit engine-class and (device, engine, unit) parameters to measurements and
 * write them as a calibration file. `mmplan validate`: predicted vs measured per record, leave-one-
 * out by default, with the bare roofline and the uncalibrated defaults beside it.
 */
import type { Argv } from 'yargs';
import { CATALOG } from './catalog.js';
import { stringify } from 'yaml';
import { calibrateSteps, calibrationLayers, errorBands, leaveOutBy, predictAll, toCalibration, unitFamily, validationSummary, LEAVE_OUT, type LeaveOut, type FitResult, type ValidationRow, type ValidationSummary, type ErrorSummary } from '../../core/calibration/index.js';
import type { FittedSet } from '../../core/schema/index.js';
import { buildCases, type CaseSet } from '../measurement-input.js';
import { SHIPPED, fileLabel, loadCalibration } from '../shipped.js';
import { assertWritable, writeFileAtomic } from '../write.js';
import { table, csv, style } from '../output.js';
import { guard } from '../run.js';
import { InputError } from '../../core/errors.js';
import { progressBar } from '../progress.js';

const filesOf = (argv: { files?: unknown }) => ((argv.files as string[] | undefined)?.length ? (argv.files as string[]) : SHIPPED.measurements);

const fmtParam = (name: string, p: { value: number; log_sd: number | null }) => {
  const v = name === 'memory_overhead' ? `${(p.value / 1e9).toFixed(2)} GB` : p.value.toFixed(3);
  return p.log_sd === null ? `${v} (no uncertainty: as many parameters as records, or at a bound)` : `${v} ×/÷ ${Math.exp(p.log_sd).toFixed(2)}`;
};

function paramsText(params: FittedSet): string {
  return Object.entries(params)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k} ${fmtParam(k, v!)}`)
    .join(', ');
}

/**
 * A measurement file where no record can be used is bad input, not an empty result: say so, with
 * the most common reasons. (A partly usable file runs, and lists what it skipped.)
 */
function requireCases(set: CaseSet, files: string[]): void {
  if (set.cases.length > 0) return;
  if (set.unmapped.length === 0) throw new InputError('no measurement records (expected a list of records with id, source, metric, value and model)', files.join(', '));
  const reasons = new Map<string, number>();
  for (const u of set.unmapped) {
    const r = u.reason.replace(/^.*?: \[\d+\]\.?/, '').replace(/'[^']*'/g, "'...'").slice(0, 80);
    reasons.set(r, (reasons.get(r) ?? 0) + 1);
  }
  const top = [...reasons.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([r, n]) => `${n} x ${r}`).join('; ');
  throw new InputError(`none of the ${set.unmapped.length} record(s) can be used (${top})`, files.join(', '));
}

function unmappedText(set: CaseSet): string {
  if (!set.unmapped.length) return '';
  const lines = set.unmapped.map((u) => `  ${u.record.id}: ${u.reason}`);
  return `\n${set.unmapped.length} record(s) not mapped:\n${lines.join('\n')}\n`;
}

export function calibrateCommands(y: Argv) {
  y.command(
    CATALOG.calibrate.command,
    CATALOG.calibrate.describe,
    (a) =>
      a
        .positional('files', { type: 'string', array: true, describe: 'measurement YAML files (default: the shipped data/measurements*.yaml)' })
        .option('device', { type: 'string', describe: 'only records of this device' })
        .option('engine', { type: 'string', describe: 'only records of this engine' })
        .option('out', { type: 'string', describe: 'write the calibration here (YAML)' })
        .option('force', { type: 'boolean', describe: 'overwrite --out' })
        .option('errors', { type: 'boolean', default: true, describe: 'also run leave-one-device-out validation and store its errors as uncertainty bands (--no-errors to skip)' })
        .option('json', { type: 'boolean', describe: 'print the calibration and residuals as JSON' })
        .example('$0 calibrate --out data/calibrated.yaml --force', 'refit the shipped calibration from data/measurements*.yaml')
        .example('$0 calibrate my-phone.yaml --out my-cal.yaml', 'fit your own measurements; use it with estimate --profiles my-cal.yaml'),
    (argv) =>
      guard(argv, async () => {
        const files = filesOf(argv);
        // Checked before the fit, which takes a while: a bad --out must not waste it.
        if (argv.out) assertWritable(argv.out, argv.force === true, '--out');
        const set = buildCases(files, { device: argv.device, engine: argv.engine });
        requireCases(set, files);
        // One fit at a time, yielding in between: Ctrl-C or SIGTERM stops a long calibration at once.
        const steps = calibrateSteps(set.cases);
        let step = steps.next();
        while (!step.done) {
          await new Promise((r) => setImmediate(r));
          step = steps.next();
        }
        const fits = step.value;
        // Bands from leave-one-device-out: the error a device no record measured sees (the honest one).
        const errors = argv.errors !== false ? errorBands(await validateCases(set, true, undefined, 'device'), 'device') : [];
        const cal = toCalibration(files.map(fileLabel), fits, set.cases, errors);
        const residuals = [...fits.groups.values()].flatMap((f) => f.residuals);
        if (argv.out) {
          writeFileAtomic(argv.out, `# mmplan calibration, fitted by 'mmplan calibrate' from ${cal.measurements.join(', ')}\n` + stringify(cal, { lineWidth: 140 }), { force: argv.force === true });
          process.stderr.write(`wrote ${argv.out}\n`);
        }
        if (argv.json) return void process.stdout.write(JSON.stringify({ calibration: cal, residuals, unmapped: set.unmapped.map((u) => ({ id: u.record.id, reason: u.reason })) }, null, 2) + '\n');
        process.stdout.write(renderCalibration(set, fits));
      }),
  );

  y.command(
    CATALOG.validate.command,
    CATALOG.validate.describe,
    (a) =>
      a
        .positional('files', { type: 'string', array: true, describe: 'measurement YAML files (default: the shipped data/measurements*.yaml)' })
        .option('leave-out', {
          choices: LEAVE_OUT,
          default: 'device' as LeaveOut,
          describe: "what a record's fit must not have seen: its device (a phone nobody measured), the record alone, its engine, or its source",
        })
        .option('profiles', { type: 'string', describe: 'a calibration file from mmplan calibrate' })
        .option('fit', { type: 'boolean', default: true, describe: 'refit without each fold (--no-fit: predict with --profiles as they are)' })
        .option('device', { type: 'string', describe: 'only records of this device' })
        .option('engine', { type: 'string', describe: 'only records of this engine' })
        .option('metric', { type: 'string', describe: 'only records of this metric' })
        .option('json', { type: 'boolean', describe: 'print {records, summary, compare, unmapped} as JSON' })
        .option('csv', { type: 'boolean', describe: 'print one CSV row per record' })
        .example('$0 validate', 'leave-one-device-out on the shipped measurements, beside leave-one-record-out and the bare roofline')
        .example('$0 validate --leave-out source --engine llama.cpp-cpu', 'how far off a new source of llama.cpp CPU numbers would be')
        .example('$0 validate data/heldout/measurements-2025-heldout.yaml --no-fit --profiles data/calibrated.yaml', 'held-out records against the shipped calibration'),
    (argv) =>
      guard(argv, async () => {
        const files = filesOf(argv);
        const set = buildCases(files, { device: argv.device, engine: argv.engine, metric: argv.metric });
        requireCases(set, files);
        const mode = argv['leave-out'] as LeaveOut;
        const refit = argv.fit !== false;
        const rows = await validateCases(set, refit, argv.profiles, mode);
        const summary = validationSummary(rows);
        // The honest figure and the flattering one side by side: leave-one-device-out is reported
        // beside leave-one-record-out (and the bare roofline) from the same run.
        const other = refit && mode !== 'record' ? validationSummary(await validateCases(set, true, undefined, 'record')) : undefined;
        const compare = compareTable(summary, other, refit ? mode : "no refit");
        if (argv.json) {
          process.stdout.write(
            JSON.stringify(
              {
                mode: refit ? `leave-out-${mode}` : 'no-fit',
                records: rows.map((r) => ({ id: r.id, metric: r.metric, device: r.device, engine: r.engine, unit: r.unit, source: r.source, level: r.level, measured: r.measured, predicted: r.predicted, error_pct: r.error_pct, roofline: r.roofline, defaults: r.defaults })),
                summary,
                compare,
                unmapped: set.unmapped.map((u) => ({ id: u.record.id, reason: u.reason })),
              },
              null,
              2,
            ) + '\n',
          );
          return;
        }
        if (argv.csv) {
          process.stdout.write(csv([['id', 'metric', 'device', 'engine', 'unit', 'source', 'level', 'measured', 'predicted', 'error_pct', 'roofline', 'defaults'], ...rows.map((r) => [r.id, r.metric, r.device, r.engine, r.unit, r.source, r.level, r.measured, r.predicted, r.error_pct.toFixed(1), r.roofline, r.defaults])]));
          return;
        }
        const what = refit ? `leave-one-${mode}-out: each record predicted by a fit that did not see ${mode === 'record' ? 'it' : `its ${mode}`}` : 'predicted with the given profiles (no refit)';
        process.stdout.write(renderValidation(rows, summary, set, what, compare));
      }),
  );
  return y;
}

/** Median |error| by metric: the chosen leave-out, leave-one-record-out, the defaults and the bare roofline. */
type Compare = Array<{ metric: string; n: number; chosen: number; record: number | null; defaults: number; roofline: number; mode: string }>;

function compareTable(s: ValidationSummary, record: ValidationSummary | undefined, mode: string): Compare {
  return s.by_metric.map((m) => ({
    metric: m.key,
    n: m.n,
    mode,
    chosen: m.median_ape,
    record: record?.by_metric.find((x) => x.key === m.key)?.median_ape ?? null,
    defaults: s.baselines.defaults.find((x) => x.key === m.key)!.median_ape,
    roofline: s.baselines.roofline.find((x) => x.key === m.key)!.median_ape,
  }));
}

/**
 * Validation rows: leave-one-out refits, or predictions with a given calibration as it is. The
 * refits yield to the event loop between records, so Ctrl-C or SIGTERM stops a long run at once.
 */
export async function validateCases(set: CaseSet, refit: boolean, profiles?: string, mode: LeaveOut = 'device'): Promise<ValidationRow[]> {
  const bar = progressBar(`validating (leave-one-${mode}-out)`, set.cases.length);
  try {
    if (refit) {
      const one = leaveOutBy(set.cases, mode);
      const rows: ValidationRow[] = [];
      for (let i = 0; i < set.cases.length; i++) {
        rows.push(one(i));
        bar.update(i + 1);
        await new Promise((r) => setImmediate(r));
      }
      return rows;
    }
    const cal = profiles ? loadCalibration(profiles) : undefined;
    return predictAll(set.cases, (c) => calibrationLayers(cal, { device: c.device.id, engine: c.engine, unit: c.unit, family: unitFamily(c.device, c.unit) }));
  } finally {
    bar.done();
  }
}

const pct = (x: number) => `${x.toFixed(1)}%`;
const share = (x: number) => `${Math.round(x * 100)}%`;

function summaryTable(title: string, s: ErrorSummary[]): string {
  return `${style.bold(title)}\n` + table([['', 'n', 'median |err|', 'mean |err|', 'within ±10%', 'within ±25%'], ...s.map((x) => [x.key, String(x.n), pct(x.median_ape), pct(x.mean_ape), share(x.within_10), share(x.within_25)])]) + '\n';
}

function renderValidation(rows: ValidationRow[], s: ValidationSummary, set: CaseSet, mode: string, compare: Compare): string {
  const out: string[] = [`${rows.length} records, ${mode}\n`];
  out.push(summaryTable('by metric (calibrated)', s.by_metric));
  const hasRecord = compare.some((c) => c.record !== null);
  const chosen = compare[0]?.mode === 'no refit' ? 'calibrated (no refit)' : `leave-out ${compare[0]?.mode ?? ''}`;
  const head = ['', 'n', 'roofline', 'defaults', chosen, ...(hasRecord ? ['leave-out record'] : [])];
  const base = compare.map((c) => [c.metric, String(c.n), pct(c.roofline), pct(c.defaults), pct(c.chosen), ...(hasRecord ? [c.record === null ? '-' : pct(c.record)] : [])]);
  out.push(`${style.bold('median |err| by metric: bare roofline (peaks only), uncalibrated defaults, calibrated')}\n` + table([head, ...base]) + '\n');
  const levels = new Map<string, number>();
  for (const r of rows) levels.set(r.level, (levels.get(r.level) ?? 0) + 1);
  out.push(`${style.bold('where the parameters came from')}: ${[...levels].map(([l, n]) => `${n} at ${l} level`).join(', ')}\n`);
  out.push(summaryTable('by device', s.by_device));
  out.push(summaryTable('by engine', s.by_engine));
  out.push(
    `${style.bold('worst records')}\n` +
      table([['id', 'metric', 'device', 'engine', 'measured', 'predicted', 'error'], ...s.worst.map((w) => [w.id, w.metric, w.device, w.engine, w.measured.toPrecision(4), w.predicted.toPrecision(4), `${w.error_pct >= 0 ? '+' : ''}${w.error_pct.toFixed(0)}%`])]) +
      '\n',
  );
  out.push(unmappedText(set));
  return out.join('\n');
}

function renderCalibration(set: CaseSet, fits: { classes: Map<string, FitResult>; groups: Map<string, FitResult> }): string {
  const out: string[] = [`${set.cases.length} records mapped, ${set.unmapped.length} not mapped\n`];
  out.push(style.bold('engine classes (pooled over devices)'));
  for (const [k, f] of fits.classes) out.push(`  ${k}: ${paramsText(f.params) || 'nothing identifiable'}${f.unidentifiable.length ? style.dim(`; unidentifiable: ${f.unidentifiable.map((u) => `${u.param} (${u.why})`).join(', ')}`) : ''}`);
  out.push('');
  out.push(style.bold('device, engine, unit'));
  for (const [k, f] of fits.groups) out.push(`  ${k}: ${paramsText(f.params) || 'nothing identifiable (class values)'}${f.unidentifiable.length ? style.dim(`; unidentifiable: ${f.unidentifiable.map((u) => `${u.param} (${u.why})`).join(', ')}`) : ''}`);
  out.push('');
  out.push(style.bold('residuals (fit, in-sample)'));
  const res = [...fits.groups.values()].flatMap((f) => f.residuals);
  out.push(table([['id', 'metric', 'measured', 'predicted', 'log error', ''], ...res.map((r) => [r.id, r.metric, r.measured.toPrecision(4), r.predicted.toPrecision(4), r.log_error.toFixed(3), r.outlier ? 'OUTLIER (>2x off)' : ''])]));
  out.push(unmappedText(set));
  return out.join('\n') + '\n';
}
