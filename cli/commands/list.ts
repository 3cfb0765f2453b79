/** `mmplan list devices|models`: the shipped zoo. */
import type { Argv } from 'yargs';
import { listIds, loadDevice, loadModel } from '../load.js';
import { table } from '../output.js';
import { guard } from '../run.js';
import { modelParams } from '../../core/params.js';

export function listCommand(y: Argv) {
  return y.command(
    'list <what>',
    'list the shipped device profiles or models',
    (a) =>
      a
        .positional('what', { choices: ['devices', 'models'] as const, describe: 'what to list' })
        .option('json', { type: 'boolean', describe: 'print JSON' }),
    (argv) =>
      guard(argv, () => {
        if (argv.what === 'devices') {
          const rows = listIds('device').map((id) => loadDevice(id).value);
          if (argv.json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
          process.stdout.write(
            table([
              ['id', 'name', 'class', 'units', 'bandwidth', 'usable memory'],
              ...rows.map((d) => [d.id, d.name, d.class, Object.keys(d.units).join('+'), `${(d.memory.bandwidth / 1e9).toFixed(1)} GB/s`, `${(d.memory.usable / 1e9).toFixed(1)} GB`]),
            ]) + '\n',
          );
        } else {
          const rows = listIds('model').map((id) => loadModel(id).value);
          if (argv.json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
          process.stdout.write(
            table([
              ['id', 'name', 'params', 'vision', 'LLM', 'tiling'],
              ...rows.map((m) => [m.id, m.name, `${(modelParams(m).total / 1e9).toFixed(2)}B`, m.vision?.name ?? '-', m.llm.name, m.tiling?.policy ?? '-']),
            ]) + '\n',
          );
        }
      }),
  );
}
