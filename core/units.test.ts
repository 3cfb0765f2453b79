import { describe, expect, it } from 'vitest';
import { parseQuantity } from './units.js';

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
