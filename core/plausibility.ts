/**
 * Plausibility: a number that parses but cannot describe a real device is a unit slip ("76.8 MB/s"
 * for a phone's 76.8 GB/s) or a typo, and every estimate built on it would be wrong without a
 * word. Each field has a range spanning every device class mmplan models, from a Raspberry Pi to
 * a data-centre GPU, with a margin; a value outside it is reported with the range and the likely
 * slip. The loader makes it an error, or a warning when the user asks (--allow-implausible).
 */
import type { DeviceProfile, EngineProfile } from './schema/index.js';

export type Implausible = { path: string; message: string };

type Range = { min: number; max: number; unit: string; scale: number };

const GB = 1e9;
/** Ranges per field, in the unit the message shows. */
const RANGES: Record<string, Range> = {
  'memory.bandwidth': { min: 1, max: 20_000, unit: 'GB/s', scale: GB },
  'memory.total': { min: 0.25, max: 8_000, unit: 'GB', scale: GB },
  'memory.usable': { min: 0.06, max: 8_000, unit: 'GB', scale: GB },
  peak: { min: 1, max: 10_000_000, unit: 'GOPS', scale: GB },
  dispatch: { min: 0, max: 10, unit: 'ms', scale: 1e-3 },
  call_overhead: { min: 0, max: 1000, unit: 'ms', scale: 1e-3 },
  request_overhead: { min: 0, max: 60, unit: 's', scale: 1 },
  onchip_buffer: { min: 0.001, max: 1024, unit: 'MB', scale: 1e6 },
  preprocess_per_pixel: { min: 0.01, max: 1000, unit: 'ns', scale: 1e-9 },
  runtime_overhead: { min: 0, max: 64, unit: 'GB', scale: GB },
  memory_overhead: { min: 0, max: 64, unit: 'GB', scale: GB },
};

function check(out: Implausible[], path: string, key: string, value: number | undefined): void {
  if (value === undefined) return;
  const r = RANGES[key];
  const v = value / r.scale;
  if (v >= r.min && v <= r.max) return;
  const slip = v < r.min && v * 1000 >= r.min ? ' (a unit 1000x too small? e.g. MB for GB)' : v > r.max && v / 1000 <= r.max ? ' (a unit 1000x too large?)' : '';
  out.push({ path, message: `implausible value ${+v.toPrecision(4)} ${r.unit}: expected ${r.min} to ${r.max} ${r.unit} for this field${slip}` });
}

export function devicePlausibility(d: DeviceProfile): Implausible[] {
  const out: Implausible[] = [];
  check(out, 'memory.bandwidth', 'memory.bandwidth', d.memory.bandwidth);
  check(out, 'memory.total', 'memory.total', d.memory.total);
  check(out, 'memory.usable', 'memory.usable', d.memory.usable);
  check(out, 'preprocess_per_pixel', 'preprocess_per_pixel', d.preprocess_per_pixel);
  check(out, 'runtime_overhead', 'runtime_overhead', d.runtime_overhead);
  for (const [kind, u] of Object.entries(d.units)) {
    if (!u) continue;
    for (const [p, v] of Object.entries(u.peak)) check(out, `units.${kind}.peak.${p}`, 'peak', v);
    for (const k of ['dispatch', 'call_overhead', 'request_overhead', 'onchip_buffer'] as const) check(out, `units.${kind}.${k}`, k, u[k]);
  }
  return out;
}

export function enginePlausibility(e: EngineProfile): Implausible[] {
  const out: Implausible[] = [];
  check(out, 'memory_overhead', 'memory_overhead', e.memory_overhead);
  for (const k of ['dispatch', 'call_overhead', 'request_overhead'] as const) check(out, `tuning.${k}`, k, e.tuning[k]);
  return out;
}
