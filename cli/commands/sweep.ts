/**
 * `mmplan sweep spec.yaml`: evaluate a what-if space, stream the rows, print the Pareto front's best
 * plans. `mmplan merge`: join shard outputs and recompute the front.
 */
import type { Argv } from 'yargs';
import { CATALOG } from './catalog.js';
import { parseShard, shardOut } from '../sweep/shard.js';
import { machineJson } from '../machine-output.js';
import { OUTPUT_SCHEMA_VERSION } from '../../core/schema/output.js';
import { calibrationFor } from '../shipped.js';
import { uncertaintyFor } from '../../core/calibration/index.js';
import type { Calibration } from '../../core/schema/index.js';
import { runSweep } from '../sweep/run.js';
import { readSweepSpec } from '../sweep/setup.js';
import { mergeShards } from '../sweep/merge.js';
import { QUALITY_TOLERANCE } from '../../core/sweep/rank.js';
import { fastestPlan, tradeoffText } from '../../core/sweep/tradeoff.js';
import { GROUP_AXES } from '../../core/sweep/groups.js';
import type { SweepResult } from '../../core/sweep/result.js';
import { rowObject, showValue } from '../sweep/rows.js';
import { progressBar } from '../progress.js';
import { table } from '../output.js';
import { guard } from '../run.js';
import { InputError } from '../../core/errors.js';


const fmtMetric = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3)) : '-');

const kneeRule = (spec: SweepResult['setup']['spec']) => {
  const q = spec.objectives.find((o) => o.sense === 'max' && o.field.startsWith('quality.'));
  return q ? `within ${QUALITY_TOLERANCE * 100}% of the best ${q.field}, then best on the other objectives` : 'closest to the best of every objective, each scaled over the front';
};

export function summaryText(r: SweepResult, cal?: Calibration): string {
  const { spec, evaluator } = r.setup;
  const lines = [
    `${spec.name}: ${r.evaluated.toLocaleString('en-US')} configurations evaluated${r.range[0] > 0 || r.range[1] < spec.size ? ` (slice ${r.range[0]}..${r.range[1]} of ${spec.size})` : ''}, ${r.feasible.toLocaleString('en-US')} feasible, ${r.front.length} on the Pareto front${r.invalid ? `, ${r.invalid} invalid` : ''}${r.notApplicable ? `, ${r.notApplicable} not applicable` : ''}`,
    `objectives: ${spec.objectives.map((o) => `${o.sense} ${o.field}`).join(', ')}; constraints: ${spec.constraints.map((c) => c.text).join(', ') || 'none'}`,
  ];
  if (r.firstError) lines.push(`first invalid configuration: ${r.firstError}`);
  if (r.firstNotApplicable) lines.push(`not applicable (an axis with no meaning there, not a constraint failure): ${r.firstNotApplicable}`);
  if (r.top.length) {
    const cols = [...new Set([...spec.objectives.map((o) => o.field), 'latency_s.ttft', 'decode_tok_s.mean', 'memory_gb.peak'])];
    const ci = cols.map((c) => evaluator.columns.indexOf(c));
    lines.push('', `top ${r.top.length} plans on the front: #1 is its knee (${kneeRule(spec)}), then by ${spec.objectives[0].sense} ${spec.objectives[0].field}, ties by the next objectives:`);
    lines.push(table([['#', ...spec.axes.map((a) => a.path), ...cols], ...r.top.map((row, i) => [String(i + 1), ...row.values.map(showValue), ...ci.map((j) => fmtMetric(row.metrics[j]))])]));
    const t = tradeoffText(r.top[0], fastestPlan(r.front, spec), spec, evaluator.columns);
    if (t) lines.push(`recommended against the fastest plan on the front: ${t}`);
    if (r.perGroup.length > 1) {
      lines.push('', 'recommended per device and model (the knee of each one\'s own front):');
      lines.push(table([[...Object.keys(r.perGroup[0].group), ...spec.axes.filter((a) => !GROUP_AXES.includes(a.path)).map((a) => a.path), ...cols], ...r.perGroup.map((g) => [...Object.values(g.group), ...spec.axes.flatMap((a, i) => (GROUP_AXES.includes(a.path) ? [] : [showValue(g.plan.values[i])])), ...ci.map((j) => fmtMetric(g.plan.metrics[j]))])]));
    }
  } else lines.push('', 'no configuration meets the constraints');
  if (r.top.length && cal) {
    const best = r.setup.evaluator.estimateAt(r.top[0].index);
    const u = uncertaintyFor(cal, best.device.id, best.file.engine);
    const parts = Object.entries(u).map(([k, v]) => `${k} ±${v!.band_pct.toFixed(0)}%`);
    if (parts.length) lines.push(`68% bands of these predictions (leave-one-device-out${best.file.engine ? `, ${best.file.engine}` : ', all engines'}): ${parts.join(', ')}`);
  }
  if (r.written) lines.push('', `wrote ${r.written}`);
  return lines.join('\n') + '\n';
}

