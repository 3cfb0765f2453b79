/**
 * Schemas: the shape of every file mmplan reads, written once as zod schemas. The schema is the
 * type (`z.output<...>`), and a failed parse carries the field path, so a loader can say
 * "units.npu.peak.int8: expected ...". Quantities are parsed here, once, into base units (see
 * units.ts); provenance ({value, source, estimated, why} wrappers) is stripped before these run.
 */
export * from './quantity.js';
export * from './device.js';
export * from './model.js';
export * from './scenario.js';
export * from './engine.js';
export * from './calibration.js';
export * from './family.js';
