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
    encode_efficiency: fittedParamSchema.optional(),
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
    /** Unit families of an engine class (Hexagon, Adreno, Apple GPU...): what a device no record measured inherits. */
    families: z.array(z.object({ engine: z.string(), unit: z.enum(UNIT_KINDS), family: z.string(), records: nonNegInt, devices: nonNegInt, params: fittedSetSchema }).strict()).default([]),
    /**
     * Validation error by (metric, engine, device): median and 68th-percentile absolute percentage
     * error, for uncertainty bands. `mode` says which leave-out produced them (device: the error a
     * device no record measured sees; record: a record whose device's other records were fitted).
     */
    errors: z
      .array(
        z
          .object({
            metric: z.string(),
            engine: z.string().nullable(),
            device: z.string().nullable(),
            mode: z.enum(['record', 'device']).default('record'),
            n: nonNegInt,
            median_abs_pct: z.number().nonnegative(),
            p68_abs_pct: z.number().nonnegative().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
export type Calibration = z.output<typeof calibrationSchema>;
