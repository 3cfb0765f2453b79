/**
 * Engine profile schema: an inference engine (llama.cpp on the CPU, Genie on the Hexagon NPU, ...)
 * as the software parameters it gives a unit: efficiencies, per-call costs, memory overhead.
 */
import { z } from 'zod';
import { quantity, posInt, fraction } from './quantity.js';
import { UNIT_KINDS } from './device.js';
import { VENDORS } from './family.js';

/** The unit parameters an engine (or a calibration) may set: how well software uses the hardware. */
export const TUNABLE_PARAMS = ['compute_efficiency', 'encode_efficiency', 'bandwidth_efficiency', 'dispatch', 'call_overhead', 'request_overhead', 'saturation_rows'] as const;
export type TunableParam = (typeof TUNABLE_PARAMS)[number];

export const unitTuningSchema = z
  .object({
    compute_efficiency: fraction,
    encode_efficiency: fraction,
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
    /** Other names people use for this engine (a product name, an app built on it). */
    aliases: z.array(z.string()).default([]),
    unit: z.enum(UNIT_KINDS),
    tuning: unitTuningSchema.default({}),
    /** Replaces the device's runtime_overhead (engine buffers, allocator, app). */
    memory_overhead: quantity('bytes', { allowZero: true }).optional(),
    /** The chip vendors whose hardware the engine runs on (a vendor's own NPU runtime); absent = any. */
    vendors: z.array(z.enum(VENDORS)).min(1).optional(),
    /** Graph style on this unit (NPU runtimes: static shapes). */
    graph: z.enum(['static', 'dynamic']).optional(),
    /**
     * What the engine does unless told otherwise (device-profiles/engines/MECHANICS.md has the
     * sources): the activation width its matmuls run quantized weights with, the prompt rows one
     * prefill graph call takes (a fixed graph pads the last one), and the context it allocates the
     * KV cache for at start, the KV width and the weight group size. Applied under the user's own choices, to estimates and to measurement
     * records alike.
     */
    defaults: z
      .object({
        activation_bits: z.union([z.literal(8), z.literal(16), z.literal(32)]).optional(),
        chunk: posInt.optional(),
        kv_context: posInt.optional(),
        /** KV cache element width (llama.cpp: f16 unless --cache-type-k/v says otherwise). */
        kv_bits: posInt.optional(),
        /** Weights per quantization group for a bare weight width (llama.cpp Q4_0/Q8_0 blocks: 32). */
        group_size: posInt.optional(),
      })
      .strict()
      .default({}),
    sources: z.array(z.string()).default([]),
    notes: z.string().optional(),
  })
  .strict();
export type EngineProfile = z.output<typeof engineProfileSchema>;
export type EngineDefaults = EngineProfile['defaults'];

