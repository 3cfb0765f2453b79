/**
 * Chip family schema: what a device profile's chip shares with others (vendor, product line,
 * predecessor, faster bin, CPU cores, GPU and NPU generations). It lets a planner say which
 * engines can run on a chip, order a family by physics, and transfer a calibration from a known
 * chip to a new one of the same family. Kept in device-profiles/families/families.yaml.
 */
import { z } from 'zod';

export const VENDORS = ['qualcomm', 'mediatek', 'google', 'samsung', 'apple', 'nvidia', 'intel', 'amd', 'broadcom', 'arm', 'imagination', 'unisoc', 'huawei'] as const;
export type Vendor = (typeof VENDORS)[number];

const part = z.object({ vendor: z.string().optional(), family: z.string().nullable().optional(), arch: z.string().nullable().optional(), model: z.string().nullable().optional(), generation: z.string().nullable().optional() }).strict();

export const familySchema = z
  .object({
    vendor: z.enum(VENDORS),
    line: z.string(),
    year: z.number().int().min(2000).max(2100).nullable(),
    predecessor: z.string().nullable(),
    bin_of: z.string().nullable(),
    memory: z.string().nullable(),
    cpu: z.object({ isa: z.string().nullable(), big_core: z.string().nullable(), big_cores: z.number().int().positive().nullable(), cores: z.number().int().positive().nullable() }).strict().nullable(),
    gpu: part.nullable(),
    npu: part.nullable(),
    sources: z.array(z.string()).default([]),
  })
  .strict();
export type Family = z.output<typeof familySchema>;

export const familiesFileSchema = z.record(z.string(), familySchema);
