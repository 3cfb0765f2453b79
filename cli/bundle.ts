/**
 * The CLI bundle: cli/main.ts and the sweep worker bundled by esbuild into dist/bundle/ (one file per
 * command, shared code in chunks), so a call loads a handful of files instead of ~250 modules (zod
 * alone is 99): `estimate --json` starts in about 0.28 s instead of 0.38 s. bin/mmplan.js runs it
 * when it is at least as new as the tsc build, else dist/cli/main.js. Native and lazily required
 * packages stay outside (the canvas, esbuild itself, mathjs, chart.js, yaml, image-size).
 */
import { join } from 'node:path';

export const BUNDLE_EXTERNAL = ['@napi-rs/canvas', 'esbuild', 'mathjs', 'chart.js', 'yaml', 'image-size'];

export async function buildBundle(root: string): Promise<void> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, 'cli', 'main.ts'), join(root, 'cli', 'sweep', 'worker.ts')],
    outdir: join(root, 'dist', 'bundle'),
    entryNames: '[name]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: BUNDLE_EXTERNAL,
    // Bundled CommonJS code (yargs' helpers) calls require: give it the module's own.
    banner: { js: "import { createRequire as __mmplanRequire } from 'node:module'; const require = __mmplanRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}
