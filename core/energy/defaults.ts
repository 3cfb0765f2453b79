/**
 * Power and heat defaults per device class, for a profile that gives no `power:` block. Every value
 * is an estimate with its reason; `data/measurements-energy.yaml` holds the published power and
 * sustained-run measurements they are checked against (mmplan validate reports the error).
 *
 * - `base_w`: the SoC, DRAM refresh and rails while a request runs, screen excluded.
 * - `unit_w`: a compute unit's active power while it runs a phase (cores or shaders clocked up; a
 *   memory-bound decode keeps them clocked, so the same figure applies).
 * - `dram_pj_per_byte`: energy to move one byte between DRAM and the chip.
 * - `sustain_w`: what the device dissipates steadily without throttling (phones: the skin-temperature
 *   limit); `heat_j`: the heat it can absorb above that before throttling starts (its thermal mass).
 */
import type { DeviceProfile, UnitKind } from '../schema/index.js';

export type PowerParams = {
  base_w: number;
  unit_w: Record<UnitKind, number>;
  dram_pj_per_byte: number;
  sustain_w: number;
  heat_j: number;
};

type DeviceClass = DeviceProfile['class'];

/**
 * LPDDR5/5X moves a byte for about 4-5 pJ/bit of interface and array energy (JEDEC LPDDR5 targets;
 * Horowitz, "Computing's energy problem", ISSCC 2014, Fig. 1.1.9: 1.3-2.6 nJ per 64-bit DDR3 access,
 * i.e. 20-40 pJ/bit, of which LPDDR5 at 4 nm-class I/O keeps roughly a fifth): 40 pJ per byte.
 */
const LPDDR_PJ_PER_BYTE = 40;

export const POWER_DEFAULTS: Record<DeviceClass, PowerParams & { why: string }> = {
  phone: {
    base_w: 1.0,
    // Phone CPU clusters draw 4-6 W at full load, GPUs 5-8 W, NPUs 2-4 W for LLM work (estimated from
    // published SoC power curves; the NPU's lower figure is why NPU decode throttles less).
    unit_w: { cpu: 5, gpu: 6.5, npu: 3 },
    dram_pj_per_byte: LPDDR_PJ_PER_BYTE,
    sustain_w: 4.5,
    heat_j: 700,
    why: 'estimated: phones hold 4-5 W steadily (skin temperature) and throttle a 7-9 W load within minutes; published back-to-back runs lose 20-45% on GPU/CPU, NPUs less',
  },
  tablet: {
    base_w: 1.5,
    unit_w: { cpu: 7, gpu: 9, npu: 4 },
    dram_pj_per_byte: LPDDR_PJ_PER_BYTE,
    sustain_w: 7,
    heat_j: 1500,
    why: 'estimated: a larger chassis than a phone spreads about half again as much heat',
  },
  laptop: {
    base_w: 4,
    unit_w: { cpu: 25, gpu: 30, npu: 6 },
    dram_pj_per_byte: LPDDR_PJ_PER_BYTE,
    sustain_w: 30,
    heat_j: 4000,
    why: 'estimated: fan-cooled thin laptops sustain 25-35 W package power',
  },
  embedded: {
    base_w: 3,
    unit_w: { cpu: 6, gpu: 15, npu: 5 },
    dram_pj_per_byte: LPDDR_PJ_PER_BYTE,
    sustain_w: 20,
    heat_j: 3000,
    why: 'estimated: Jetson-class modules with a heatsink and fan hold their power mode (15-25 W for Orin NX/AGX modes in use); a Raspberry Pi draws far less than its cap',
  },
  desktop: {
    base_w: 20,
    unit_w: { cpu: 80, gpu: 200, npu: 10 },
    dram_pj_per_byte: 60,
    sustain_w: 300,
    heat_j: 20000,
    why: 'estimated: desktop cooling holds rated power',
  },
  datacenter: {
    base_w: 60,
    unit_w: { cpu: 200, gpu: 400, npu: 50 },
    dram_pj_per_byte: 60,
    sustain_w: 1000,
    heat_j: 50000,
    why: 'estimated: datacenter cooling holds rated power',
  },
};

const memo = new WeakMap<DeviceProfile, PowerParams>();

/** A device's power parameters: its profile's `power:` block over its class's defaults (once per profile object). */
export function powerParams(d: DeviceProfile): PowerParams {
  let p = memo.get(d);
  if (!p) memo.set(d, (p = resolvePower(d)));
  return p;
}

function resolvePower(d: DeviceProfile): PowerParams {
  const c = POWER_DEFAULTS[d.class];
  const p = d.power;
  return {
    base_w: p?.base_w ?? c.base_w,
    unit_w: { ...c.unit_w, ...(p?.unit_w ?? {}) },
    dram_pj_per_byte: p?.dram_pj_per_byte ?? c.dram_pj_per_byte,
    sustain_w: p?.sustain_w ?? c.sustain_w,
    heat_j: p?.heat_j ?? c.heat_j,
  };
}

/** A typical battery when the device was named by its chip, not a product (Wh). */
export const CLASS_BATTERY_WH: Partial<Record<DeviceClass, number>> = {
  // 5,000 mAh at 3.87 V nominal, the common 2024-25 flagship battery.
  phone: 19.35,
  tablet: 30,
  laptop: 60,
};
