/**
 * Units: a quantity as people write it ("76.8 GB/s", "34 TOPS", "12 GiB", "20 us") parsed once,
 * at load time, into a base-unit number (bytes, bytes/s, ops/s, seconds).
 *
 * GB = 1e9 bytes and GiB = 2^30 bytes (mathjs prefixes), "Gb" is gigabits (1/8 of GB), so a
 * bandwidth written in bits converts correctly. One operation = one multiply or one add; a MAC is 2.
 * mathjs is used only here and only at load time: never in a hot loop.
 */
import { mathjs, type Unit } from './mathjs.js';


let instance: ReturnType<ReturnType<typeof mathjs>['create']> | undefined;
/** A mathjs instance with mmplan's units, made on first use (see mathjs.ts). */
function math() {
  if (!instance) {
    const m = mathjs();
    instance = m.create(m.all, {});
    instance.createUnit('OP', { prefixes: 'short', aliases: ['op'] });
  }
  return instance;
}

/** What a field measures, and the base unit its number is stored in. */
export type Dimension = 'bytes' | 'bytes_per_s' | 'ops_per_s' | 'seconds' | 'ops';

const BASE: Record<Dimension, string> = {
  bytes: 'B',
  bytes_per_s: 'B/s',
  ops_per_s: 'OP/s',
  seconds: 's',
  ops: 'OP',
};

const EXAMPLE: Record<Dimension, string> = {
  bytes: '"12 GiB" or "400 MB"',
  bytes_per_s: '"76.8 GB/s"',
  ops_per_s: '"34 TOPS" or "2 TFLOPS"',
  seconds: '"20 us" or "1.5 ms"',
  ops: '"5 GOP"',
};

/** "34 TOPS" -> "34 TOP/s", "2.5 TFLOPS" -> "2.5 TOP/s", "1 GFLOP" -> "1 GOP". */
function normaliseOps(text: string): string {
  return text
    .replace(/\b([kMGTP]?)(?:FLOPS|OPS)\b/g, '$1OP/s')
    .replace(/\b([kMGTP]?)FLOP\b/g, '$1OP');
}

/** Bit units ("Gb", "Mb"): right for link rates, never for a memory size. */
const BITS = /^[-+]?[\d.]+(?:e[-+]?\d+)?\s*([kKMGTP]?)b$/;

/**
 * Parse a quantity into the base unit of `dim`. A unit is required: a bare number ("76.8") says
 * nothing about GB/s versus MB/s and is an error, except 0, which is 0 in any unit. Throws an
 * Error with a one-line message saying what was expected (the caller adds file and field).
 */
export function parseQuantity(input: unknown, dim: Dimension): number {
  if (typeof input === 'number' || (typeof input === 'string' && /^\s*[-+]?\d*\.?\d+(e[-+]?\d+)?\s*$/i.test(input))) {
    const n = Number(input);
    if (n === 0) return 0;
    throw new Error(`expected a quantity with a unit like ${EXAMPLE[dim]}, found the bare number ${Number.isFinite(n) ? n : String(input)} (which unit?)`);
  }
  if (typeof input !== 'string') {
    throw new Error(`expected a quantity like ${EXAMPLE[dim]}, found ${describe(input)}`);
  }
  const text = normaliseOps(input.trim());
  const bits = BITS.exec(text);
  if (dim === 'bytes' && bits) {
    throw new Error(`"${input}" is in ${bits[1]}bits (1/8 of ${bits[1]}B); a memory size is in bytes: write "${text.replace(/b$/, 'B')}" if you meant ${bits[1]}bytes`);
  }
  const fast = plainQuantity(text, dim);
  if (fast !== undefined) return fast;
  let unit: Unit;
  try {
    unit = math().unit(text);
  } catch {
    throw new Error(`expected a quantity like ${EXAMPLE[dim]}, found "${input}"`);
  }
  const base = math().unit(BASE[dim]);
  if (!unit.equalBase(base)) {
    throw new Error(`expected a quantity in ${BASE[dim]} like ${EXAMPLE[dim]}, found "${input}" (a different dimension)`);
  }
  const value = unit.toNumber(BASE[dim]);
  if (!Number.isFinite(value)) throw new Error(`expected a finite quantity, found "${input}"`);
  return value;
}

/**
 * The forms profiles are written in ("76.8 GB/s", "12 GiB", "34 TOP/s", "20 us"), read without
 * mathjs: loading it costs a CLI call about 0.1 s. The prefix factors are mathjs's own (decimal
 * k..P, binary Ki..Pi for bytes; m, u, n for seconds), multiplied the way mathjs does (number times
 * prefix value); core/units.test.ts checks every shipped quantity and random ones against mathjs.
 * Anything else goes to mathjs. @internal
 */
const DECIMAL: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 };
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50 };
const SUB: Record<string, number> = { '': 1, m: 1e-3, u: 1e-6, n: 1e-9 };
const BYTE_PREFIXES: Record<string, number> = { ...DECIMAL, ...BINARY };
const PLAIN = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*([kKMGTPmun]i?|)(B\/s|B|OP\/s|OP|s)$/;
const UNIT_OF: Record<Dimension, string> = { bytes: 'B', bytes_per_s: 'B/s', ops_per_s: 'OP/s', ops: 'OP', seconds: 's' };
export function plainQuantity(text: string, dim: Dimension): number | undefined {
  const m = PLAIN.exec(text);
  if (!m || m[3] !== UNIT_OF[dim]) return undefined;
  const table = dim === 'seconds' ? SUB : dim === 'bytes' || dim === 'bytes_per_s' ? BYTE_PREFIXES : DECIMAL;
  const factor = table[m[2]];
  if (factor === undefined) return undefined;
  const v = Number(m[1]) * factor;
  return Number.isFinite(v) ? v : undefined;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** Format base-unit numbers for people. */
export const fmt = {
  gb: (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`,
  s: (sec: number) => (sec < 1 ? `${(sec * 1e3).toFixed(1)} ms` : `${sec.toFixed(2)} s`),
};
