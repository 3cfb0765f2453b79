/**
 * What the tool ships, counted by the tool: the block between `<!-- counts:start -->` and
 * `<!-- counts:end -->` in README.md. `npm run readme` writes it; test/readme-counts.test.ts fails
 * when the README's block is not the one the shipped files give.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { listIds, PACKAGE_ROOT } from './load.js';
import { loadCatalog, loadModel } from './names.js';
import { listEngineIds } from './shipped.js';
import { TILING_POLICIES } from '../core/tiling/index.js';
import { quantNames } from '../core/quant/presets.js';
import { buildCases } from './measurement-input.js';

export const START = '<!-- counts:start (npm run readme writes this block) -->';
export const END = '<!-- counts:end -->';

/** The README block, from the shipped files. */
export function countsBlock(): string {
  const models = listIds('model').map((id) => loadModel(id).value);
  const vlm = models.filter((m) => m.vision).length;
  const moe = models.filter((m) => m.llm.moe).length;
  const data = join(PACKAGE_ROOT, 'data');
  const measurementFiles = readdirSync(data).filter((f) => /^measurements.*\.yaml$/.test(f)).map((f) => join(data, f));
  const set = buildCases(measurementFiles);
  const records = set.cases.length + set.unmapped.length;
  const quality = readdirSync(join(PACKAGE_ROOT, 'models', 'quality')).filter((f) => f.endsWith('.yaml')).length;
  const lines = [
    `- ${listIds('device').length} chip profiles (\`mmplan list devices\`) and ${loadCatalog().length} products that use them: phones, tablets, laptops, boards (\`mmplan list devices --phones\`)`,
    `- ${models.length} models (\`mmplan list models\`): ${vlm} vision-language, ${models.length - vlm} text-only, ${moe} mixtures of experts`,
    `- ${listEngineIds().length} engine profiles (\`mmplan list engines\`), ${TILING_POLICIES.length} tiling policies (\`mmplan list policies\`), ${quantNames().length} named quantization formats (\`mmplan list quants\`)`,
    `- ${records} published measurements in \`data/\` (${set.cases.length} mapped to a device, model and engine the cost model predicts), quality evidence for ${quality} models`,
  ];
  return [START, ...lines, END].join('\n');
}

/** The README with its block replaced. */
export function withCounts(readme: string, block = countsBlock()): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error('README.md has no counts block');
  return readme.slice(0, a) + block + readme.slice(b + END.length);
}

export const readmePath = () => join(PACKAGE_ROOT, 'README.md');
export const readReadme = () => readFileSync(readmePath(), 'utf8');
