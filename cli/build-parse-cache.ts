/** Build step: parse every shipped YAML file once into dist/parsed (cli/parse-cache.ts). */
import { buildParseCache } from './parse-cache.js';
import { parseDataText } from './load.js';

const n = buildParseCache(parseDataText);
process.stderr.write(`mmplan: ${n} shipped YAML files parsed into dist/parsed\n`);
