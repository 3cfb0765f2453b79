/**
 * Device profile schema: one SoC or board as the cost model sees it: its compute units (peaks per
 * precision and how well software drives them), memory (bandwidth, total, what one app may use) and
 * where each stage of a request runs by default.
 */
import { z } from 'zod';
import { quantity, posInt, fraction } from './quantity.js';
import { familySchema } from './family.js';

/** Compute precisions a unit can have a peak for (the arithmetic the MACs run in). */
export const COMPUTE_PRECISIONS = ['int4', 'int8', 'int16', 'fp16', 'bf16', 'fp32'] as const;
export type ComputePrecision = (typeof COMPUTE_PRECISIONS)[number];
export const UNIT_KINDS = ['cpu', 'gpu', 'npu'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Which unit runs each stage of a request. Declared once: profiles, scenarios and files share it. */
export const placementSchema = z
  .object({
    patch_embed: z.enum(UNIT_KINDS),
    vit: z.enum(UNIT_KINDS),
    projector: z.enum(UNIT_KINDS),
    llm: z.enum(UNIT_KINDS),
  })
  .strict();
export type Placement = z.output<typeof placementSchema>;

export const computeUnitSchema = z
  .object({
    name: z.string().optional(),
    /** Dense peak ops/s by compute precision. */
    peak: z.partialRecord(z.enum(COMPUTE_PRECISIONS), quantity('ops_per_s')),
    /**
     * Which compute precision a weight x activation pair runs at, e.g. {w4a16: int16}: an NPU
     * dequantizes 4-bit weights and multiplies at the 16-bit rate. Pairs not listed use the
     * default rule (see roofline.computePrecision).
     */
    precision_map: z.record(z.string().regex(/^w\d+a\d+$/), z.enum(COMPUTE_PRECISIONS)).default({}),
    /**
     * Pairs this unit has no fused kernel for: the weights are first dequantized to the compute
     * precision in DRAM (a separate graph node), once per call, then multiplied. Costs
     * weights x (compute bytes written + read back) of extra, non-overlapped traffic per call.
     */
    dequantize: z.array(z.string().regex(/^w\d+a\d+$/)).default([]),
    /** Achievable fraction of peak compute for large, well-shaped matrix work. */
    compute_efficiency: fraction,
    /**
     * The vision encoder's own achievable fraction of peak, when it differs from the LLM's (an
     * engine runs its 16-bit encoder through other kernels than its quantized LLM: llama.cpp's
     * mmproj). Absent: compute_efficiency. Fitted by calibration from vision-encode records.
     */
    encode_efficiency: fraction.optional(),
    /** Achievable fraction of the device's DRAM bandwidth when this unit streams. */
    bandwidth_efficiency: fraction,
    /** Fixed cost per operator call (kernel launch, graph node). */
    dispatch: quantity('seconds', { allowZero: true }),
    /** Fixed cost per graph/forward call (graph launch, sync with the host). */
    call_overhead: quantity('seconds', { allowZero: true }).default(0),
    /** Fixed cost once per request before the first token (tokenizer, sampler and graph set-up, warm-up). */
    request_overhead: quantity('seconds', { allowZero: true }).default(0),
    /** Rows (M) a matrix op needs to keep the unit busy; fewer rows use a fraction M/sat_rows. */
    saturation_rows: posInt,
    /** On-chip memory (SRAM/TCM/L2) for activations; working sets beyond it spill to DRAM. */
    onchip_buffer: quantity('bytes'),
    /** 'static': graphs have fixed shapes, so partial chunks/batches are padded to full size. */
    graph: z.enum(['static', 'dynamic']).default('dynamic'),
    /** Batch sizes with a compiled graph besides the requested one (static graphs only). */
    compiled_batches: z.array(posInt).default([1]),
  })
  .strict();
export type ComputeUnit = z.output<typeof computeUnitSchema>;

export const deviceProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected a lower-case id like "dimensity-9300"'),
    name: z.string(),
    class: z.enum(['phone', 'tablet', 'laptop', 'embedded', 'desktop', 'datacenter']),
    soc: z.string().optional(),
    /** Other names of the chip: part numbers (SM8650, MT6989), short forms people write (8G3). */
    aliases: z.array(z.string()).default([]),
    example_devices: z.array(z.string()).default([]),
    memory: z
      .object({
        type: z.string(),
        bandwidth: quantity('bytes_per_s'),
        total: quantity('bytes'),
        /** What one app may really use (not total RAM). */
        usable: quantity('bytes'),
      })
      .strict()
      .refine((m) => m.usable <= m.total, { message: 'usable memory must not exceed total memory', path: ['usable'] }),
    units: z.partialRecord(z.enum(UNIT_KINDS), computeUnitSchema),
    /** Image resize/normalize cost on the CPU. */
    preprocess_per_pixel: quantity('seconds'),
    /** Memory the runtime itself holds (allocator, graph buffers, tokenizer, app). */
    runtime_overhead: quantity('bytes', { allowZero: true }),
    /** Default unit for each stage when the scenario does not say. */
    default_placement: placementSchema,
    /** The product the user named (a phone, a laptop), when the device was named by product: its RAM and battery. */
    product: z
      .object({ name: z.string(), maker: z.string(), os: z.string(), ram_gb: z.number().positive().nullable(), battery_mah: z.number().positive().nullable(), battery_wh: z.number().positive().nullable(), source: z.string() })
      .strict()
      .optional(),
    /** The chip's family (vendor, line, generations); the loader fills it from families.yaml. */
    family: familySchema.optional(),
    /** Fraction of speed kept under sustained load (thermal); 1 = no throttling. Superseded by `power` (core/energy/thermal.ts); kept as the source's figure. */
    sustained_derate: fraction.default(1),
    /** Power and heat, over the class defaults of core/energy/defaults.ts (watts, joules, pJ per byte). */
    power: z
      .object({
        base_w: z.number().nonnegative().optional(),
        unit_w: z.partialRecord(z.enum(UNIT_KINDS), z.number().positive()).optional(),
        dram_pj_per_byte: z.number().positive().optional(),
        sustain_w: z.number().positive().optional(),
        heat_j: z.number().nonnegative().optional(),
      })
      .strict()
      .optional(),
    sources: z.array(z.string()).default([]),
    notes: z.string().optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    for (const [stage, unit] of Object.entries(d.default_placement)) {
      if (!d.units[unit as UnitKind]) {
        ctx.addIssue({ code: 'custom', path: ['default_placement', stage], message: `places ${stage} on '${unit}', but the profile has no units.${unit}` });
      }
    }
    for (const [kind, u] of Object.entries(d.units)) {
      if (u && Object.keys(u.peak).length === 0) {
        ctx.addIssue({ code: 'custom', path: ['units', kind, 'peak'], message: 'expected at least one precision with a peak' });
      }
    }
  });
export type DeviceProfile = z.output<typeof deviceProfileSchema>;
