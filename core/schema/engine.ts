/**
 * Engine profile schema: an inference engine (llama.cpp on the CPU, Genie on the Hexagon NPU, ...)
 * as the software parameters it gives a unit: efficiencies, per-call costs, memory overhead.
 */
import { z } from 'zod';
import { quantity, posInt, fraction } from './quantity.js';
import { UNIT_KINDS } from './device.js';
import { VENDORS } from './family.js';

/** The unit parameters an engine (or a calibration) may set: how well software uses the hardware. */
export const TUNABLE_PARAMS = ['compute_efficiency', 'bandwidth_efficiency', 'dispatch', 'call_overhead', 'request_overhead', 'saturation_rows'] as const;
export type TunableParam = (typeof TUNABLE_PARAMS)[number];

export const unitTuningSchema = z
  .object({
    compute_efficiency: fraction,
    bandwidth_efficiency: fraction,
    dispatch: quantity('seconds', { allowZero: true }),
    call_overhead: quantity('seconds', { allowZero: true }),
    request_overhead: quantity('seconds', { allowZero: true }),
    saturation_rows: posInt,
  })
  .partial()
  .strict();
export type UnitTuning = z.output<typeof unitTuningSchema>;

/**
 * An inference engine (llama.cpp on CPU, Qualcomm Genie on the Hexagon NPU, ...): how efficiently it
 * drives one kind of unit, its per-call costs and its memory overhead. Values are defaults for a
 * device the engine was never calibrated on; calibration replaces them per device.
 */
export const engineProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    name: z.string(),
    unit: z.enum(UNIT_KINDS),
    tuning: unitTuningSchema.default({}),
    /** Replaces the device's runtime_overhead (engine buffers, allocator, app). */
    memory_overhead: quantity('bytes', { allowZero: true }).optional(),
    /** The chip vendors whose hardware the engine runs on (a vendor's own NPU runtime); absent = any. */
    vendors: z.array(z.enum(VENDORS)).min(1).optional(),
    /** Graph style on this unit (NPU runtimes: static shapes). */
    graph: z.enum(['static', 'dynamic']).optional(),
    sources: z.array(z.string()).default([]),
    notes: z.string().optional(),
  })
  .strict();
export type EngineProfile = z.output<typeof engineProfileSchema>;

