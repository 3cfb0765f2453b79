/** `mmplan list devices|models|engines|policies|quants`: what mmplan knows, and the names it answers to. */
import type { Argv } from 'yargs';
import { CATALOG } from './catalog.js';
import { listIds } from '../load.js';
import { loadCatalog, loadDevice, loadModel } from '../names.js';
import { listEngineIds, loadEngine } from '../shipped.js';
import { table } from '../output.js';
import { guard } from '../run.js';
import { modelParams } from '../../core/params.js';
import { TILING_POLICIES, POLICY_DESCRIPTIONS, maxTilesParam } from '../../core/tiling/index.js';
import { quantNames } from '../../core/quant/presets.js';

const WHAT = ['devices', 'models', 'engines', 'policies', 'quants'] as const;

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;

export function listCommand(y: Argv) {
  return y.command(
    CATALOG.list.command,
    CATALOG.list.describe,
    (a) =>
      a
        .positional('what', { choices: WHAT, describe: 'what to list' })
        .option('phones', { type: 'boolean', describe: 'devices: the catalog of products (phones, tablets, laptops, boards) instead of the chips' })
        .option('json', { type: 'boolean', describe: 'print JSON' })
        .example('$0 list devices --phones', 'the phones, tablets and laptops, each with its chip, RAM and battery')
        .example('$0 list quants', 'every name --quant takes'),
    (argv) =>
      guard(argv, () => {
        const out = (rows: unknown[], text: () => string[][]): void => void process.stdout.write(argv.json ? JSON.stringify(rows, null, 2) + '\n' : table(text()) + '\n');
        switch (argv.what) {
          case 'devices': {
            if (argv.phones) {
              const rows = loadCatalog();
              return out(rows, () => [
                ['device', 'maker', 'class', 'year', 'chip (profile)', 'RAM', 'battery'],
                ...rows.map((d) => [d.name, d.maker, d.class, String(d.year ?? '-'), d.soc, d.ram_gb ? `${d.ram_gb.join('/')} GB` : '-', d.battery_wh ? `${d.battery_wh} Wh` : d.battery_mah ? `${d.battery_mah} mAh` : '-']),
              ]);
            }
            const rows = listIds('device').map((id) => loadDevice(id).value);
            return out(rows, () => [
              ['id', 'name', 'class', 'units', 'bandwidth', 'usable memory'],
              ...rows.map((d) => [d.id, d.name, d.class, Object.keys(d.units).join('+'), `${(d.memory.bandwidth / 1e9).toFixed(1)} GB/s`, gb(d.memory.usable)]),
            ]);
          }
          case 'models': {
            const rows = listIds('model').map((id) => loadModel(id).value);
            return out(rows, () => [['id', 'name', 'params', 'vision', 'LLM', 'tiling'], ...rows.map((m) => [m.id, m.name, `${(modelParams(m).total / 1e9).toFixed(2)}B`, m.vision?.name ?? '-', m.llm.name, m.tiling?.policy ?? '-'])]);
          }
          case 'engines': {
            const rows = listEngineIds().map(loadEngine);
            return out(rows, () => [['id', 'name', 'unit', 'runs on'], ...rows.map((e) => [e.id, e.name, e.unit, e.vendors?.join(', ') ?? 'any chip'])]);
          }
          case 'policies': {
            const rows = TILING_POLICIES.map((p) => ({ policy: p, tile_cap: maxTilesParam(p) ?? null, description: POLICY_DESCRIPTIONS[p] }));
            return out(rows, () => [['policy', 'tile cap', 'what it does'], ...rows.map((r) => [r.policy, r.tile_cap ?? '-', r.description])]);
          }
          case 'quants': {
            const rows = quantNames();
            return out(rows, () => [['name', 'kind', 'bits per weight', 'runtime'], ...rows.map((q) => [q.name, q.kind, q.bits, q.runtime])]);
          }
        }
      }),
  );
}
