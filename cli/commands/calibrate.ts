/**
 * `mmplan calibrate`: fit engine-class and (device, engine, unit) parameters to measurements and
 * write them as a calibration file. `mmplan validate`: predicted vs measured per record, leave-one-
 * out by default, with the bare roofline and the uncalibrated defaults beside it.
 */
import type { Argv } from 'yargs';
import { stringify } from 'yaml';
import { calibrateAll, calibrationLayers, errorBands, leaveOneOutBy, predictAll, toCalibration, validationSummary, type FitResult, type ValidationRow, type ValidationSummary, type ErrorSummary } from '../../core/calibration/index.js';
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
    'calibrate [files..]',
    'fit engine efficiencies per device from measurements (least squares on log error)',
    (a) =>
      a
        .positional('files', { type: 'string', array: true, describe: 'measurement YAML files (default: the shipped data/measurements*.yaml)' })
        .option('device', { type: 'string', describe: 'only records of this device' })
        .option('engine', { type: 'string', describe: 'only records of this engine' })
        .option('out', { type: 'string', describe: 'write the calibration here (YAML)' })
        .option('force', { type: 'boolean', describe: 'overwrite --out' })
        .option('errors', { type: 'boolean', default: true, describe: 'also run leave-one-out validation and store its errors as uncertainty bands (--no-errors to skip)' })
        .option('json', { type: 'boolean', describe: 'print the calibration and residuals as JSON' }),
    (argv) =>
      guard(argv, async () => {
        const files = filesOf(argv);
        // Checked before the fit, which takes a while: a bad --out must not waste it.
        if (argv.out) assertWritable(argv.out, argv.force === true, '--out');
        const set = buildCases(files, { device: argv.device, engine: argv.engine });
        requireCases(set, files);
        const fits = calibrateAll(set.cases);
        const errors = argv.errors !== false ? errorBands(await validateCases(set, true)) : [];
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
    'validate [files..]',
    'predicted vs measured per record (leave-one-out by default), with error summaries',
    (a) =>
      a
        .positional('files', { type: 'string', array: true, describe: 'measurement YAML files (default: the shipped data/measurements*.yaml)' })
        .option('profiles', { type: 'string', describe: 'a calibration file from mmplan calibrate' })
        .option('fit', { type: 'boolean', default: true, describe: 'leave-one-out refits (--no-fit: predict with --profiles as they are)' })
        .option('device', { type: 'string', describe: 'only records of this device' })
        .option('engine', { type: 'string', describe: 'only records of this engine' })
        .option('metric', { type: 'string', describe: 'only records of this metric' })
        .option('json', { type: 'boolean', describe: 'print {records, summary, unmapped} as JSON' })
        .option('csv', { type: 'boolean', describe: 'print one CSV row per record' }),
    (argv) =>
      guard(argv, async () => {
        const files = filesOf(argv);
        const set = buildCases(files, { device: argv.device, engine: argv.engine, metric: argv.metric });
        requireCases(set, files);
        const rows = await validateCases(set, argv.fit !== false, argv.profiles);
        const summary = validationSummary(rows);
        if (argv.json) {
          process.stdout.write(
            JSON.stringify(
              {
                mode: argv.fit === false ? 'no-fit' : 'leave-one-out',
                records: rows.map((r) => ({ id: r.id, metric: r.metric, device: r.device, engine: r.engine, unit: r.unit, measured: r.measured, predicted: r.predicted, error_pct: r.error_pct, roofline: r.roofline, defaults: r.defaults })),
                summary,
                unmapped: set.unmapped.map((u) => ({ id: u.record.id, reason: u.reason })),
              },
              null,
              2,
            ) + '\n',
          );
          return;
        }
        if (argv.csv) {
          process.stdout.write(csv([['id', 'metric', 'device', 'engine', 'unit', 'measured', 'predicted', 'error_pct', 'roofline', 'defaults'], ...rows.map((r) => [r.id, r.metric, r.device, r.engine, r.unit, r.measured, r.predicted, r.error_pct.toFixed(1), r.roofline, r.defaults])]));
          return;
        }
        process.stdout.write(renderValidation(rows, summary, set, argv.fit === false ? 'predicted with the given profiles (no refit)' : 'leave-one-out: each record predicted by a fit that did not see it'));
      }),
  );
  return y;
}

/**
 * Validation rows: leave-one-out refits, or predictions with a given calibration as it is. The
 * refits yield to the event loop between records, so Ctrl-C or SIGTERM stops a long run at once.
 */
export async function validateCases(set: CaseSet, refit: boolean, profiles?: string): Promise<ValidationRow[]> {
  const bar = progressBar('validating', set.cases.length);
  try {
    if (refit) {
      const one = leaveOneOutBy(set.cases);
      const rows: ValidationRow[] = [];
      for (let i = 0; i < set.cases.length; i++) {
        rows.push(one(i));
        bar.update(i + 1);
        await new Promise((r) => setImmediate(r));
      }
      return rows;
    }
    const cal = profiles ? loadCalibration(profiles) : undefined;
    return predictAll(set.cases, (c) => calibrationLayers(cal, { device: c.device.id, engine: c.engine, unit: c.unit }).layers);
  } finally {
    bar.done();
  }
}

const pct = (x: number) => `${x.toFixed(1)}%`;
const share = (x: number) => `${Math.round(x * 100)}%`;

function summaryTable(title: string, s: ErrorSummary[]): string {
  return `${style.bold(title)}\n` + table([['', 'n', 'median |err|', 'mean |err|', 'within ±10%', 'within ±25%'], ...s.map((x) => [x.key, String(x.n), pct(x.median_ape), pct(x.mean_ape), share(x.within_10), share(x.within_25)])]) + '\n';
}

function renderValidation(rows: ValidationRow[], s: ValidationSummary, set: CaseSet, mode: string): string {
  const out: string[] = [`${rows.length} records, ${mode}\n`];
  out.push(summaryTable('by metric (calibrated)', s.by_metric));
  const base = s.by_metric.map((m) => {
    const r = s.baselines.roofline.find((x) => x.key === m.key)!;
    const d = s.baselines.defaults.find((x) => x.key === m.key)!;
    return [m.key, pct(r.median_ape), pct(d.median_ape), pct(m.median_ape)];
  });
  out.push(`${style.bold('median |err| by metric: bare roofline (peaks only) vs uncalibrated defaults vs calibrated')}\n` + table([['', 'roofline', 'defaults', 'calibrated'], ...base]) + '\n');
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
