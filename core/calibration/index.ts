/**
 * Calibration: fit the software parameters of (device, engine, unit) to published measurements and
 * say how far off predictions are. One concept per file:
 *   case.ts             a record ready to predict, and its prediction under tuning layers
 *   solver.ts           Levenberg-Marquardt with a soft-L1 robust loss (generic)
 *   identifiability.ts  which parameters a set of records determines
 *   fit.ts              one fit on log error, with an optional prior
 *   levels.ts           engine class -> (device, engine, unit) group; lookups in a calibration file
 *   validate.ts         leave-one-out and no-refit predictions beside roofline and defaults
 *   summary.ts          error summaries, the worst records, error bands
 *   bands.ts            the uncertainty band an estimate prints
 *   apply.ts            an engine and its calibration applied to a device
 *   document.ts         the calibration file's content
 *   records.ts          measurement records mapped to cases (or the reason they cannot be)
 */
export * from './case.js';
export * from './fit.js';
export * from './levels.js';
export * from './validate.js';
export * from './summary.js';
export * from './bands.js';
export * from './apply.js';
export * from './document.js';
export * from './records.js';
