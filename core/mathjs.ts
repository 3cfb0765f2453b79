/**
 * mathjs, loaded from its single-file bundle: the same library and version, parsed from one file
 * (~70 ms) instead of its ~1,000 ESM modules (~850 ms on the 2-core reference machine), which was
 * most of every command's start-up time. Only unit parsing (load time) and calibration's linear
 * algebra use it; nothing in an estimate's hot path does.
 */
import { createRequire } from 'node:module';

type MathJs = typeof import('mathjs');

const require = createRequire(import.meta.url);

let loaded: MathJs | undefined;

/**
 * The library, parsed on first use (~300 ms): commands that parse no unit and fit nothing (--help,
 * --version, list, tiles) never pay for it.
 */
export function mathjs(): MathJs {
  return (loaded ??= require('mathjs/lib/browser/math.js') as MathJs);
}
export type { Unit, Matrix } from 'mathjs';
