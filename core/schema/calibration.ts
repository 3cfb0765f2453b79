/**
 * Calibration file schema: what `mmplan calibrate` writes and estimates read back: fitted
 * parameters per engine class and per (device, engine, unit), and validation errors for bands.
 */
import { z } from 'zod';
import { nonNegInt } from './quantity.js';
import { UNIT_KINDS } from './device.js';

/** A fitted parameter: value and its uncertainty (standard deviation of log(value)). */
export const fittedParamSchema = z.object({ value: z.number().positive(), log_sd: z.number().nonnegative().nullable() }).strict();

const fittedSetSchema = z
  .object({
    compute_efficiency: fittedParamSchema.optional(),
    bandwidth_efficiency: fittedParamSchema.optional(),
    call_overhead: fittedParamSchema.optional(),
    request_overhead: fittedParamSchema.optional(),
    memory_overhead: fittedParamSchema.optional(),
  })
  .strict();
export type FittedSet = z.output<typeof fittedSetSchema>;

/** Output of `mmplan calibrate`, read back by estimate/sweep/validate with --profiles. */
export const calibrationSchema = z
  .object({
    kind: z.literal('mmplan-calibration'),
    measurements: z.array(z.string()),
    groups: z.array(
      z.object({ device: z.string(), engine: z.string(), unit: z.enum(UNIT_KINDS), records: nonNegInt, params: fittedSetSchema, unidentifiable: z.array(z.string()).default([]) }).strict(),
    ),
    classes: z.array(z.object({ engine: z.string(), unit: z.enum(UNIT_KINDS), records: nonNegInt, params: fittedSetSchema }).strict()),
    /** Validation error by (metric, engine, device): median absolute percentage error, for uncertainty bands. */
    errors: z
      .array(z.object({ metric: z.string(), engine: z.string().nullable(), device: z.string().nullable(), n: nonNegInt, median_abs_pct: z.number().nonnegative() }).strict())
      .default([]),
  })
  .strict();
export type Calibration = z.output<typeof calibrationSchema>;
