import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bytesPerWeight, kvBytes } from './bits.js';

describe('bytesPerWeight', () => {
  it('adds the scale bytes of each group', () => {
    // INT4, 128-weight groups, fp16 scale: 0.5 + 2/128 B = 4.125 bits.
    expect(bytesPerWeight({ wbits: 4, abits: 16, group_size: 128, scale_bytes: 2 })).toBe(0.515625);
    // INT8 per channel: scales ignored.
    expect(bytesPerWeight({ wbits: 8, abits: 16, group_size: 0, scale_bytes: 0 })).toBe(1);
    // 3-bit, 64-weight groups, fp16 scale + fp16 zero: 0.375 + 4/64.
    expect(bytesPerWeight({ wbits: 3, abits: 16, group_size: 64, scale_bytes: 4 })).toBe(0.4375);
  });
  it('never decreases with more bits (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 512 }), fc.integer({ min: 0, max: 8 }), (b, g, sb) => {
        const q = { abits: 16, group_size: g, scale_bytes: sb };
        expect(bytesPerWeight({ ...q, wbits: b + 1 })).toBeGreaterThan(bytesPerWeight({ ...q, wbits: b }));
      }),
    );
  });
  it('packs sub-byte KV caches', () => {
    expect(kvBytes(8)).toBe(1);
    expect(kvBytes(4)).toBe(0.5);
    expect(kvBytes(16)).toBe(2);
  });
});
