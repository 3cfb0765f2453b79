import { describe, expect, it } from 'vitest';
import { parseQuantity, plainQuantity } from './units.js';
import { create, all } from 'mathjs';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('parseQuantity', () => {
  it('parses decimal and binary byte prefixes explicitly', () => {
    expect(parseQuantity('76.8 GB/s', 'bytes_per_s')).toBe(76.8e9);
    expect(parseQuantity('12 GiB', 'bytes')).toBe(12 * 2 ** 30);
    expect(parseQuantity('400 MB', 'bytes')).toBe(400e6);
  });
  it('reads bits per second as an eighth of bytes per second', () => {
    expect(parseQuantity('76.8 Gb/s', 'bytes_per_s')).toBeCloseTo(9.6e9, 0);
  });
  it('reads TOPS and TFLOPS as operations per second', () => {
    expect(parseQuantity('34 TOPS', 'ops_per_s')).toBe(34e12);
    expect(parseQuantity('2.5 TFLOPS', 'ops_per_s')).toBe(2.5e12);
    expect(parseQuantity('900 GOPS', 'ops_per_s')).toBe(900e9);
  });
  it('reads times', () => {
    expect(parseQuantity('20 us', 'seconds')).toBeCloseTo(20e-6, 15);
    expect(parseQuantity('1.5 ms', 'seconds')).toBeCloseTo(1.5e-3, 15);
  });
  it('refuses a bare number (which unit?) except 0, and says what a unit looks like', () => {
    expect(() => parseQuantity(76.8, 'bytes_per_s')).toThrow(/expected a quantity with a unit like "76.8 GB\/s", found the bare number 76.8/);
    expect(() => parseQuantity('1e9', 'bytes')).toThrow(/bare number 1000000000/);
    expect(parseQuantity(0, 'seconds')).toBe(0);
    expect(parseQuantity('0', 'bytes')).toBe(0);
  });
  it('refuses bits for a memory size, with the byte spelling; bits per second stay a rate', () => {
    expect(() => parseQuantity('12 Gb', 'bytes')).toThrow(/"12 Gb" is in Gbits .* write "12 GB"/);
    expect(parseQuantity('8 Gb/s', 'bytes_per_s')).toBe(1e9);
  });
  it('rejects the wrong dimension, garbage and non-finite numbers with a message saying what was expected', () => {
    expect(() => parseQuantity('5 GB', 'bytes_per_s')).toThrow(/different dimension/);
    expect(() => parseQuantity('fast', 'bytes_per_s')).toThrow(/expected a quantity like "76.8 GB\/s"/);
    expect(() => parseQuantity(Infinity, 'bytes')).toThrow(/bare number Infinity/);
    expect(() => parseQuantity(null, 'bytes')).toThrow(/found null/);
  });
});

describe('the quantities read without mathjs equal what mathjs reads', () => {
  // The reference: mathjs as core/units.ts sets it up (all units, plus OP with short prefixes).
  const m = create(all, {});
  m.createUnit('OP', { prefixes: 'short', aliases: ['op'] });
  const BASE = { bytes: 'B', bytes_per_s: 'B/s', ops_per_s: 'OP/s', ops: 'OP', seconds: 's' } as const;
  const reference = (text: string, dim: keyof typeof BASE) => m.unit(text).toNumber(BASE[dim]);
  const FORMS: Array<[string, keyof typeof BASE]> = [
    ...['', 'k', 'M', 'G', 'T', 'P', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'].flatMap((p) => [[`${p}B`, 'bytes'], [`${p}B/s`, 'bytes_per_s']] as Array<[string, keyof typeof BASE]>),
    ...['', 'k', 'M', 'G', 'T', 'P'].flatMap((p) => [[`${p}OP/s`, 'ops_per_s'], [`${p}OP`, 'ops']] as Array<[string, keyof typeof BASE]>),
    ...['', 'm', 'u', 'n'].map((p) => [`${p}s`, 'seconds'] as [string, keyof typeof BASE]),
  ];
  it('for random numbers in every form the fast path reads (exactly)', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: FORMS.length - 1 }), fc.boolean(), (v, i, space) => {
        const [unit, dim] = FORMS[i];
        const text = `${v}${space ? ' ' : ''}${unit}`;
        const fast = plainQuantity(text, dim);
        if (fast !== undefined) read++;
        expect(fast ?? reference(text, dim)).toBe(reference(text, dim));
      }),
      { numRuns: 2000 },
    );
    // The few spellings the pattern does not take fall through to mathjs, which reads them.
    expect(read).toBeGreaterThan(1990);
  });
  it('for every quantity written in the shipped device profiles and engines (exactly)', () => {
    const files = readdirSync('device-profiles', { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.yaml'));
    let n = 0;
    for (const e of files) {
      const text = readFileSync(join(e.parentPath, e.name), 'utf8');
      for (const [, q] of text.matchAll(/:\s*"?([\d.]+(?:e[-+]?\d+)?\s*(?:[kMGTPmun]i?)?(?:B\/s|B|OPS|FLOPS|OP\/s|s))"?\s*[,}\n]/g)) {
        const normalised = q.replace(/\b([kMGTP]?)(?:FLOPS|OPS)\b/g, '$1OP/s');
        const dim = /B\/s$/.test(normalised) ? 'bytes_per_s' : /B$/.test(normalised) ? 'bytes' : /OP\/s$/.test(normalised) ? 'ops_per_s' : 'seconds';
        const fast = plainQuantity(normalised, dim);
        if (fast === undefined) continue;
        expect(fast, `${e.name}: ${q}`).toBe(reference(normalised, dim));
        n++;
      }
    }
    expect(n).toBeGreaterThan(200);
  });
  it('leaves other spellings to mathjs', () => {
    expect(plainQuantity('1 GB + 1 MB', 'bytes')).toBeUndefined();
    expect(plainQuantity('2 hours', 'seconds')).toBeUndefined();
    expect(plainQuantity('3 Ms', 'seconds')).toBeUndefined();
    expect(parseQuantity('2 minutes', 'seconds')).toBe(120);
  });
});