export function sweepCommands(y: Argv) {
  y.command(
    CATALOG.sweep.command,
    CATALOG.sweep.describe,
    (a) =>
      a
        .positional('spec', { type: 'string', demandOption: true, describe: 'sweep spec YAML (see examples/)' })
        .option('out', { type: 'string', describe: 'write every row (or the front with --pareto-only) to .csv, .ndjson or .json' })
        .option('pareto-only', { type: 'boolean', describe: 'write only the Pareto-front rows' })
        .option('workers', { type: 'number', describe: 'worker threads (default: the machine\'s cores for large spaces)' })
        .option('shard', { type: 'string', describe: 'evaluate slice i/n of the space, or auto (auto/n) to take i from the job array: Slurm, Kubernetes Indexed Jobs, AWS Batch, GNU parallel (merge with mmplan merge <dir>)' })
        .option('profiles', { type: 'string', describe: 'calibration file (default: data/calibrated.yaml)' })
        .option('quality', { type: 'string', describe: 'your own measured scores (CSV) overriding predicted quality' })
        .option('force', { type: 'boolean', describe: 'overwrite --out' })
        .option('json', { type: 'boolean', describe: 'print the summary, front and top plans as JSON' })
        .example('$0 sweep examples/bluelm-quant-sweep.yaml --out results.csv', '')
        .example('$0 sweep spec.yaml --shard auto/8 --out results/part-{shard}.csv', 'one task of a job array (Slurm, Kubernetes Indexed Job, AWS Batch, GNU parallel); examples/cluster/'),
    (argv) =>
      guard(argv, async () => {
        if (argv.workers !== undefined && (!Number.isInteger(argv.workers) || argv.workers < 1 || argv.workers > 256)) throw new InputError(`expected an integer from 1 to 256, found ${argv.workers}`, undefined, '--workers');
        const bar = progressBar('sweep', 1);
        let barTotal = 0;
        let b = bar;
        const shard = parseShard(argv.shard as string | undefined, process.env);
        const r = await runSweep({
          spec: readSweepSpec(argv.spec as string),
          profiles: argv.profiles,
          quality: argv.quality,
          out: shardOut(argv.out as string | undefined, shard),
          force: argv.force,
          paretoOnly: argv['pareto-only'],
          workers: argv.workers,
          shard,
          onProgress: (done, total) => {
            if (total !== barTotal) {
              barTotal = total;
              b = progressBar('sweep', total);
            }
            b.update(done);
          },
        });
        b.done();
        if (argv.json) {
          const { spec, evaluator } = r.setup;
          const obj = (row: (typeof r.front)[number]) => rowObject(spec, evaluator.columns, row);
          const recommendation = r.top.length
            ? { rule: kneeRule(spec), tradeoff: tradeoffText(r.top[0], fastestPlan(r.front, spec), spec, evaluator.columns) ?? null, per_group: r.perGroup.map((g) => ({ ...g.group, front_size: g.front, plan: obj(g.plan) })) }
            : null;
          process.stdout.write(machineJson({ schema_version: OUTPUT_SCHEMA_VERSION, name: spec.name, size: spec.size, range: r.range, evaluated: r.evaluated, feasible: r.feasible, invalid: r.invalid, not_applicable: r.notApplicable, front_size: r.front.length, objectives: spec.objectives, constraints: spec.constraints.map((c) => c.text), recommendation, top: r.top.map(obj), front: r.front.map(obj), written: r.written ?? null }));
        } else {
          process.stdout.write(summaryText(r, calibrationFor(argv.profiles)?.cal));
        }
      }),
  );

  y.command(
    CATALOG.merge.command,
    CATALOG.merge.describe,
    (a) =>
      a
        .positional('parts', { type: 'string', array: true, demandOption: true, describe: 'shard output files (each with its .meta.json), or folders holding them' })
        .option('out', { type: 'string', demandOption: true, describe: 'merged output (same format as the parts)' })
        .option('force', { type: 'boolean', describe: 'overwrite --out' })
        .option('json', { type: 'boolean', describe: 'print the summary as JSON' })
        .example('$0 merge part1.csv part2.csv part3.csv --out all.csv', 'join three --shard outputs into one file with its Pareto front')
        .example('$0 merge results/ --out all.csv', 'every shard output in a folder (what a job array wrote with --out results/part-{shard}.csv)'),
    (argv) =>
      guard(argv, async () => {
        const summary = await mergeShards(argv.parts as string[], argv.out as string, { force: argv.force === true });
        const { front } = summary;
        if (argv.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
        else process.stdout.write(`merged ${summary.parts} shards: ${summary.rows} of ${summary.size} configurations${summary.complete ? '' : ' (INCOMPLETE)'}, ${summary.feasible} feasible, ${front.length} on the Pareto front\nfront indices: ${summary.front.slice(0, 40).join(', ')}${front.length > 40 ? ', ...' : ''}\nwrote ${argv.out}\n`);
      }),
  );
  return y;
}
