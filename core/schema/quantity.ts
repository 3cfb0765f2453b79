/**
 * Field types shared by every schema: a physical quantity as people write it ("76.8 GB/s", "34 TOPS",
 * "12 GiB"), parsed once into its base unit with a plausibility ceiling, and the small numeric
 * kinds (positive integers, fractions, bit widths).
 */
import { z } from 'zod';
import { parseQuantity, type Dimension } from '../units.js';

/**
 * Plausibility ceilings: a number past these is a unit slip or a typo (a 10 PB/s phone), not a
 * device. Generous: several times today's largest accelerators.
 */
const CEILING: Record<Dimension, { max: number; text: string }> = {
  bytes: { max: 64e12, text: '64 TB' },
  bytes_per_s: { max: 50e12, text: '50 TB/s' },
  ops_per_s: { max: 1e17, text: '100 POPS' },
  seconds: { max: 3600, text: '1 hour' },
  ops: { max: 1e21, text: '1 ZOP' },
};

/** A quantity in a file ("76.8 GB/s" or a bare base-unit number), parsed to a positive number. */
export const quantity = (dim: Dimension, opts: { allowZero?: boolean } = {}) =>
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    try {
      const n = parseQuantity(v, dim);
      if (opts.allowZero ? n < 0 : n <= 0) {
        ctx.addIssue({ code: 'custom', message: `expected a ${opts.allowZero ? 'non-negative' : 'positive'} quantity, found ${JSON.stringify(v)}` });
        return z.NEVER;
      }
      if (n > CEILING[dim].max) {
        ctx.addIssue({ code: 'custom', message: `implausible value ${JSON.stringify(v)} (over ${CEILING[dim].text}); check the unit (GB vs Gb, TOPS vs GOPS)` });
        return z.NEVER;
      }
      return n;
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
      return z.NEVER;
    }
  });

export const posInt = z.number().int().positive().max(1e9);
export const nonNegInt = z.number().int().nonnegative();
export const fraction = z.number().gt(0).lte(1);
/** A bit width (weights, activations, KV cache). */
export const bits = z.number().int().min(1).max(32);
