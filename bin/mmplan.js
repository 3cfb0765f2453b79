#!/usr/bin/env node
// Entry point: runs the compiled CLI (built by `npm install` through the `prepare` script): the
// bundle (dist/bundle, faster to start) when it is at least as new as the tsc output, else that.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const main = join(root, 'dist', 'cli', 'main.js');
const bundle = join(root, 'dist', 'bundle', 'main.js');
if (!existsSync(main)) {
  process.stderr.write("mmplan: not built yet; run 'npm install' (or 'npm run build') in " + root + '\n');
  process.exit(1);
}
const fresh = existsSync(bundle) && statSync(bundle).mtimeMs >= statSync(main).mtimeMs;
await import(pathToFileURL(fresh ? bundle : main).href);
