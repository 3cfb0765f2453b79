#!/usr/bin/env node
// Entry point: runs the compiled CLI (built by `npm install` through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const main = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(main)) {
  process.stderr.write("mmplan: not built yet; run 'npm install' (or 'npm run build') in " + root + '\n');
  process.exit(1);
}
await import(pathToFileURL(main).href);
