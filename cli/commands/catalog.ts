/**
 * The command catalog: each command's usage and one-line description, and the module that
 * registers it. `mmplan --help` and an unknown command need only this table, and a command
 * imports only its own module: `mmplan estimate` does not load the chart renderer, the sweep
 * workers or the Hugging Face importers.
 */
import type { Argv } from 'yargs';

export type CommandEntry = {
  /** Usage as yargs takes it ('sweep <spec>'). */
  command: string;
  describe: string;
  /** The module's register function (it may register its sibling commands too). */
  load: () => Promise<(y: Argv) => unknown>;
};

export type CommandName = 'estimate' | 'list' | 'import-hf' | 'tiles' | 'compare-tiling' | 'calibrate' | 'validate' | 'sweep' | 'merge' | 'chart' | 'report';

// Modules that register two commands each: one loader apiece.
const tilesModule = async () => (await import('./tiles.js')).tilesCommand;
const calibrateModule = async () => (await import('./calibrate.js')).calibrateCommands;
const sweepModule = async () => (await import('./sweep.js')).sweepCommands;
const reportModule = async () => (await import('./report.js')).reportCommand;

export const CATALOG: Record<CommandName, CommandEntry> = {
  estimate: {
    command: 'estimate',
    describe: 'predict latency, decode speed and memory of one deployment (default: BlueLM-V-3B on Dimensity 9300)',
    load: async () => (await import('./estimate.js')).estimateCommand,
  },
  list: {
    command: 'list <what>',
    describe: 'list the shipped devices (chips, or with --phones the phones, tablets and laptops), models, engines, tiling policies or quantization formats',
    load: async () => (await import('./list.js')).listCommand,
  },
  'import-hf': {
    command: 'import-hf <config>',
    describe: 'turn a Hugging Face config.json into a model YAML',
    load: async () => (await import('./import-hf.js')).importHfCommand,
  },
  tiles: {
    command: 'tiles',
    describe: 'show how a tiling policy cuts an image (or the distribution over many images)',
    load: tilesModule,
  },
  'compare-tiling': {
    command: 'compare-tiling',
    describe: 'every tiling policy side by side for one image (with predicted encode/prefill time on a device and model)',
    load: tilesModule,
  },
  calibrate: {
    command: 'calibrate [files..]',
    describe: 'fit engine efficiencies per device from measurements (least squares on log error)',
    load: calibrateModule,
  },
  validate: {
    command: 'validate [files..]',
    describe: 'predicted vs measured per record, each by a calibration that did not see it (by default: not its device)',
    load: calibrateModule,
  },
  sweep: {
    command: 'sweep <spec>',
    describe: 'evaluate a what-if space (bits x tiles x chunk x batch x device ...) and find the Pareto front',
    load: sweepModule,
  },
  merge: {
    command: 'merge <parts..>',
    describe: 'join sweep shard outputs (written with --shard) and recompute the Pareto front',
    load: sweepModule,
  },
  chart: {
    command: 'chart <kind> [input]',
    describe: 'draw one chart as PNG for a sweep spec or a scenario',
    load: reportModule,
  },
  report: {
    command: 'report [input]',
    describe: 'write a self-contained HTML co-design report (and PNG charts) for a sweep spec or a scenario',
    load: reportModule,
  },
};

/** The command an argument list names: its first word that is not a flag (global flags take no value). */
export function commandOf(args: readonly string[]): CommandName | undefined {
  const word = args.find((a) => !a.startsWith('-'));
  return word !== undefined && Object.hasOwn(CATALOG, word) ? (word as CommandName) : undefined;
}
