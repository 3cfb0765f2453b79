/**
 * Build steps after tsc (`npm install` and `npm run build` run them): parse the shipped YAML into
 * the parse cache (cli/parse-cache.ts) and bundle the CLI (cli/bundle.ts). Both only make starts
 * faster; mmplan runs without them.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildParseCache } from './parse-cache.js';
import { parseDataText, PACKAGE_ROOT } from './load.js';
import { buildBundle } from './bundle.js';

const n = buildParseCache(parseDataText);
rmSync(join(PACKAGE_ROOT, 'dist', 'bundle'), { recursive: true, force: true });
await buildBundle(PACKAGE_ROOT);
process.stderr.write(`mmplan: ${n} shipped YAML files parsed into dist/parsed; CLI bundled into dist/bundle\n`);
