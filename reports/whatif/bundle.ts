/**
 * The what-if panel's script: reports/whatif/page.ts and the core code it imports, bundled from
 * the TypeScript sources with esbuild's API when a report is written (once per process), so the
 * page always runs the cost model of the code that wrote it, whether that runs from dist/ or from
 * the sources. One IIFE, minified, no imports left, safe inside an inline <script> (the report's
 * CSP allows inline scripts and nothing else).
 *
 * zod is replaced by a stub: only core/quality.ts imports it, to declare the evidence file's
 * schema at module level, and the page never parses a file (the CLI validated the inputs it
 * embeds). The real zod would be ~450 kB of the bundle, most of it error-message locales. Any
 * attempt to parse with the stub throws, naming this file.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

/** The package root (where package.json is), from reports/whatif/ or dist/reports/whatif/. */
const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

export const WHATIF_ENTRY = join(ROOT, 'reports', 'whatif', 'page.ts');

const ZOD_STUB = `
const fail = () => { throw new Error('zod is stubbed out of the what-if page (reports/whatif/bundle.ts): a schema cannot parse here'); };
const PARSE = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'decode', 'encode']);
const stub = new Proxy(function () {}, {
  get: (_t, k) => (k === Symbol.toPrimitive || k === 'then' ? undefined : PARSE.has(k) ? fail : stub),
  apply: () => stub,
  construct: () => stub,
});
export const z = stub;
export default stub;
`;

const stubZod: Plugin = {
  name: 'stub-zod',
  setup(b) {
    b.onResolve({ filter: /^zod(\/.*)?$/ }, (args) => ({ path: args.path, namespace: 'zod-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'zod-stub' }, () => ({ contents: ZOD_STUB, loader: 'js' }));
  },
};

let cached: Promise<string> | undefined;

/** The bundled script (cached for the process). */
export function whatIfScript(): Promise<string> {
  cached ??= (async () => {
    const { build } = await import('esbuild');
    const r = await build({
      entryPoints: [WHATIF_ENTRY],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      minify: true,
      legalComments: 'none',
      charset: 'utf8',
      logLevel: 'silent',
      plugins: [stubZod],
    });
    // Nothing in the script may end its <script> element early or open an HTML comment.
    return r.outputFiles[0].text.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
  })();
  // A failed build is not cached: the next report tries again (and says why).
  cached.catch(() => (cached = undefined));
  return cached;
}
