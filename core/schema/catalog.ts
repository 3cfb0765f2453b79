/**
 * Device catalog schema: the devices people name ("Pixel 9 Pro", "Galaxy S24 Ultra"), each mapped to
 * the SoC profile the cost model uses, with the RAM variants sold, the battery and the OS. A phone
 * sold with different chips by region is one entry per variant, one of them the default.
 */
import { z } from 'zod';

export const OS_KINDS = ['android', 'ios', 'ipados', 'macos', 'windows', 'linux'] as const;

export const catalogEntrySchema = z
  .object({
    name: z.string().min(1),
    maker: z.string(),
    aliases: z.array(z.string()).default([]),
    year: z.number().int().min(2000).max(2100).nullable(),
    class: z.enum(['phone', 'tablet', 'laptop', 'embedded', 'desktop']),
    os: z.enum(OS_KINDS),
    /** A device profile id. */
    soc: z.string(),
    /** RAM variants sold, base first (GB as marketed = GiB of physical memory); null when no source gave it. */
    ram_gb: z.array(z.number().positive()).nullable(),
    battery_mah: z.number().positive().nullable(),
    battery_wh: z.number().positive().nullable(),
    source: z.string().min(1),
    notes: z.string().nullable().default(null),
    /** Regional variants: the family name, the markets, and whether this is the family's default. */
    variant_of: z.string().optional(),
    region: z.array(z.string()).optional(),
    default_variant: z.boolean().optional(),
    why: z.string().optional(),
  })
  .strict();
export type CatalogEntry = z.output<typeof catalogEntrySchema>;

export const catalogFileSchema = z
  .object({ devices: z.array(catalogEntrySchema).min(1) })
  .strict()
  .superRefine((c, ctx) => {
    const families = new Map<string, number>();
    c.devices.forEach((d) => {
      if (d.variant_of) families.set(d.variant_of, (families.get(d.variant_of) ?? 0) + (d.default_variant ? 1 : 0));
    });
    for (const [f, n] of families) if (n !== 1) ctx.addIssue({ code: 'custom', path: ['devices'], message: `variant family '${f}' needs exactly one default_variant (has ${n})` });
  });
export type Catalog = z.output<typeof catalogFileSchema>;
