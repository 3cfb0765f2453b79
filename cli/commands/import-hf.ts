/** `mmplan import-hf config.json`: a Hugging Face config.json -> a model YAML for the zoo. */
import type { Argv } from 'yargs';
import { CATALOG } from './catalog.js';
import { basename, dirname } from 'node:path';
import { stringify } from 'yaml';
import { importHfConfig } from '../../core/import/hf/index.js';
import { modelConfigSchema } from '../../core/schema/index.js';
import { modelParams } from '../../core/params.js';
import { loadEncoder, readDataFile, validate } from '../load.js';
import { LLM_TYPES } from '../../core/import/hf/llm.js';
import { MULTIMODAL } from '../../core/import/hf/families/index.js';
import { InputError } from '../../core/errors.js';
import { assertWritable, writeFileAtomic } from '../write.js';
import { guard } from '../run.js';

/** An id from the config's folder or file name: ".../InternVL2-2B/config.json" -> "internvl2-2b". */
function defaultId(file: string): string {
  const stem = basename(file) === 'config.json' ? basename(dirname(file)) : basename(file).replace(/\.json$/, '');
  return stem.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'imported-model';
}

export function importHfCommand(y: Argv) {
  return y.command(
    CATALOG['import-hf'].command,
    `${CATALOG['import-hf'].describe} (model_type: ${[...LLM_TYPES, ...Object.keys(MULTIMODAL)].join(', ')})`,
    (a) =>
      a
        .positional('config', { type: 'string', demandOption: true, describe: 'path to config.json' })
        .option('id', { type: 'string', describe: 'model id (default: from the folder or file name)' })
        .option('name', { type: 'string', describe: 'display name' })
        .option('source', { type: 'string', describe: 'where the config came from (URL), recorded in the YAML' })
        .option('out', { type: 'string', describe: 'write the YAML here instead of stdout' })
        .option('force', { type: 'boolean', describe: 'overwrite --out if it exists' })
        .example('$0 import-hf ./InternVL2-2B/config.json --out models/my-internvl.yaml', ''),
    (argv) =>
      guard(argv, () => {
        const file = argv.config as string;
        if (argv.out) assertWritable(argv.out, argv.force === true, '--out');
        const raw = readDataFile(file);
        const id = argv.id ?? defaultId(file);
        let model: Record<string, unknown>;
        try {
          model = importHfConfig(raw, { id, name: argv.name, source: argv.source ?? `imported from ${file}` });
        } catch (e) {
          // The importer names the config field in its message; the file is ours to add.
          if (e instanceof InputError) throw new InputError(e.message, file);
          throw e;
        }
        // A named shipped encoder stays a name in the YAML; it is read here only to check and count.
        const withEncoder = typeof model.vision === 'string' ? { ...model, vision: loadEncoder(model.vision, file).vision } : model;
        const checked = validate(modelConfigSchema, withEncoder, file, 'model config').value;
        const total = modelParams(checked).total;
        const yaml = `# Imported by mmplan import-hf from ${file}; ${(total / 1e9).toFixed(3)}B parameters counted.\n` + stringify(model, { lineWidth: 120 });
        if (argv.out) {
          writeFileAtomic(argv.out, yaml, { force: argv.force === true });
          process.stderr.write(`wrote ${argv.out} (${id}, ${(total / 1e9).toFixed(3)}B parameters)\n`);
        } else process.stdout.write(yaml);
      }),
  );
}
